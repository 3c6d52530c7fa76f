#pragma once
// Helpers shared by the transfer tests: random files, offers, loopback sockets, channels that
// misbehave in controlled ways, and a recorder for the inbox's callbacks. Everything is inline
// in a named namespace, so test files compiled together (unity builds) do not collide.

#include "p2p/transfer/DatagramChannel.h"
#include "p2p/transfer/FileDigest.h"
#include "p2p/transfer/FileInbox.h"
#include "p2p/transfer/FileOffer.h"
#include "p2p/transfer/FileSender.h"
#include "p2p/transfer/LossyChannel.h"
#include "p2p/transfer/TransferSettings.h"
#include "p2p/transfer/UdpChannel.h"

#include <Poco/File.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace toom::p2p::transfer::testsupport {

/// `size` pseudo-random bytes from `seed`.
inline std::string randomBytes(std::size_t size, std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::string bytes(size, '\0');
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word = engine();
        for (int b = 0; b < 8; ++b)
            bytes[i + b] = static_cast<char>(word >> (8 * b));
    }
    for (std::uint64_t word = engine(); i < size; ++i, word >>= 8)
        bytes[i] = static_cast<char>(word);
    return bytes;
}

inline void writeWholeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// A distinct valid token per `n` (32 lowercase hex characters).
inline std::string tokenNumber(std::uint64_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string token(32, '0');
    std::uint64_t mixed = n * 0x9E3779B97F4A7C15ull + 0x1234567;
    for (int i = 0; i < 16; ++i) {
        token[31 - i] = kDigits[n & 0xF];
        token[i] = kDigits[mixed & 0xF];
        n >>= 4;
        mixed >>= 4;
    }
    return token;
}

/// The offer the server would make for the file at `path` (its real size and digest).
inline FileOffer offerFor(const std::string& path, const std::string& presenter,
                          const std::string& fileName, std::uint64_t tokenSeed) {
    auto digest = digestFile(path);
    FileOffer offer;
    offer.token = tokenNumber(tokenSeed);
    offer.presenter = presenter;
    offer.audience = "audience";
    offer.fileName = fileName;
    offer.size = digest ? digest->size : 0;
    offer.sha256 = digest ? digest->sha256 : std::string(64, '0');
    return offer;
}

inline Poco::Net::SocketAddress loopbackAny() {
    return Poco::Net::SocketAddress("127.0.0.1", 0);
}

/// Protocol timeouts for tests where a transfer is meant to succeed: generous, so a loaded
/// machine does not turn into a failure.
inline SenderSettings patientSender() {
    SenderSettings settings;
    settings.startTimeout = std::chrono::seconds(30);
    settings.idleTimeout = std::chrono::seconds(30);
    settings.maxConsecutiveTimeouts = 30;
    return settings;
}

inline InboxSettings patientInbox(const std::string& downloadDir) {
    InboxSettings settings;
    settings.downloadDir = downloadDir;
    settings.idleTimeout = std::chrono::seconds(30);
    return settings;
}

/// Protocol timeouts for tests where a transfer is meant to fail: short, so the failure comes
/// quickly (the tests still wait generously for it).
inline SenderSettings hastySender() {
    SenderSettings settings;
    settings.startTimeout = std::chrono::milliseconds(800);
    settings.startRetry = std::chrono::milliseconds(50);
    settings.startRetryMax = std::chrono::milliseconds(200);
    settings.idleTimeout = std::chrono::milliseconds(800);
    settings.maxConsecutiveTimeouts = 6;
    settings.maxRto = std::chrono::milliseconds(200);
    return settings;
}

/// How one offer ended at the audience.
struct InboxOutcome {
    bool received = false;
    std::string detail; ///< The final path, or the failure reason.
};

/// Records the inbox's callbacks and lets a test wait for an offer's outcome.
class InboxRecorder {
public:
    explicit InboxRecorder(FileInbox& inbox) {
        inbox.onStarted([this](const FileOffer& offer) {
            std::lock_guard lock(_mutex);
            _started.push_back(offer.token);
        });
        inbox.onReceived([this](const FileOffer& offer, const std::string& path) {
            record(offer.token, {true, path});
        });
        inbox.onFailed([this](const FileOffer& offer, const std::string& reason) {
            record(offer.token, {false, reason});
        });
    }

