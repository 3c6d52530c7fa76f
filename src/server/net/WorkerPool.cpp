#include "server/net/WorkerPool.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace toom {

WorkerPool::WorkerPool(Options options)
    : _options(std::move(options)) {
    const std::size_t count = std::max<std::size_t>(_options.threads, 1);
    _threads.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        _threads.emplace_back([this, i] { run(i); });
}

WorkerPool::~WorkerPool() {
    stop();
}

bool WorkerPool::trySubmit(Job job) {
    {
        MutexLock lock(_mutex);
        if (_stopping || _jobs.size() >= _options.maxQueued)
            return false;
        _jobs.push_back(std::move(job));
    }
    _wake.notifyOne();
    return true;
}

void WorkerPool::stop() {
    std::deque<Job> dropped;
    {
        MutexLock lock(_mutex);
        _stopping = true;
        dropped.swap(_jobs);
    }
    _wake.notifyAll();
    for (auto& thread : _threads) {
        if (thread.joinable())
            thread.join();
    }
    // Destroyed here, outside the lock: a job's captures may own things whose destructors lock.
    dropped.clear();
}

std::size_t WorkerPool::queued() const {
    MutexLock lock(_mutex);
    return _jobs.size();
}

void WorkerPool::run(std::size_t index) {
    const std::string name = _options.name + "-" + std::to_string(index);
    ::pthread_setname_np(::pthread_self(), name.substr(0, 15).c_str());
    // On Linux the nice value is per thread (setpriority on the thread id): the loops keep
    // their priority, these threads yield to them when both want the CPU.
    if (_options.niceness != 0) {
        const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
        const int current = ::getpriority(PRIO_PROCESS, tid);
        ::setpriority(PRIO_PROCESS, tid, std::min(current + _options.niceness, 19));
    }
    for (;;) {
        Job job;
        {
            MutexLock lock(_mutex);
            while (!_stopping && _jobs.empty())
                _wake.wait(_mutex);
            if (_stopping)
                return;
            job = std::move(_jobs.front());
            _jobs.pop_front();
        }
        try {
            job();
        } catch (const std::exception& e) {
            // A job reports its own outcome; one that throws past that is a bug, and must not
            // take a worker (and with it every later login) down.
            Poco::Logger::get("toom.workers")
                .error("%s: a job failed: %s", name, std::string(e.what()));
        } catch (...) {
            Poco::Logger::get("toom.workers").error("%s: a job failed", name);
        }
    }
}

} // namespace toom
