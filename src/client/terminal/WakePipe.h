#pragma once
// A self-pipe that wakes a thread blocked in poll() on stdin: the reader thread uses it to end
// the input wait when the server closes the connection or logs the user out.

#include <atomic>

namespace toom::client {

/// A pipe whose read end becomes readable, for good, once signal() is called.
class WakePipe {
public:
    /// Creates the pipe; throws std::system_error on failure.
    WakePipe();
    ~WakePipe();

    WakePipe(const WakePipe&) = delete;
    WakePipe& operator=(const WakePipe&) = delete;

    /// Wakes pollers (async-signal-safe; idempotent).
    void signal();

    /// True once signal() was called.
    bool signalled() const { return _signalled; }

    /// The descriptor to poll for POLLIN.
    int fd() const { return _read; }

private:
    int _read = -1;
    int _write = -1;
    std::atomic<bool> _signalled{false};
};

} // namespace toom::client
