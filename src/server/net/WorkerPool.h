#pragma once
// A small fixed set of threads for work that must not run on an event loop: password hashing
// (PBKDF2 costs milliseconds by design) and the store round trips of a login (reading the
// account, waiting for a new account's commit). The loops hand a job over and carry on with
// everyone else; the job tells its connection when it is done (Session::nudge), and the loop
// picks the result up in its next turn.
//
// Bounded: at most maxQueued jobs wait; trySubmit() refuses beyond that rather than growing
// (each connection has at most one login job at a time, so the bound is only reached when
// more connections than that are logging in at once). The threads run at a lower CPU priority
// than the loops (a nice value), so a login storm makes the logins wait, not the users who
// are already chatting.

#include "common/Mutex.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace toom {

class WorkerPool {
public:
    using Job = std::function<void()>;

    struct Options {
        std::size_t threads = 2;        ///< At least 1.
        std::size_t maxQueued = 16384;  ///< Jobs waiting (not running), at most.
        int niceness = 5;               ///< Added to each thread's nice value (0: none).
        std::string name = "toom-work"; ///< Thread name prefix (shown by top -H).
    };

    /// Starts the threads.
    explicit WorkerPool(Options options);
    /// stop().
    ~WorkerPool();

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// Queues `job` to run on one of the threads. False (and the job is dropped unrun) when
    /// maxQueued jobs already wait or the pool is stopped.
    bool trySubmit(Job job) TOOM_EXCLUDES(_mutex);

    /// Lets the running jobs finish, drops the waiting ones unrun and joins the threads.
    /// Idempotent.
    void stop() TOOM_EXCLUDES(_mutex);

    std::size_t threadCount() const { return _threads.size(); }
    /// Jobs waiting to start.
    std::size_t queued() const TOOM_EXCLUDES(_mutex);

private:
    void run(std::size_t index);

    const Options _options;
    mutable Mutex _mutex;
    CondVar _wake;
    std::deque<Job> _jobs TOOM_GUARDED_BY(_mutex);
    bool _stopping TOOM_GUARDED_BY(_mutex) = false;
    std::vector<std::thread> _threads;
};

} // namespace toom
