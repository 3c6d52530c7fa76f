#pragma once
// An IRC client for integration tests: sends lines (CR LF added), reads the server's lines
// and waits for one with a given command. Every wait has a timeout, so a broken server fails
// a test (std::runtime_error) instead of hanging it.

#include "common/IrcMessage.h"

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::test {

class IrcTestClient {
public:
    /// Connects to 127.0.0.1:`port`. IRC servers say nothing first.
    explicit IrcTestClient(int port);

    /// Sends one line.
    void send(std::string_view line);
    /// Sends bytes as they are.
    void sendRaw(std::string_view bytes);

    /// The next line from the server, if one comes within `timeout`.
    std::optional<IrcMessage> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Reads until a line whose command is `command` (others are kept in seen()); throws if none
    /// comes in time.
    IrcMessage expect(std::string_view command,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Sends PING with a fresh token and waits for its PONG: everything the server sent before
    /// is in seen() then (a round trip instead of a sleep).
    void sync();
    /// Reads until the server closes the connection; true if it did within `timeout`.
    bool closedWithin(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    /// Every line read so far, in order.
    const std::vector<IrcMessage>& seen() const { return _seen; }
    /// Whether a line with `command` was read (since the start or the last forget()).
    bool saw(std::string_view command) const;
    void forget() { _seen.clear(); }

    /// Registers with SASL PLAIN as `user` and waits for 001.
    void registerWithSasl(const std::string& user, const std::string& password);
    /// Registers with PASS/NICK/USER and waits for 001.
    void registerWithPass(const std::string& user, const std::string& password);

private:
    Poco::Net::StreamSocket _socket;
    std::string _buffer;
    std::vector<IrcMessage> _seen;
    bool _closed = false;
    int _pings = 0;
};

/// Base64 of `text` (SASL PLAIN payloads).
std::string base64(std::string_view text);

} // namespace toom::test
