#include "p2p/chat/PendingTokens.h"

#include <algorithm>

namespace toom::p2p::chat {

namespace {
// Used tokens are remembered so that a replayed token is refused at once instead of waiting
// out tokenWait; tokens come from the server and are random, so a short memory suffices.
constexpr std::size_t kUsedTokensRemembered = 256;
} // namespace

PendingTokens::PendingTokens(std::chrono::milliseconds lifetime)
    : _lifetime(lifetime) {}

void PendingTokens::expect(const std::string& peer, const std::string& token) {
    if (token.empty())
        return;
    {
        MutexLock lock(_mutex);
        dropExpiredLocked();
        std::erase_if(_byToken, [&](const auto& entry) { return entry.second.peer == peer; });
        _byToken[token] = Expected{peer, Clock::now() + _lifetime};
    }
    _changed.notifyAll();
}

void PendingTokens::forget(std::string_view peer) {
    MutexLock lock(_mutex);
    std::erase_if(_byToken, [&](const auto& entry) { return entry.second.peer == peer; });
}

PendingTokens::Claim PendingTokens::claim(const std::string& from, const std::string& token,
                                          std::chrono::milliseconds wait) {
    const auto deadline = Clock::now() + wait;
    MutexLock lock(_mutex);
    ++_waiting;
    std::optional<Claim> result;
    for (;;) {
        result = decideLocked(from, token);
        if (result || _changed.waitUntil(_mutex, deadline) == std::cv_status::timeout)
            break;
    }
    if (!result)
        result = decideLocked(from, token).value_or(Claim::UnknownToken);
    --_waiting;
    return *result;
}

std::optional<PendingTokens::Claim> PendingTokens::decideLocked(const std::string& from,
                                                                const std::string& token) {
    if (_cancelled)
        return Claim::Cancelled;
    if (_used.contains(token))
        return Claim::AlreadyUsed;
    dropExpiredLocked();
    auto found = _byToken.find(token);
    if (found == _byToken.end())
        return std::nullopt;
    if (found->second.peer != from)
        return Claim::WrongUser;
    _byToken.erase(found);
    rememberUsedLocked(token);
    return Claim::Accepted;
}

std::size_t PendingTokens::waiting() const {
    MutexLock lock(_mutex);
    return _waiting;
}

void PendingTokens::cancelWaiters() {
    {
        MutexLock lock(_mutex);
        _cancelled = true;
    }
    _changed.notifyAll();
}

void PendingTokens::reset() {
    MutexLock lock(_mutex);
    _byToken.clear();
    _used.clear();
    _usedOrder.clear();
    _cancelled = false;
}

void PendingTokens::dropExpiredLocked() {
    auto now = Clock::now();
    std::erase_if(_byToken, [&](const auto& entry) { return entry.second.expires <= now; });
}

void PendingTokens::rememberUsedLocked(const std::string& token) {
    _used.insert(token);
    _usedOrder.push_back(token);
    while (_usedOrder.size() > kUsedTokensRemembered) {
        _used.erase(_usedOrder.front());
        _usedOrder.pop_front();
    }
}

} // namespace toom::p2p::chat
