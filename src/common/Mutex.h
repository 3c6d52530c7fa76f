#pragma once
// The lock types of Toom, annotated for clang's thread-safety analysis (common/ThreadSafety.h).
//
//     mutable toom::Mutex _mutex;
//     std::vector<Item> _items TOOM_GUARDED_BY(_mutex);
//     void pruneLocked() TOOM_REQUIRES(_mutex);
//
//     void Thing::add(Item item) {
//         toom::MutexLock lock(_mutex);
//         _items.push_back(std::move(item));
//         pruneLocked();
//     }
//
// Waiting: toom::CondVar waits on a toom::Mutex the caller holds (through a MutexLock), the
// way std::condition_variable waits on a std::unique_lock. Write the predicate as a loop
// around wait() rather than as a lambda: a lambda's body is analysed on its own and does not
// know that the lock is held.
//
//     toom::MutexLock lock(_mutex);
//     while (_items.empty() && !_stopping)
//         _changed.wait(_mutex);

#include "common/ThreadSafety.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

namespace toom {

class CondVar;

/// A std::mutex the analysis knows as a lock.
class TOOM_CAPABILITY("mutex") Mutex {
public:
    Mutex() = default;
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    void lock() TOOM_ACQUIRE() { _mutex.lock(); }
    void unlock() TOOM_RELEASE() { _mutex.unlock(); }
    bool try_lock() TOOM_TRY_ACQUIRE(true) { return _mutex.try_lock(); }

    /// For the analysis: states that the caller holds this mutex (not checked at run time).
    void assertHeld() const TOOM_ASSERT_CAPABILITY(this) {}

private:
    friend class CondVar;
    std::mutex _mutex;
};

/// Holds a Mutex from construction to destruction, like std::lock_guard; unlock() and lock()
/// let a loop drop it around a wait or a call that must not run under it.
class TOOM_SCOPED_CAPABILITY MutexLock {
public:
    explicit MutexLock(Mutex& mutex) TOOM_ACQUIRE(mutex)
        : _mutex(mutex) {
        _mutex.lock();
    }
    ~MutexLock() TOOM_RELEASE() {
        if (_locked)
            _mutex.unlock();
    }

    MutexLock(const MutexLock&) = delete;
    MutexLock& operator=(const MutexLock&) = delete;

    /// Releases the mutex before the end of the scope.
    void unlock() TOOM_RELEASE() {
        _mutex.unlock();
        _locked = false;
    }
    /// Takes it again after unlock().
    void lock() TOOM_ACQUIRE() {
        _mutex.lock();
        _locked = true;
    }

private:
    Mutex& _mutex;
    bool _locked = true;
};

/// A std::shared_mutex the analysis knows as a lock: many readers or one writer.
class TOOM_CAPABILITY("shared mutex") SharedMutex {
public:
    SharedMutex() = default;
    SharedMutex(const SharedMutex&) = delete;
    SharedMutex& operator=(const SharedMutex&) = delete;

    void lock() TOOM_ACQUIRE() { _mutex.lock(); }
    void unlock() TOOM_RELEASE() { _mutex.unlock(); }
    void lock_shared() TOOM_ACQUIRE_SHARED() { _mutex.lock_shared(); }
    void unlock_shared() TOOM_RELEASE_SHARED() { _mutex.unlock_shared(); }

private:
    std::shared_mutex _mutex;
};

/// Holds a SharedMutex exclusively for its lifetime.
class TOOM_SCOPED_CAPABILITY WriterLock {
public:
    explicit WriterLock(SharedMutex& mutex) TOOM_ACQUIRE(mutex)
        : _mutex(mutex) {
        _mutex.lock();
    }
    ~WriterLock() TOOM_RELEASE() { _mutex.unlock(); }

    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

private:
    SharedMutex& _mutex;
};

/// Holds a SharedMutex shared (with other readers) for its lifetime.
class TOOM_SCOPED_CAPABILITY ReaderLock {
public:
    explicit ReaderLock(SharedMutex& mutex) TOOM_ACQUIRE_SHARED(mutex)
        : _mutex(mutex) {
        _mutex.lock_shared();
    }
    ~ReaderLock() TOOM_RELEASE() { _mutex.unlock_shared(); }

    ReaderLock(const ReaderLock&) = delete;
    ReaderLock& operator=(const ReaderLock&) = delete;

private:
    SharedMutex& _mutex;
};

/// A condition variable over toom::Mutex. Each wait needs the mutex held (the analysis checks
/// it), releases it while asleep and holds it again when it returns, spuriously or not.
class CondVar {
public:
    CondVar() = default;
    CondVar(const CondVar&) = delete;
    CondVar& operator=(const CondVar&) = delete;

    void notifyOne() noexcept { _cv.notify_one(); }
    void notifyAll() noexcept { _cv.notify_all(); }

    /// Waits for a notification (or a spurious wake-up).
    void wait(Mutex& mutex) TOOM_REQUIRES(mutex) {
        std::unique_lock<std::mutex> lock(mutex._mutex, std::adopt_lock);
        _cv.wait(lock);
        lock.release(); // Still held, by the caller's MutexLock.
    }

    /// Waits until `deadline` at the latest; std::cv_status::timeout once it has passed.
    template <typename Clock, typename Duration>
    std::cv_status waitUntil(Mutex& mutex, const std::chrono::time_point<Clock, Duration>& deadline)
        TOOM_REQUIRES(mutex) {
        std::unique_lock<std::mutex> lock(mutex._mutex, std::adopt_lock);
        const std::cv_status status = _cv.wait_until(lock, deadline);
        lock.release();
        return status;
    }

    /// Waits for `timeout` at most; std::cv_status::timeout if it ran out.
    template <typename Rep, typename Period>
    std::cv_status waitFor(Mutex& mutex, const std::chrono::duration<Rep, Period>& timeout)
        TOOM_REQUIRES(mutex) {
        std::unique_lock<std::mutex> lock(mutex._mutex, std::adopt_lock);
        const std::cv_status status = _cv.wait_for(lock, timeout);
        lock.release();
        return status;
    }

private:
    std::condition_variable _cv;
};

} // namespace toom
