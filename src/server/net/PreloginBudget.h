#pragma once
// How many connections one address may hold open without logging in. A stranger who opens
// connections and never logs in would otherwise fill toom.max_connections and keep everyone
// else out (until the login timeout closes them, and then open them again). Logged-in users
// are not counted: a lab behind one NAT address still gets in, as long as its users log in.
//
// Thread-safe: the acceptor admits, the connection's loop releases (at login or close).
// Bounded: an entry exists only while its address has a connection waiting.

#include "common/Mutex.h"

#include <cstddef>
#include <string>
#include <unordered_map>

namespace toom {

class PreloginBudget {
public:
    /// `perAddress` connections waiting for a login per address, at most; 0 = no limit.
    explicit PreloginBudget(std::size_t perAddress)
        : _perAddress(perAddress) {}

    /// Counts the connection on socket `fd` as waiting, from `address`; false (nothing
    /// counted) when that address already has perAddress waiting.
    bool tryAdmit(int fd, const std::string& address) TOOM_EXCLUDES(_mutex);
    /// The connection on `fd` logged in or closed (by descriptor, because a socket whose peer
    /// has gone cannot tell its peer's address any more). Once per admitted fd; a second call,
    /// or one for an fd never admitted, does nothing.
    void release(int fd) TOOM_EXCLUDES(_mutex);

    std::size_t waiting(const std::string& address) const TOOM_EXCLUDES(_mutex);
    std::size_t perAddress() const { return _perAddress; }

private:
    const std::size_t _perAddress;
    mutable Mutex _mutex;
    std::unordered_map<std::string, std::size_t> _waiting TOOM_GUARDED_BY(_mutex);
    std::unordered_map<int, std::string> _addressOf TOOM_GUARDED_BY(_mutex); ///< By socket.
};

} // namespace toom
