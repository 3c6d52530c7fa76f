#pragma once
// A descriptor one thread polls and any other thread (or a signal handler) makes readable: the
// way to interrupt a poll() from outside, which Poco 1.11 does not offer. An eventfd: one
// descriptor, never full, non-blocking and close-on-exec.
//
//     pollfd fds[2] = {{socket, POLLIN, 0}, {wake.fd(), POLLIN, 0}};
//     ::poll(fds, 2, -1);
//     if (fds[1].revents != 0)
//         wake.drain(); // then look at what the other thread asked for
//
// Left undrained it stays readable, so it also serves as a one-way "stop for good" flag
// (pending()).

namespace toom {

class WakeUp {
public:
    /// Throws std::system_error if no eventfd can be made.
    WakeUp();
    /// Closes the descriptor; no thread may be polling it any more.
    ~WakeUp();

    WakeUp(const WakeUp&) = delete;
    WakeUp& operator=(const WakeUp&) = delete;

    /// Makes fd() readable until the next drain(). Any thread; async-signal-safe; never blocks.
    void notify() noexcept;

    /// Makes fd() unreadable again; true if notify() was called since the last drain(). Never
    /// blocks.
    bool drain() noexcept;

    /// True if notify() was called since the last drain(), without draining. Never blocks.
    bool pending() const noexcept;

    /// The descriptor to poll for POLLIN.
    int fd() const noexcept { return _fd; }

private:
    int _fd = -1;
};

} // namespace toom
