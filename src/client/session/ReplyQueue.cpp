#include "client/session/ReplyQueue.h"

namespace toom::client {

ReplyQueue::ReplyQueue(std::size_t capacity)
    : _capacity(capacity == 0 ? 1 : capacity) {}

bool ReplyQueue::push(ServerReply reply) {
    MutexLock lock(_mutex);
    while (!_closed && _replies.size() >= _capacity)
        _changed.wait(_mutex);
    if (_closed)
        return false;
    _replies.push_back(std::move(reply));
    _changed.notifyAll();
    return true;
}

std::optional<ServerReply> ReplyQueue::pop() {
    MutexLock lock(_mutex);
    while (!_closed && _replies.empty())
        _changed.wait(_mutex);
    return takeFrontLocked();
}

std::optional<ServerReply> ReplyQueue::popFor(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    MutexLock lock(_mutex);
    while (!_closed && _replies.empty()) {
        if (_changed.waitUntil(_mutex, deadline) == std::cv_status::timeout)
            break;
    }
    return takeFrontLocked();
}

std::optional<ServerReply> ReplyQueue::takeFrontLocked() {
    if (_replies.empty())
        return std::nullopt;
    ServerReply reply = std::move(_replies.front());
    _replies.pop_front();
    _changed.notifyAll(); // A push waiting for room may go on.
    return reply;
}

void ReplyQueue::close() {
    MutexLock lock(_mutex);
    _closed = true;
    _changed.notifyAll();
}

void ReplyQueue::abandon() {
    MutexLock lock(_mutex);
    _closed = true;
    _replies.clear();
    _changed.notifyAll();
}

std::size_t ReplyQueue::size() const {
    MutexLock lock(_mutex);
    return _replies.size();
}

bool ReplyQueue::closed() const {
    MutexLock lock(_mutex);
    return _closed;
}

} // namespace toom::client
