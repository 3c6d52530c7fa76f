#pragma once
// The audience's end: one thread that receives every transfer datagram on the client's UDP
// channel and runs the incoming transfers the server announced. Files land in the download
// directory as "<presenter>_<base name>" (or "<presenter>_<base name> (1)", ... when that name
// is taken: an existing file is never replaced), complete and verified, or not at all.

#include "common/Mutex.h"
#include "p2p/transfer/DatagramChannel.h"
#include "p2p/transfer/FileOffer.h"
#include "p2p/transfer/IncomingTransfer.h"
#include "p2p/transfer/TransferProgress.h"
#include "p2p/transfer/TransferSettings.h"
#include "p2p/transfer/TransferToken.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace toom::p2p::transfer {

class FileInbox {
public:
    using StartedCallback = std::function<void(const FileOffer&)>;
    using ProgressCallback = std::function<void(const FileOffer&, const TransferProgress&)>;
    using ReceivedCallback = std::function<void(const FileOffer&, const std::string& path)>;
    using FailedCallback = std::function<void(const FileOffer&, const std::string& reason)>;

    /// `channel` (the client's bound UDP port) must outlive the inbox; only the inbox thread
    /// uses it between start() and stop().
    FileInbox(DatagramChannel& channel, InboxSettings settings);

    /// Stops the thread (see stop()).
    ~FileInbox();

    FileInbox(const FileInbox&) = delete;
    FileInbox& operator=(const FileInbox&) = delete;

    // Callbacks run on the inbox thread, one at a time; set them before start(). They may call
    // expect() and cancel(); a slow callback delays every transfer. Every offer expect()
    // accepted ends in exactly one onReceived or onFailed.

    /// The presenter's START arrived and the temporary file is ready.
    void onStarted(StartedCallback callback) { _onStarted = std::move(callback); }
    /// Bytes stored so far, at most once per settings.progressInterval per transfer.
    void onProgress(ProgressCallback callback) { _onProgress = std::move(callback); }
    /// The file is complete, its digest matched, and it is at `path`.
    void onReceived(ReceivedCallback callback) { _onReceived = std::move(callback); }
    /// The transfer failed or the offer expired; no file was kept under the final name.
    void onFailed(FailedCallback callback) { _onFailed = std::move(callback); }
    /// Every housekeeping pass (at least every 50 ms): for the client's own timers, such as
    /// offers its user has not answered.
    void onHousekeeping(std::function<void()> callback) { _onHousekeeping = std::move(callback); }

    /// Starts the receive thread.
    void start();

    /// Ends the thread: running transfers fail ("the audience stopped receiving", with an
    /// ABORT to their presenters) and pending offers fail, through onFailed, before it returns.
    /// From a callback it only asks the thread to end.
    void stop();

    /// Registers an offer the server announced, so that its presenter's START is accepted.
    /// Quick and thread-safe. Returns why the offer is refused (unusable offer, file over the
    /// size cap, too many incoming transfers, token already known), or nothing when accepted.
    /// A refused offer's presenter gets an ABORT with that reason when its START arrives.
    std::optional<std::string> expect(const FileOffer& offer);

    /// The user declined `offer` (announced by the server, never passed to expect()): its
    /// presenter's START is answered with an ABORT (refused) carrying `reason`, so that the
    /// presenter learns of it at once. Thread-safe; no callback is called.
    void decline(const FileOffer& offer, const std::string& reason);

    /// Refuses or stops the transfer of `token` (32 hex characters): its presenter gets an
    /// ABORT with `reason`, and onFailed is called. Thread-safe; takes effect within ~50 ms.
    void cancel(const std::string& token, std::string reason = "cancelled by the audience");

    /// Offers waiting for their START plus transfers running.
    std::size_t incomingCount() const;

private:
    struct Announced {
        FileOffer offer;
        TimePoint expiresAt;
    };

    /// A running transfer and its acknowledgement state; touched by the inbox thread only.
    struct Running {
        std::unique_ptr<IncomingTransfer> transfer;
        Poco::Net::SocketAddress presenter;
        TimePoint lastProgress; ///< START, or the last new chunk.
        ProgressMeter meter;
        std::uint32_t lastEcho = 0; ///< Timestamp of the DATA that arrived last.
        std::size_t unacked = 0;    ///< In-order chunks since the last ACK.
        bool ackDue = false;
    };

    /// What is left of a transfer that ended (or an offer refused): enough to answer its
    /// presenter's late datagrams with DONE or ABORT.
    struct Finished {
        bool kept = false;
        AbortCode code = AbortCode::Unspecified;
        std::string reason;
        std::optional<Poco::Net::SocketAddress> presenter;
        TimePoint forgetAt;
        TimePoint lastReplyAt{};
    };

    using RunningMap = std::map<TransferToken, Running>;

    void run();
    void handle(std::string_view bytes, const Poco::Net::SocketAddress& from, TimePoint now);
    void handleRunning(RunningMap::iterator it, const Datagram& datagram, TimePoint now);
    void handleOther(const Datagram& datagram, const Poco::Net::SocketAddress& from, TimePoint now);
    void begin(const FileOffer& offer, const StartMessage& start,
               const Poco::Net::SocketAddress& from, TimePoint now);
    void onData(RunningMap::iterator it, const DataMessage& data, TimePoint now);
    void complete(RunningMap::iterator it, TimePoint now);
    /// Ends a running transfer. `reason` is a copy: it often comes from the transfer itself,
    /// which this erases.
    void fail(RunningMap::iterator it, AbortCode code, std::string reason, bool tellPresenter,
              TimePoint now);
    void sendAck(const TransferToken& token, Running& running);
    std::uint16_t advertisedWindow(std::uint32_t chunkSize) const;
    void flushAcks();
    void housekeep(TimePoint now);
    void shutDown(TimePoint now);
    void remember(const TransferToken& token, Finished finished) TOOM_REQUIRES(_mutex);
    void send(const TransferToken& token, DatagramBody body, const Poco::Net::SocketAddress& to);

    void notifyFailed(const FileOffer& offer, const std::string& reason);

    DatagramChannel& _channel;
    InboxSettings _settings;
    StartedCallback _onStarted;
    ProgressCallback _onProgress;
    ReceivedCallback _onReceived;
    FailedCallback _onFailed;
    std::function<void()> _onHousekeeping;

    std::thread _thread;
    std::atomic<bool> _stopping{false};
    std::size_t _receiveBufferBytes = 0; ///< The channel's, read at start().

    /// Guards the members below up to _running. Never held across a send or a callback.
    mutable Mutex _mutex;
    std::map<TransferToken, Announced> _announced TOOM_GUARDED_BY(_mutex);
    std::set<TransferToken> _runningTokens TOOM_GUARDED_BY(_mutex);
    std::map<TransferToken, Finished> _finished TOOM_GUARDED_BY(_mutex);
    std::vector<std::pair<TransferToken, std::string>> _cancelRequests TOOM_GUARDED_BY(_mutex);

    RunningMap _running; ///< Inbox thread only.
};

} // namespace toom::p2p::transfer
