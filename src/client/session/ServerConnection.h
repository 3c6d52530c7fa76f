#pragma once
// The client end of the protocol: a reader thread reads server lines from the transport,
// routes events to the EventRouter at once and queues complete replies for the thread that
// sent the request.

#include "client/session/EventRouter.h"
#include "client/session/LineTransport.h"
#include "client/session/ReplyAssembler.h"
#include "client/session/ReplyQueue.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>
#include <thread>

namespace toom::client {

/// Request/reply over a LineTransport with asynchronous events.
class ServerConnection {
public:
    /// Does not start reading until start(). `events` must outlive the connection.
    ServerConnection(LineTransport& transport, EventRouter& events, std::size_t queueCapacity = 64);

    /// Stops the reader thread (see stop()).
    ~ServerConnection();

    ServerConnection(const ServerConnection&) = delete;
    ServerConnection& operator=(const ServerConnection&) = delete;

    /// Called on the reader thread once the server has closed the connection (or stop() ended
    /// it), after the last reply was queued. Set before start().
    void onClosed(std::function<void()> callback) { _onClosed = std::move(callback); }

    /// Called on the reader thread with each complete reply just before it is queued, so that
    /// what must know the session's state at once (who is logged in, for the event printer)
    /// learns it before any event that follows the reply. Set before start().
    void onReply(std::function<void(const ServerReply&)> callback) {
        _onReply = std::move(callback);
    }

    /// Starts the reader thread.
    void start();

    /// Sends one request line. False if the connection is gone.
    bool send(std::string_view line);

    /// Waits for the next complete reply (the first one is the greeting). Nothing once the
    /// connection is closed and every reply has been taken, or after abandon().
    std::optional<ServerReply> nextReply();

    /// As nextReply(), waiting at most `timeout` (for the greeting: a server that says
    /// nothing). Nothing then too; closed() tells a close from a timeout.
    std::optional<ServerReply> nextReplyWithin(std::chrono::milliseconds timeout);

    /// Stops waiting for replies: nextReply() returns nothing from now on (the session is
    /// ending, e.g. on a TIMEOUT event). The reader keeps routing events until the close.
    void abandon() { _replies.abandon(); }

    /// Closes the transport and joins the reader thread. Idempotent.
    void stop();

    /// True once the reader saw the end of the connection.
    bool closed() const { return _closed; }

    /// True once a line arrived that is not protocol (the peer speaks something else).
    bool sawForeignLine() const { return _sawForeignLine; }

private:
    void readLoop();

    LineTransport& _transport;
    EventRouter& _events;
    ReplyQueue _replies;
    ReplyAssembler _assembler;
    std::function<void()> _onClosed;
    std::function<void(const ServerReply&)> _onReply;
    std::thread _reader;
    std::atomic<bool> _closed{false};
    std::atomic<bool> _sawForeignLine{false};
};

} // namespace toom::client