    /// The outcome for `token`, waiting up to `timeout` for it.
    std::optional<InboxOutcome>
    waitFor(const std::string& token,
            std::chrono::milliseconds timeout = std::chrono::seconds(90)) {
        std::unique_lock lock(_mutex);
        _changed.wait_for(lock, timeout, [&] { return _outcomes.count(token) > 0; });
        auto it = _outcomes.find(token);
        if (it == _outcomes.end())
            return std::nullopt;
        return it->second.front();
    }

    /// How many outcomes `token` got (a transfer must end exactly once).
    std::size_t outcomeCount(const std::string& token) {
        std::lock_guard lock(_mutex);
        auto it = _outcomes.find(token);
        return it == _outcomes.end() ? 0 : it->second.size();
    }

    bool started(const std::string& token) {
        std::lock_guard lock(_mutex);
        return std::find(_started.begin(), _started.end(), token) != _started.end();
    }

private:
    void record(const std::string& token, InboxOutcome outcome) {
        {
            std::lock_guard lock(_mutex);
            _outcomes[token].push_back(std::move(outcome));
        }
        _changed.notify_all();
    }

    std::mutex _mutex;
    std::condition_variable _changed;
    std::map<std::string, std::vector<InboxOutcome>> _outcomes;
    std::vector<std::string> _started;
};

/// A channel that works until it has sent `sendsBeforeCut` datagrams, then goes deaf and dumb
/// for good: the peer behind it vanished (process killed, cable pulled).
class VanishingChannel final : public DatagramChannel {
public:
    VanishingChannel(DatagramChannel& inner, std::uint64_t sendsBeforeCut)
        : _inner(inner)
        , _left(sendsBeforeCut) {}

    bool sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) override {
        if (_left == 0)
            return true;
        --_left;
        return _inner.sendTo(bytes, to);
    }
    std::optional<ReceivedDatagram> receiveFrom(char* buffer, std::size_t capacity,
                                                std::chrono::microseconds timeout) override {
        if (_left == 0) {
            // Drain and forget, so the socket does not fill up, but hear nothing.
            _inner.receiveFrom(buffer, capacity, timeout);
            return std::nullopt;
        }
        return _inner.receiveFrom(buffer, capacity, timeout);
    }
    void close() override { _inner.close(); }

    bool vanished() const { return _left == 0; }

private:
    DatagramChannel& _inner;
    std::atomic<std::uint64_t> _left;
};

/// Two in-memory endpoints joined back to back: what one sends, the other receives, in order,
/// with no loss. For tests of channel wrappers without sockets or timing.
class MemoryLink {
public:
    class End final : public DatagramChannel {
    public:
        End(MemoryLink& link, int side, Poco::Net::SocketAddress address)
            : _link(link)
            , _side(side)
            , _address(std::move(address)) {}

        bool sendTo(std::string_view bytes, const Poco::Net::SocketAddress&) override {
            std::lock_guard lock(_link._mutex);
            _link._queues[1 - _side].push_back(std::string(bytes));
            return true;
        }
        std::optional<ReceivedDatagram> receiveFrom(char* buffer, std::size_t capacity,
                                                    std::chrono::microseconds) override {
            std::lock_guard lock(_link._mutex);
            auto& queue = _link._queues[_side];
            if (queue.empty())
                return std::nullopt;
            std::string bytes = std::move(queue.front());
            queue.pop_front();
            std::size_t size = std::min(bytes.size(), capacity);
            std::copy_n(bytes.data(), size, buffer);
            return ReceivedDatagram{size, _link._ends[1 - _side]->_address};
        }
        void close() override {}

    private:
        MemoryLink& _link;
        int _side;
        Poco::Net::SocketAddress _address;
    };

