#include "client/session/TcpTransport.h"

#include <Poco/Exception.h>
#include <Poco/Timespan.h>

namespace toom::client {

namespace {
// Server lines are short (a row of a listing, a message); the limit only bounds memory if a
// peer that is not a Toom server streams bytes without newlines.
constexpr std::size_t kMaxServerLine = 1 << 20;
} // namespace

TcpTransport::TcpTransport(const Poco::Net::SocketAddress& server, int timeoutSeconds)
    : _framer(kMaxServerLine) {
    _socket.connect(server, Poco::Timespan(timeoutSeconds, 0));
    // Every command waits for its reply, so Nagle's algorithm would only add latency.
    _socket.setNoDelay(true);
}

bool TcpTransport::sendLine(std::string_view line) {
    if (_closed)
        return false;
    std::string bytes(line);
    bytes += '\n';
    MutexLock lock(_sendMutex);
    try {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            int n = _socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
            if (n <= 0)
                return false;
            sent += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {
        return false;
    }
    return true;
}

std::optional<std::string> TcpTransport::receiveLine() {
    char buffer[4096];
    std::vector<FramedLine> framed;
    while (_lines.empty()) {
        if (_closed)
            return std::nullopt;
        int n = 0;
        try {
            n = _socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception&) {
            return std::nullopt;
        }
        if (n <= 0)
            return std::nullopt;
        framed.clear();
        _framer.feed(std::string_view(buffer, static_cast<std::size_t>(n)), framed);
        for (auto& unit : framed) {
            if (unit.kind == FramedLine::Kind::Line)
                _lines.push_back(std::move(unit.text));
        }
    }
    std::string line = std::move(_lines.front());
    _lines.pop_front();
    return line;
}

void TcpTransport::close() {
    if (_closed.exchange(true))
        return;
    // shutdown() rather than close(): the reader thread may be inside recv() on this socket,
    // and closing the descriptor under it could let a new socket reuse the number.
    try {
        _socket.shutdown();
    } catch (const Poco::Exception&) {
        // Already disconnected: nothing to shut down.
    }
}

} // namespace toom::client
