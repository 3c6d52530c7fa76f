#include "server/net/Session.h"

namespace toom {

Session::Session(std::string address, std::size_t maxQueuedBytes, Clock& clock)
    : _address(std::move(address))
    , _maxQueuedBytes(maxQueuedBytes)
    , _clock(clock)
    , _connectedAt(clock.now())
    , _lastActivity(_connectedAt.epochMicroseconds()) {}

Session::~Session() = default;

void Session::wake() {
    // One notice per batch: pushes that find it pending add their bytes and leave the owner
    // alone, which then takes everything in one go (one write per connection per loop turn).
    if (_noticePending.exchange(true))
        return;
    if (SessionOwner* owner = _owner.load())
        owner->sessionReady(*this);
}

bool Session::push(std::string_view lines) {
    bool overflow = false;
    {
        MutexLock lock(_mutex);
        if (_sealed)
            return false;
        if (_queuedBytes.load() + lines.size() > _maxQueuedBytes) {
            // The client is not reading. Drop what it has not taken and let the owner close the
            // connection; everyone else carries on.
            overflow = true;
            _sealed = true;
            _queuedBytes -= _pending.size() + _deferred.size();
            _pending.clear();
            _deferred.clear();
        } else if (_pushesDeferred) {
            _deferred.append(lines);
            _queuedBytes += lines.size();
            return true; // Nothing to send before openToPushes(): the owner need not look.
        } else {
            _pending.append(lines);
            _queuedBytes += lines.size();
        }
    }
    if (overflow) {
        requestClose(CloseReason::Overflow);
        return false;
    }
    wake();
    return true;
}

void Session::queueReply(std::string_view lines) {
    MutexLock lock(_mutex);
    if (_sealed)
        return;
    _pending.append(lines);
    _queuedBytes += lines.size();
}

void Session::requestClose(CloseReason reason) {
    CloseReason expected = CloseReason::None;
    _closeReason.compare_exchange_strong(expected, reason);
    wake();
}

void Session::touch() {
    _lastActivity.store(_clock.now().epochMicroseconds());
}

Poco::Timestamp Session::lastActivity() const {
    return Poco::Timestamp(_lastActivity.load());
}

void Session::markLoggedIn(const std::string& username) {
    _username = username;
    touch();
    _loggedIn.store(true);
}

void Session::markLoggedOut() {
    _loggedIn.store(false);
}

void Session::deferPushes() {
    MutexLock lock(_mutex);
    _pushesDeferred = true;
}

void Session::openToPushes() {
    MutexLock lock(_mutex);
    _pushesDeferred = false;
    _pending.append(_deferred);
    std::string().swap(_deferred);
}

void Session::seal(std::string_view finalLines) {
    MutexLock lock(_mutex);
    _sealed = true;
    // Pushes that were still deferred are dropped with the session: its user is leaving.
    _queuedBytes -= _deferred.size();
    std::string().swap(_deferred);
    _pushesDeferred = false;
    _pending.append(finalLines);
    _queuedBytes += finalLines.size();
}

bool Session::takePending(std::string& out) {
    MutexLock lock(_mutex);
    if (_pending.empty())
        return false;
    out.append(_pending);
    _pending.clear();
    return true;
}

void Session::sent(std::size_t bytes) {
    _queuedBytes -= bytes;
}

} // namespace toom
