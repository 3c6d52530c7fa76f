#include "common/Mutex.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace toom {
namespace {

/// A counter guarded the way src/ guards its state.
class GuardedCounter {
public:
    void add() TOOM_EXCLUDES(_mutex) {
        MutexLock lock(_mutex);
        addLocked();
    }
    int value() const TOOM_EXCLUDES(_mutex) {
        MutexLock lock(_mutex);
        return _value;
    }

private:
    void addLocked() TOOM_REQUIRES(_mutex) { ++_value; }

    mutable Mutex _mutex;
    int _value TOOM_GUARDED_BY(_mutex) = 0;
};

/// True if another thread can take `mutex` now (a thread must not try_lock a mutex it holds).
bool freeForOthers(Mutex& mutex) {
    bool free = false;
    std::thread([&] {
        if (mutex.try_lock()) {
            free = true;
            mutex.unlock();
        }
    }).join();
    return free;
}

TEST(MutexTest, MutexLockSerialisesWriters) {
    GuardedCounter counter;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 10'000; ++i)
                counter.add();
        });
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(counter.value(), 40'000);
}

TEST(MutexTest, MutexLockCanBeDroppedAndTakenAgain) {
    Mutex mutex;
    MutexLock lock(mutex);
    EXPECT_FALSE(freeForOthers(mutex));
    lock.unlock();
    EXPECT_TRUE(freeForOthers(mutex)) << "unlock() released it";
    lock.lock();
    EXPECT_FALSE(freeForOthers(mutex)) << "lock() took it again";
}

TEST(MutexTest, CondVarWaitReleasesTheMutexWhileAsleep) {
    Mutex mutex;
    CondVar changed;
    bool ready = false;
    std::thread notifier([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        MutexLock lock(mutex);
        ready = true;
        changed.notifyAll();
    });
    {
        MutexLock lock(mutex);
        while (!ready)
            changed.wait(mutex);
        EXPECT_TRUE(ready);
    }
    notifier.join();
}

TEST(MutexTest, CondVarTimedWaitsTimeOut) {
    Mutex mutex;
    CondVar never;
    MutexLock lock(mutex);
    EXPECT_EQ(never.waitFor(mutex, std::chrono::milliseconds(1)), std::cv_status::timeout);
    EXPECT_EQ(never.waitUntil(mutex, std::chrono::steady_clock::now()), std::cv_status::timeout);
    EXPECT_FALSE(freeForOthers(mutex)) << "held again after the wait";
}

TEST(MutexTest, SharedMutexAdmitsReadersTogether) {
    SharedMutex mutex;
    ReaderLock mine(mutex);
    bool otherRead = false;
    // Would never finish if readers excluded each other.
    std::thread([&] {
        ReaderLock theirs(mutex);
        otherRead = true;
    }).join();
    EXPECT_TRUE(otherRead);
}

} // namespace
} // namespace toom
