#include "server/net/ConnectionLimitFilter.h"

#include "common/Protocol.h"
#include "common/ServerLine.h"
#include "server/net/Session.h"

namespace toom {

ConnectionLimitFilter::ConnectionLimitFilter(std::atomic<int>& admitted, int maxConnections,
                                             PreloginBudget* budget, bool tellWhy)
    : _admitted(admitted)
    , _maxConnections(maxConnections)
    , _budget(budget)
    , _tellWhy(tellWhy) {}

namespace {
void tell(const Poco::Net::StreamSocket& socket, const ServerLine& line) {
    const std::string wire = line.format() + '\n';
    try {
        // A fresh socket's send buffer is empty, so this short write does not block.
        Poco::Net::StreamSocket copy(socket);
        copy.sendBytes(wire.data(), static_cast<int>(wire.size()));
    } catch (...) {
        // The client is gone already; nothing to tell.
    }
}
} // namespace

bool ConnectionLimitFilter::accept(const Poco::Net::StreamSocket& socket) {
    auto takeSlot = [this] {
        int current = _admitted.load();
        while (current < _maxConnections) {
            if (_admitted.compare_exchange_weak(current, current + 1))
                return true;
        }
        return false;
    };
    if (!_budget) {
        if (takeSlot())
            return true;
    } else {
        std::string address;
        try {
            address = socket.peerAddress().host().toString();
        } catch (...) {
            return false; // Gone before it was accepted.
        }
        const int fd = socket.impl()->sockfd();
        if (!_budget->tryAdmit(fd, address)) {
            _refused.fetch_add(1);
            ServerLine many = ServerLine::fail("*", std::string(err::kTooManyConnections));
            many.with("max_prelogin", static_cast<std::int64_t>(_budget->perAddress()))
                .say("Too many connections from your address are not logged in; log in on "
                     "one of them or close some");
            if (_tellWhy)
                tell(socket, many);
            return false;
        }
        if (takeSlot())
            return true;
        // Full: a connection that has not logged in makes room (see PreloginBudget). The
        // count runs over the limit by one until the displaced connection's loop closes it.
        if (auto displaced = _budget->displace()) {
            displaced->requestClose(CloseReason::Displaced);
            _admitted.fetch_add(1);
            _displaced.fetch_add(1);
            return true;
        }
        _budget->release(fd);
    }
    _refused.fetch_add(1);
    ServerLine full = ServerLine::fail("*", std::string(err::kServerFull));
    full.with("max_connections", _maxConnections).say("The server is full. Please try again later");
    if (_tellWhy)
        tell(socket, full);
    return false;
}

} // namespace toom
