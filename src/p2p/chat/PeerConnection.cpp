#include "p2p/chat/PeerConnection.h"

#include <Poco/Error.h>
#include <Poco/Exception.h>
#include <Poco/Net/Socket.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <sys/socket.h>

namespace toom::p2p::chat {

namespace {

// connect() polls in slices this long so that a shutdown() before the TCP handshake finished
// (when shutting the socket down may not wake the poll) still ends the attempt promptly.
constexpr std::chrono::milliseconds kConnectSlice{50};

Poco::Timespan toTimespan(std::chrono::microseconds duration) {
    return Poco::Timespan(
        static_cast<Poco::Timespan::TimeDiff>(std::max<long long>(duration.count(), 0)));
}

} // namespace

PeerConnection::PeerConnection(const Poco::Net::SocketAddress& target, std::size_t maxLineBytes)
    : _socket(target.family())
    , _target(target)
    , _remote(target.toString())
    , _framer(maxLineBytes) {}

PeerConnection::PeerConnection(Poco::Net::StreamSocket accepted,
                               const Poco::Net::SocketAddress& remote, std::size_t maxLineBytes)
    : _socket(accepted)
    , _target(remote)
    , _remote(remote.toString())
    , _framer(maxLineBytes) {
    try {
        // A chat line is sent as soon as it is typed; Nagle would hold a second one back.
        _socket.setNoDelay(true);
    } catch (const Poco::Exception&) {
        // The peer is already gone; the first read will say so.
    }
}

std::optional<std::string> PeerConnection::connect(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    try {
        // Non-blocking connect plus our own poll rather than Poco's connect(address, timeout):
        // the attempt must stay cancellable by shutdown() from another thread.
        _socket.connectNB(_target);
        for (;;) {
            if (_shutDown)
                return "cancelled";
            auto remaining = deadline - Clock::now();
            if (remaining <= Clock::duration::zero())
                return "connection timed out";
            auto slice = std::min<Clock::duration>(remaining, kConnectSlice);
            if (_socket.poll(
                    toTimespan(std::chrono::duration_cast<std::chrono::microseconds>(slice)),
                    Poco::Net::Socket::SELECT_WRITE | Poco::Net::Socket::SELECT_ERROR))
                break;
        }
        if (int error = _socket.impl()->socketError(); error != 0)
            return Poco::Error::getMessage(error);
        _socket.setBlocking(true);
        _socket.setNoDelay(true);
    } catch (const Poco::Exception& e) {
        return e.displayText();
    }
    if (_shutDown) {
        // shutdown() ran while the handshake was in flight, when it could not take effect.
        try {
            _socket.shutdown();
        } catch (const Poco::Exception&) {
        }
        return "cancelled";
    }
    return std::nullopt;
}

bool PeerConnection::sendLine(std::string_view line, std::chrono::milliseconds timeout) {
    std::string bytes;
    bytes.reserve(line.size() + 1);
    bytes.append(line);
    bytes += '\n';
    const auto deadline = Clock::now() + timeout;
    MutexLock lock(_sendMutex);
    try {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            if (_shutDown)
                return false;
            auto remaining =
                std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
            if (remaining.count() <= 0)
                return false;
            // SO_SNDTIMEO bounds each blocking send; a zero timeout would mean "forever".
            _socket.setSendTimeout(toTimespan(
                std::max<std::chrono::microseconds>(remaining, std::chrono::milliseconds(1))));
            // MSG_NOSIGNAL: a peer that has gone must fail this call, not raise SIGPIPE.
            int n = _socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent),
                                      MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {
        return false; // Timed out, reset or shut down.
    }
    return true;
}

Received PeerConnection::receiveLine(std::optional<Clock::time_point> deadline) {
    char buffer[4096];
    std::vector<FramedLine> framed;
    while (_received.empty()) {
        if (_shutDown)
            return {Received::Kind::Closed, {}};
        int n = 0;
        try {
            if (deadline) {
                auto remaining =
                    std::chrono::duration_cast<std::chrono::microseconds>(*deadline - Clock::now());
                if (remaining.count() <= 0)
                    return {Received::Kind::TimedOut, {}};
                if (!_socket.poll(toTimespan(remaining),
                                  Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR))
                    continue;
            }
            n = _socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception&) {
            return {Received::Kind::Closed, {}};
        }
        if (n <= 0)
            return {Received::Kind::Closed, {}};
        framed.clear();
        _framer.feed(std::string_view(buffer, static_cast<std::size_t>(n)), framed);
        for (auto& unit : framed) {
            if (unit.kind == FramedLine::Kind::TooLong)
                _received.push_back({Received::Kind::TooLong, {}});
            else
                _received.push_back({Received::Kind::Line, std::move(unit.text)});
        }
    }
    Received next = std::move(_received.front());
    _received.pop_front();
    return next;
}

void PeerConnection::shutdown() {
    if (_shutDown.exchange(true))
        return;
    try {
        _socket.shutdown();
    } catch (const Poco::Exception&) {
        // Not connected (yet, or any more): nothing to wake.
    }
}

} // namespace toom::p2p::chat
