#pragma once
// A line-oriented protocol client for integration tests: sends request lines, collects each
// reply (DATA rows + OK/FAIL), and keeps asynchronous events aside so a test can wait for them.
// Every wait has a timeout, so a broken server fails a test instead of hanging it.

#include "common/ServerLine.h"

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::test {

using namespace std::chrono_literals;

/// How a TestClient speaks TLS (the server's TLS port): the certificate it trusts, and the name
/// it checks the server's certificate against.
struct TestTls {
    std::string caFile; ///< PEM; empty = no verification at all.
    std::string host = "localhost";
};

/// One reply: its DATA rows and its final OK or FAIL line.
struct Response {
    std::vector<ServerLine> rows;
    ServerLine final;

    bool ok() const { return final.kind() == LineKind::Ok; }
    const std::string& code() const { return final.code(); }
    /// The `key` field of every row, in order.
    std::vector<std::string> column(std::string_view key) const;
};

class TestClient {
public:
    /// Connects to 127.0.0.1:`port` and reads the greeting (HELLO, or a refusal).
    explicit TestClient(int port, std::chrono::milliseconds timeout = 10s);

    /// As above, with a small receive buffer set before connecting (a slow reader's window).
    TestClient(int port, int receiveBufferBytes);

    /// Connects from `sourceAddress` (any of 127/8 on Linux loopback), so that the server
    /// sees another client address: `TestClient(port, "127.0.0.2")`.
    TestClient(int port, const std::string& sourceAddress);

    /// Over TLS: connects to the TLS port `port`, completes the handshake (throws
    /// std::runtime_error if it fails, verification included), then reads the greeting.
    TestClient(int port, const TestTls& tls);
    ~TestClient();

    /// The first line the server sent.
    const ServerLine& greeting() const { return _greeting; }

    /// Sends one line (a '\n' is added).
    void send(std::string_view line);
    /// Sends bytes as they are.
    void sendRaw(std::string_view bytes);

    /// Sends `line` and returns its reply; events seen meanwhile are kept for nextEvent().
    Response request(std::string_view line);
    /// Reads the next reply without sending anything (for pipelined requests).
    Response readResponse();

    /// Logs in with the username and password steps; returns the PASS reply.
    Response login(const std::string& user, const std::string& password, int udpPort = 0);
    /// Logs in as a seed user; throws std::runtime_error (failing the test) if that fails.
    void loginAs(const std::string& user, int udpPort = 0);

    /// The next event, waiting up to `timeout`.
    std::optional<ServerLine> nextEvent(std::chrono::milliseconds timeout = 5s);
    /// The next event of `type`, skipping others; nothing if none arrives within `timeout`.
    std::optional<ServerLine> waitEvent(std::string_view type,
                                        std::chrono::milliseconds timeout = 5s);
    /// Events received so far and not yet taken.
    std::size_t pendingEvents() const { return _events.size(); }

    /// True when the server closes the connection within `timeout` (lines still arriving are
    /// read and kept).
    bool waitClosed(std::chrono::milliseconds timeout = 5s);

    /// The next raw line, or nothing on timeout or close. A zero timeout still looks at the
    /// socket once, without waiting.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout);

    Poco::Net::StreamSocket& socket() { return _socket; }

private:
    void connect(int port, int receiveBufferBytes, const std::string& sourceAddress = {},
                 const TestTls* tls = nullptr);
    /// One receive of at most `size` bytes (through TLS when on): 0 at the end of the stream.
    int receiveSome(char* buffer, int size);
    /// Bytes are ready without the socket (TLS holds decrypted ones).
    bool holdsBytes() const;
    /// Reads lines until a reply's final line; throws std::runtime_error on timeout.
    Response collect();

    Poco::Net::StreamSocket _socket;
    /// The TLS session, when the client speaks TLS (OpenSSL's SSL object, freed with it).
    std::shared_ptr<void> _tls;
    std::chrono::milliseconds _timeout;
    std::string _buffer;
    bool _closed = false;
    ServerLine _greeting;
    std::deque<ServerLine> _events;
};

} // namespace toom::test
