#pragma once
// Hands complete replies from the reader thread to the thread waiting for them. Bounded, so a
// server that floods replies nobody asked for blocks its own reader instead of eating memory.

#include "client/session/ServerReply.h"
#include "common/Mutex.h"

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>

namespace toom::client {

/// A bounded, closable FIFO of replies shared by two threads.
class ReplyQueue {
public:
    /// Holds at most `capacity` replies (at least one).
    explicit ReplyQueue(std::size_t capacity = 64);

    /// Appends a reply, waiting while the queue is full. False if the queue is closed.
    bool push(ServerReply reply);

    /// Takes the oldest reply, waiting for one. Nothing once the queue is closed and empty.
    std::optional<ServerReply> pop();

    /// As pop(), waiting at most `timeout`: nothing when it passed too (closed() tells which).
    std::optional<ServerReply> popFor(std::chrono::milliseconds timeout);

    /// Closes the queue: replies already queued can still be taken; waiters wake up.
    void close();

    /// Closes the queue and drops what it holds: pop() returns nothing from now on.
    void abandon();

    /// Replies waiting.
    std::size_t size() const;

    /// True after close() or abandon().
    bool closed() const;

private:
    /// Takes the oldest reply, if any, and wakes a waiting push.
    std::optional<ServerReply> takeFrontLocked() TOOM_REQUIRES(_mutex);

    std::size_t _capacity;
    mutable Mutex _mutex;
    CondVar _changed;
    std::deque<ServerReply> _replies TOOM_GUARDED_BY(_mutex);
    bool _closed TOOM_GUARDED_BY(_mutex) = false;
};

} // namespace toom::client
