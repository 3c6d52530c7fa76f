#pragma once
// What PrivateChats tells the user, printed in the order its state changed but never under its
// mutex: a line is queued under PrivateChats' mutex (where the order is decided), and printed
// by flush() once the mutex is released. The printer is the client's Console, which writes to
// the terminal and may block on it; a lock held across that would stall every thread that
// needs the lock for as long as the terminal does.

#include "common/Mutex.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

namespace toom::p2p::chat {

/// An ordered queue of lines for one printer. Thread-safe.
class Notices {
public:
    using Printer = std::function<void(std::string_view)>;

    explicit Notices(Printer print);

    Notices(const Notices&) = delete;
    Notices& operator=(const Notices&) = delete;

    /// Queues `line`, to come out after every line queued before it. Quick; may be called with
    /// other locks held (it takes only its own).
    void queue(std::string line) TOOM_EXCLUDES(_mutex);

    /// Prints every line queued so far, in order, and returns once they are all out (another
    /// thread may be the one printing some of them). Call it with no lock held.
    void flush() TOOM_EXCLUDES(_mutex);

private:
    const Printer _print;
    Mutex _mutex; ///< Never held while printing.
    CondVar _printed;
    std::deque<std::string> _lines TOOM_GUARDED_BY(_mutex);
    std::uint64_t _queuedCount TOOM_GUARDED_BY(_mutex) = 0;  ///< Lines ever queued.
    std::uint64_t _printedCount TOOM_GUARDED_BY(_mutex) = 0; ///< Lines ever printed.
    bool _printing TOOM_GUARDED_BY(_mutex) = false;          ///< A flush() is printing a batch.
};

/// Flushes `notices` when it goes out of scope. Declared before a MutexLock in the same scope,
/// it runs after the lock is released.
class FlushNotices {
public:
    explicit FlushNotices(Notices& notices)
        : _notices(notices) {}
    ~FlushNotices() { _notices.flush(); }

    FlushNotices(const FlushNotices&) = delete;
    FlushNotices& operator=(const FlushNotices&) = delete;

private:
    Notices& _notices;
};

} // namespace toom::p2p::chat
