#include "server/net/ConnectionLimitFilter.h"

#include "common/Protocol.h"
#include "common/ServerLine.h"

namespace toom {

ConnectionLimitFilter::ConnectionLimitFilter(std::atomic<int>& admitted, int maxConnections)
    : _admitted(admitted)
    , _maxConnections(maxConnections) {}

bool ConnectionLimitFilter::accept(const Poco::Net::StreamSocket& socket) {
    int current = _admitted.load();
    while (current < _maxConnections) {
        if (_admitted.compare_exchange_weak(current, current + 1))
            return true;
    }
    _refused.fetch_add(1);
    ServerLine full = ServerLine::fail("*", std::string(err::kServerFull));
    full.with("max_connections", _maxConnections).say("The server is full. Please try again later");
    const std::string wire = full.format() + '\n';
    try {
        // A fresh socket's send buffer is empty, so this short write does not block.
        Poco::Net::StreamSocket copy(socket);
        copy.sendBytes(wire.data(), static_cast<int>(wire.size()));
    } catch (...) {
        // The client is gone already; nothing to tell.
    }
    return false;
}

} // namespace toom
