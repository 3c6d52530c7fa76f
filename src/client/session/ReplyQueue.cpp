#include "client/session/ReplyQueue.h"

namespace toom::client {

ReplyQueue::ReplyQueue(std::size_t capacity)
    : _capacity(capacity == 0 ? 1 : capacity) {}

bool ReplyQueue::push(ServerReply reply) {
    std::unique_lock lock(_mutex);
    _changed.wait(lock, [&] { return _closed || _replies.size() < _capacity; });
    if (_closed)
        return false;
    _replies.push_back(std::move(reply));
    _changed.notify_all();
    return true;
}

std::optional<ServerReply> ReplyQueue::pop() {
    std::unique_lock lock(_mutex);
    _changed.wait(lock, [&] { return _closed || !_replies.empty(); });
    if (_replies.empty())
        return std::nullopt;
    ServerReply reply = std::move(_replies.front());
    _replies.pop_front();
    _changed.notify_all();
    return reply;
}

void ReplyQueue::close() {
    std::lock_guard lock(_mutex);
    _closed = true;
    _changed.notify_all();
}

void ReplyQueue::abandon() {
    std::lock_guard lock(_mutex);
    _closed = true;
    _replies.clear();
    _changed.notify_all();
}

std::size_t ReplyQueue::size() const {
    std::lock_guard lock(_mutex);
    return _replies.size();
}

bool ReplyQueue::closed() const {
    std::lock_guard lock(_mutex);
    return _closed;
}

} // namespace toom::client
