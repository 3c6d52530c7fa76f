#pragma once
// Short- and long-lived threads started by PrivateChats (a connect attempt, an incoming
// handshake, a session's reader) that must all be joined before it goes away. A thread cannot
// join itself, so finished threads are joined by reapFinished() or by joinAll(), never with a
// lock held; spawn() itself never waits, so it may be called under the caller's lock.

#include "common/Mutex.h"

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <thread>

namespace toom::p2p::chat {

/// A set of joinable threads. Thread-safe.
class WorkerThreads {
public:
    WorkerThreads() = default;
    /// Joins every thread.
    ~WorkerThreads();

    WorkerThreads(const WorkerThreads&) = delete;
    WorkerThreads& operator=(const WorkerThreads&) = delete;

    /// Runs `work` on a new thread. An exception escaping `work` is swallowed (a thread must
    /// not terminate the process). Never waits. Throws std::system_error if no thread can be
    /// started.
    void spawn(std::function<void()> work) TOOM_EXCLUDES(_mutex);

    /// Joins the threads that have finished (quick: they have nothing left to do). Call it with
    /// no lock held, before spawning more, so that finished threads do not pile up.
    void reapFinished() TOOM_EXCLUDES(_mutex);

    /// Joins every thread, waiting for those still running. Must not be called from one of
    /// them. Threads spawned meanwhile are joined too.
    void joinAll() TOOM_EXCLUDES(_mutex);

    /// Threads started and not joined yet (finished or not).
    std::size_t size() const TOOM_EXCLUDES(_mutex);

private:
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> finished;
    };

    mutable Mutex _mutex;
    std::list<Worker> _workers TOOM_GUARDED_BY(_mutex);
};

} // namespace toom::p2p::chat
