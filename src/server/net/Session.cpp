#include "server/net/Session.h"

#include <Poco/Exception.h>

#include <cerrno>
#include <cstdint>
#include <sys/eventfd.h>
#include <unistd.h>

namespace toom {

Session::Session(std::string address, std::size_t maxQueuedBytes, Clock& clock)
    : _address(std::move(address))
    , _maxQueuedBytes(maxQueuedBytes)
    , _clock(clock)
    , _connectedAt(clock.now())
    , _lastActivity(_connectedAt.epochMicroseconds()) {
    // An eventfd is the cheapest way to let other threads interrupt the owner's poll(); Poco 1.11
    // has no wakeable poll of its own.
    _wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (_wakeFd < 0)
        throw Poco::SystemException("eventfd failed", errno);
}

Session::~Session() {
    if (_wakeFd >= 0)
        ::close(_wakeFd);
}

bool Session::push(std::string_view lines) {
    bool overflow = false;
    {
        std::lock_guard lock(_mutex);
        if (_sealed)
            return false;
        if (_queuedBytes.load() + lines.size() > _maxQueuedBytes) {
            // The client is not reading. Drop what it has not taken and let the owner close the
            // connection; everyone else carries on.
            overflow = true;
            _sealed = true;
            _queuedBytes -= _pending.size();
            _pending.clear();
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

void Session::seal(std::string_view finalLines) {
    std::lock_guard lock(_mutex);
    _sealed = true;
    _pending.append(finalLines);
    _queuedBytes += finalLines.size();
}

bool Session::takePending(std::string& out) {
    std::lock_guard lock(_mutex);
    if (_pending.empty())
        return false;
    out.append(_pending);
    _pending.clear();
    return true;
}

void Session::sent(std::size_t bytes) {
    _queuedBytes -= bytes;
}

void Session::wake() {
    const std::uint64_t one = 1;
    // A full counter (EAGAIN) already means "wake up"; nothing else can fail here.
    [[maybe_unused]] auto ignored = ::write(_wakeFd, &one, sizeof one);
}

void Session::drainWake() {
    std::uint64_t value = 0;
    [[maybe_unused]] auto ignored = ::read(_wakeFd, &value, sizeof value);
}

} // namespace toom
