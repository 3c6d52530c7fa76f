#pragma once
// Shared by the peer suites: waiting on conditions with a generous deadline, a thread-safe
// recorder of what a PrivateChats prints, a raw TCP peer that speaks (or mangles) the protocol
// by hand, and settings with short timeouts.

#include "p2p/chat/PeerLine.h"
#include "p2p/chat/PrivateChats.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace toom::p2p::chat::testkit {

using namespace std::chrono_literals;

/// How long a test waits for something that should happen in milliseconds. Generous: the
/// machine may be busy, and a passing test never waits this long.
inline constexpr std::chrono::milliseconds kPatience{10000};

/// Polls `condition` until it holds or `patience` runs out. For state that no callback
/// reports (connected(), a token waiter).
inline bool waitUntil(const std::function<bool()>& condition,
                      std::chrono::milliseconds patience = kPatience) {
    auto deadline = std::chrono::steady_clock::now() + patience;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

/// ChatSettings for tests: real behaviour, short waits.
inline ChatSettings quickSettings() {
    ChatSettings settings;
    settings.handshakeTimeout = 3s;
    settings.tokenWait = 3s;
    settings.connectTimeout = 3s;
    settings.sendTimeout = 2s;
    return settings;
}

/// What one PrivateChats printed, in order. Thread-safe.
class PrintRecorder {
public:
    PrivateChats::Printer printer() {
        return [this](std::string_view line) {
            {
                std::lock_guard lock(_mutex);
                _lines.emplace_back(line);
            }
            _printed.notify_all();
        };
    }

    /// Waits until at least `times` printed lines contain `needle`.
    bool waitFor(std::string_view needle, std::size_t times = 1,
                 std::chrono::milliseconds patience = kPatience) {
        std::unique_lock lock(_mutex);
        return _printed.wait_for(lock, patience, [&] { return countLocked(needle) >= times; });
    }

    /// Printed lines containing `needle`.
    std::size_t count(std::string_view needle) const {
        std::lock_guard lock(_mutex);
        return countLocked(needle);
    }

    std::vector<std::string> lines() const {
        std::lock_guard lock(_mutex);
        return _lines;
    }

    /// Everything printed, one line each, for failure messages.
    std::string dump() const {
        std::string out;
        for (const auto& line : lines())
            out += "  | " + line + "\n";
        return out;
    }

private:
    std::size_t countLocked(std::string_view needle) const {
        return static_cast<std::size_t>(
            std::count_if(_lines.begin(), _lines.end(), [&](const std::string& line) {
                return line.find(needle) != std::string::npos;
            }));
    }

    mutable std::mutex _mutex;
    std::condition_variable _printed;
    std::vector<std::string> _lines;
};

/// The loopback address of a listening PrivateChats.
inline Poco::Net::SocketAddress loopback(int port) {
    return Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port));
}

/// A peer played by hand over a plain socket: for greetings and lines no PrivateChats sends.
class RawPeer {
public:
    /// Connects to 127.0.0.1:`port`. `receiveBuffer` (bytes, 0: default) shrinks the socket's
    /// receive buffer before connecting, to make a peer that stalls sooner.
    explicit RawPeer(int port, int receiveBuffer = 0)
        : _socket(Poco::Net::SocketAddress::IPv4) {
        if (receiveBuffer > 0)
            _socket.setReceiveBufferSize(receiveBuffer);
        _socket.connect(loopback(port), Poco::Timespan(10, 0));
        _socket.setNoDelay(true);
    }

    /// Plays the acceptor on a connection accepted from a PrivateChats that connects.
    explicit RawPeer(const Poco::Net::StreamSocket& accepted)
        : _socket(accepted) {}

    /// Accepts one connection on `listener` within kPatience; throws if none comes.
    static RawPeer acceptFrom(Poco::Net::ServerSocket& listener) {
        if (!listener.poll(Poco::Timespan(kPatience.count() * 1000),
                           Poco::Net::Socket::SELECT_READ))
            throw std::runtime_error("nobody connected");
        return RawPeer(listener.acceptConnection());
    }

    /// Sends raw bytes (no LF added).
    void sendRaw(std::string_view bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            int n = _socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent),
                                      MSG_NOSIGNAL);
            if (n <= 0)
                return;
            sent += static_cast<std::size_t>(n);
        }
    }

    /// Sends `line` and an LF.
    void sendLine(std::string_view line) { sendRaw(std::string(line) + "\n"); }

    /// The next line, or nothing at end of stream or after `patience`.
    std::optional<std::string> readLine(std::chrono::milliseconds patience = kPatience) {
        auto deadline = std::chrono::steady_clock::now() + patience;
        for (;;) {
            if (auto newline = _buffer.find('\n'); newline != std::string::npos) {
                std::string line = _buffer.substr(0, newline);
                _buffer.erase(0, newline + 1);
                return line;
            }
            if (!receiveSome(deadline))
                return std::nullopt;
        }
    }

    /// Reads and drops everything until the other side closes. False if it did not close
    /// within `patience`.
    bool waitForClose(std::chrono::milliseconds patience = kPatience) {
        auto deadline = std::chrono::steady_clock::now() + patience;
        while (receiveSome(deadline)) {
        }
        return !_open;
    }

    /// Greets as `from` with `token` and returns the answer line.
    std::optional<std::string> greet(std::string_view from, std::string_view token) {
        sendLine(PeerLine::hello(std::string(from), std::string(token)).format());
        return readLine();
    }

    /// Closes the connection without a STOP.
    void close() { _socket.close(); }

private:
    /// Appends what arrives before `deadline` to _buffer; false at end of stream or timeout.
    bool receiveSome(std::chrono::steady_clock::time_point deadline) {
        auto remaining = std::chrono::duration_cast<std::chrono::microseconds>(
            deadline - std::chrono::steady_clock::now());
        if (remaining.count() <= 0)
            return false;
        try {
            if (!_socket.poll(Poco::Timespan(remaining.count()),
                              Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR))
                return false;
            char chunk[4096];
            int n = _socket.receiveBytes(chunk, sizeof chunk);
            if (n <= 0) {
                _open = false;
                return false;
            }
            _buffer.append(chunk, static_cast<std::size_t>(n));
            return true;
        } catch (const Poco::Exception&) {
            _open = false;
            return false;
        }
    }

    Poco::Net::StreamSocket _socket;
    std::string _buffer;
    bool _open = true;
};

/// A PrivateChats for one user, with its recorder. Listens on an ephemeral port.
struct ChatUser {
    explicit ChatUser(std::string user, ChatSettings settings = quickSettings())
        : name(user)
        , chats(std::make_unique<PrivateChats>(user, printed.printer(), settings)) {
        port = chats->listen(Poco::Net::IPAddress("127.0.0.1"));
    }

    std::string name;
    PrintRecorder printed; ///< Declared before chats: it must outlive it.
    std::unique_ptr<PrivateChats> chats;
    int port = 0;
};

/// Runs the brokered exchange the server would: `acceptor` expects `connector` with `token`,
/// `connector` connects. Returns true once both have printed the start.
inline bool startPrivate(ChatUser& connector, ChatUser& acceptor, const std::string& token) {
    acceptor.chats->expect(connector.name, token);
    connector.chats->connect(acceptor.name, loopback(acceptor.port), token);
    return connector.printed.waitFor("Start private messaging with " + acceptor.name) &&
           acceptor.printed.waitFor("Start private messaging with " + connector.name) &&
           waitUntil([&] { return acceptor.chats->connected(connector.name); });
}

} // namespace toom::p2p::chat::testkit
