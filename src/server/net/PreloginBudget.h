#pragma once
// How many connections one address may hold open without logging in. A stranger who opens
// connections and never logs in would otherwise fill toom.max_connections and keep everyone
// else out (until the login timeout closes them, and then open them again). Logged-in users
// are not counted: a lab behind one NAT address still gets in, as long as its users log in.
//
// The server's connection limit is kept for users who log in: when the server is full, the
// newcomer is let in and the oldest waiting connection of the address holding the most
// waiting ones is closed instead (displaced). So a stranger with many addresses (an IPv6
// /64, a few aliases on a LAN) who fills the server with idle connections only displaces
// their own, and a user who connects, logs in and stays is never the one sent away.
//
// Thread-safe: the acceptor admits and displaces, the connection's loop releases (at login or
// close). Bounded: an entry exists only while its connection waits.

#include "common/Mutex.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace toom {

class Session;

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
    /// Names the session of the admitted connection on `fd`, which displace() may close. A
    /// connection not attached yet (still being handed to a loop) is never displaced.
    void attach(int fd, const std::shared_ptr<Session>& session) TOOM_EXCLUDES(_mutex);
    /// Chooses the connection to close so that a newcomer fits on a full server: of the
    /// address with the most connections waiting, the one admitted first. It is released
    /// here (it counts no more) and its session returned for the caller to close; null when
    /// no attached connection waits. Linear in the waiting connections: it runs only when the
    /// server is full.
    std::shared_ptr<Session> displace() TOOM_EXCLUDES(_mutex);

    std::size_t waiting(const std::string& address) const TOOM_EXCLUDES(_mutex);
    std::size_t perAddress() const { return _perAddress; }

private:
    const std::size_t _perAddress;
    mutable Mutex _mutex;
    std::unordered_map<std::string, std::size_t> _waiting TOOM_GUARDED_BY(_mutex);
    struct Waiting {
        std::string address;
        std::uint64_t order = 0; ///< Admission order.
        std::weak_ptr<Session> session;
    };
    /// Releases one entry: the caller holds the lock.
    void forget(std::unordered_map<int, Waiting>::iterator entry) TOOM_REQUIRES(_mutex);

    std::unordered_map<int, Waiting> _byFd TOOM_GUARDED_BY(_mutex); ///< By socket.
    std::uint64_t _admissions TOOM_GUARDED_BY(_mutex) = 0;
};

} // namespace toom