    MemoryLink()
        : _a(*this, 0, Poco::Net::SocketAddress("10.0.0.1", 1000))
        , _b(*this, 1, Poco::Net::SocketAddress("10.0.0.2", 2000)) {
        _ends[0] = &_a;
        _ends[1] = &_b;
    }

    End& a() { return _a; }
    End& b() { return _b; }

private:
    std::mutex _mutex;
    std::deque<std::string> _queues[2];
    End _a;
    End _b;
    End* _ends[2];
};

/// Counts what goes out through it, so a test can wait for "the presenter sent its START
/// twice" instead of sleeping.
class CountingChannel final : public DatagramChannel {
public:
    explicit CountingChannel(DatagramChannel& inner)
        : _inner(inner) {}

    bool sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) override {
        {
            std::lock_guard lock(_mutex);
            ++_sent;
        }
        _changed.notify_all();
        return _inner.sendTo(bytes, to);
    }
    std::optional<ReceivedDatagram> receiveFrom(char* buffer, std::size_t capacity,
                                                std::chrono::microseconds timeout) override {
        return _inner.receiveFrom(buffer, capacity, timeout);
    }
    void close() override { _inner.close(); }

    /// Waits until `count` datagrams went out; false if that took longer than `timeout`.
    bool waitForSends(std::uint64_t count, std::chrono::milliseconds timeout) {
        std::unique_lock lock(_mutex);
        return _changed.wait_for(lock, timeout, [&] { return _sent >= count; });
    }

private:
    DatagramChannel& _inner;
    std::mutex _mutex;
    std::condition_variable _changed;
    std::uint64_t _sent = 0;
};

/// An audience on a real loopback socket: an inbox, optionally behind a lossy or vanishing
/// channel, with its callbacks recorded.
class LoopbackAudience {
public:
    explicit LoopbackAudience(InboxSettings settings,
                              std::optional<LossSettings> loss = std::nullopt,
                              std::optional<std::uint64_t> vanishAfterSends = std::nullopt)
        : _socket(loopbackAny()) {
        DatagramChannel* channel = &_socket;
        if (loss) {
            _lossy = std::make_unique<LossyChannel>(*channel, *loss);
            channel = _lossy.get();
        }
        if (vanishAfterSends) {
            _vanishing = std::make_unique<VanishingChannel>(*channel, *vanishAfterSends);
            channel = _vanishing.get();
        }
        _inbox = std::make_unique<FileInbox>(*channel, std::move(settings));
        _recorder = std::make_unique<InboxRecorder>(*_inbox);
        _inbox->start();
    }

    ~LoopbackAudience() {
        // The inbox reports to the recorder until its thread ends.
        _inbox->stop();
    }

    Poco::Net::SocketAddress address() const { return _socket.localAddress(); }
    FileInbox& inbox() { return *_inbox; }
    InboxRecorder& recorder() { return *_recorder; }

private:
    UdpChannel _socket;
    std::unique_ptr<LossyChannel> _lossy;
    std::unique_ptr<VanishingChannel> _vanishing;
    std::unique_ptr<FileInbox> _inbox;
    std::unique_ptr<InboxRecorder> _recorder;
};

/// Sends one file from a fresh loopback socket (as the client does), optionally through a
/// lossy channel, and returns the presenter's result.
inline SendResult sendOverLoopback(const FileOffer& offer, const std::string& path,
                                   const Poco::Net::SocketAddress& audience,
                                   SenderSettings settings,
                                   std::optional<LossSettings> loss = std::nullopt) {
    UdpChannel socket(loopbackAny());
    std::optional<LossyChannel> lossy;
    if (loss)
        lossy.emplace(socket, *loss);
    DatagramChannel& channel = lossy ? static_cast<DatagramChannel&>(*lossy) : socket;
    FileSender sender(offer, path, audience, channel, std::move(settings));
    return sender.run();
}

/// Regular files directly in `directory` (hidden ones included), by name.
inline std::vector<std::string> filesIn(const std::string& directory) {
    std::vector<std::string> names;
    Poco::File(directory).list(names);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace toom::p2p::transfer::testsupport
