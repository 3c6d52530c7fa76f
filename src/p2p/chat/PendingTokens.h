#pragma once
// The one-time tokens this client expects: the server hands us a token when we accept a peer's
// request, and the peer presents it when it connects. The peer may connect before the token
// reaches us (the server tells both sides at once), so a claim can wait for its registration.

#include "common/Mutex.h"

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace toom::p2p::chat {

/// Tokens expected from peers. Thread-safe.
class PendingTokens {
public:
    using Clock = std::chrono::steady_clock;

    enum class Claim {
        Accepted,     ///< The token was expected from this peer; it is now used up.
        UnknownToken, ///< No such token was registered in time (or it expired).
        AlreadyUsed,  ///< The token was accepted before: tokens are one-time.
        WrongUser,    ///< The token was issued for another peer (it stays valid for them).
        Cancelled     ///< cancelWaiters() was called.
    };

    /// Tokens expire `lifetime` after expect() if nobody presents them.
    explicit PendingTokens(std::chrono::milliseconds lifetime);

    /// Registers `token` for `peer`, replacing the peer's previous token (only the latest
    /// request counts), and wakes claims waiting for it. Empty tokens are ignored.
    void expect(const std::string& peer, const std::string& token);

    /// Drops the token registered for `peer`, if any.
    void forget(std::string_view peer);

    /// `from` presents `token`. A token that is not registered (yet) is waited for up to
    /// `wait`; a used token or one issued for someone else is refused at once.
    Claim claim(const std::string& from, const std::string& token, std::chrono::milliseconds wait);

    /// Claims currently waiting for their token.
    std::size_t waiting() const;

    /// Ends every waiting claim with Cancelled, and every later one until reset().
    void cancelWaiters();

    /// Forgets all tokens and accepts claims again.
    void reset();

private:
    struct Expected {
        std::string peer;
        Clock::time_point expires;
    };

    /// Claim result for the current state, or nothing if the token is not registered.
    std::optional<Claim> decideLocked(const std::string& from, const std::string& token)
        TOOM_REQUIRES(_mutex);
    void dropExpiredLocked() TOOM_REQUIRES(_mutex);
    void rememberUsedLocked(const std::string& token) TOOM_REQUIRES(_mutex);

    std::chrono::milliseconds _lifetime;
    mutable Mutex _mutex;
    CondVar _changed;
    std::map<std::string, Expected, std::less<>> _byToken TOOM_GUARDED_BY(_mutex);
    std::deque<std::string> _usedOrder TOOM_GUARDED_BY(_mutex); ///< Oldest first, bounds _used.
    std::set<std::string, std::less<>> _used TOOM_GUARDED_BY(_mutex);
    std::size_t _waiting TOOM_GUARDED_BY(_mutex) = 0;
    bool _cancelled TOOM_GUARDED_BY(_mutex) = false;
};

} // namespace toom::p2p::chat
