#pragma once
// Short- and long-lived threads started by PrivateChats (a connect attempt, an incoming
// handshake, a session's reader) that must all be joined before it goes away. A thread cannot
// join itself, so finished threads are joined by the next spawn() or by joinAll().

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
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

    /// Joins the threads that have finished, then runs `work` on a new thread. An exception
    /// escaping `work` is swallowed (a thread must not terminate the process). Throws
    /// std::system_error if no thread can be started.
    void spawn(std::function<void()> work);

    /// Joins every thread, waiting for those still running. Must not be called from one of
    /// them. Threads spawned meanwhile are joined too.
    void joinAll();

    /// Threads started and not joined yet (finished or not).
    std::size_t size() const;

private:
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> finished;
    };

    void reapFinishedLocked();

    mutable std::mutex _mutex;
    std::list<Worker> _workers;
};

} // namespace toom::p2p::chat
