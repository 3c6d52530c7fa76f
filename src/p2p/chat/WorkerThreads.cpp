#include "p2p/chat/WorkerThreads.h"

namespace toom::p2p::chat {

WorkerThreads::~WorkerThreads() {
    joinAll();
}

void WorkerThreads::spawn(std::function<void()> work) {
    auto finished = std::make_shared<std::atomic<bool>>(false);
    MutexLock lock(_mutex);
    std::thread thread([work = std::move(work), finished]() mutable {
        try {
            work();
        } catch (...) {
            // Work reports its own failures; an exception here is a bug, not a reason to
            // take the whole client down.
        }
        work = nullptr; // Releases what the work held (a session, a socket) before reporting.
        // The last thing the thread does: after this it touches nothing but its own stack, so
        // joining it never waits for a lock.
        finished->store(true);
    });
    _workers.push_back({std::move(thread), std::move(finished)});
}

void WorkerThreads::reapFinished() {
    std::list<Worker> finished;
    {
        MutexLock lock(_mutex);
        for (auto it = _workers.begin(); it != _workers.end();) {
            auto next = std::next(it);
            if (it->finished->load())
                finished.splice(finished.end(), _workers, it);
            it = next;
        }
    }
    // They have finished, but a join is still a wait: not under the mutex.
    for (auto& worker : finished)
        worker.thread.join();
}

void WorkerThreads::joinAll() {
    for (;;) {
        std::list<Worker> workers;
        {
            MutexLock lock(_mutex);
            workers.swap(_workers);
        }
        if (workers.empty())
            return;
        // Joined without the lock, so that a running thread can still call spawn().
        for (auto& worker : workers)
            worker.thread.join();
    }
}

std::size_t WorkerThreads::size() const {
    MutexLock lock(_mutex);
    return _workers.size();
}

} // namespace toom::p2p::chat
