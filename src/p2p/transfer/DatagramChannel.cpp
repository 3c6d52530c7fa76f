#include "p2p/transfer/DatagramChannel.h"

#include <cstring>
#include <netinet/in.h>

namespace toom::p2p::transfer {

bool sameEndpoint(const Poco::Net::SocketAddress& a, const Poco::Net::SocketAddress& b) {
    if (a.af() != b.af())
        return false;
    if (a.af() == AF_INET) {
        const auto* x = reinterpret_cast<const sockaddr_in*>(a.addr());
        const auto* y = reinterpret_cast<const sockaddr_in*>(b.addr());
        return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
    }
    if (a.af() == AF_INET6) {
        const auto* x = reinterpret_cast<const sockaddr_in6*>(a.addr());
        const auto* y = reinterpret_cast<const sockaddr_in6*>(b.addr());
        return x->sin6_port == y->sin6_port && x->sin6_scope_id == y->sin6_scope_id &&
               std::memcmp(&x->sin6_addr, &y->sin6_addr, sizeof x->sin6_addr) == 0;
    }
    return a == b;
}

} // namespace toom::p2p::transfer
