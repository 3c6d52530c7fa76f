// WorkerPool: the threads that take login steps off the event loops.

#include "server/net/WorkerPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace toom {
namespace {

using namespace std::chrono_literals;

/// Blocks the jobs that wait on it until opened.
class Gate {
public:
    void wait() {
        std::unique_lock lock(_mutex);
        ++_waiting;
        _changed.notify_all();
        _changed.wait(lock, [this] { return _open; });
    }
    void open() {
        std::lock_guard lock(_mutex);
        _open = true;
        _changed.notify_all();
    }
    /// Until `n` jobs are inside wait().
    void awaitWaiting(int n) {
        std::unique_lock lock(_mutex);
        _changed.wait(lock, [&] { return _waiting >= n; });
    }

private:
    std::mutex _mutex;
    std::condition_variable _changed;
    bool _open = false;
    int _waiting = 0;
};

WorkerPool::Options options(std::size_t threads, std::size_t maxQueued, int niceness = 0) {
    WorkerPool::Options o;
    o.threads = threads;
    o.maxQueued = maxQueued;
    o.niceness = niceness;
    return o;
}

TEST(WorkerPoolTest, RunsEveryJobOnItsThreads) {
    WorkerPool pool(options(2, 100));
    EXPECT_EQ(pool.threadCount(), 2u);
    std::atomic<int> ran{0};
    std::promise<void> all;
    for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(pool.trySubmit([&] {
            if (++ran == 50)
                all.set_value();
        }));
    }
    ASSERT_EQ(all.get_future().wait_for(10s), std::future_status::ready);
    EXPECT_EQ(ran.load(), 50);
}

TEST(WorkerPoolTest, RefusesBeyondTheQueueBoundAndAcceptsAgainOnceDrained) {
    WorkerPool pool(options(1, 2));
    Gate gate;
    ASSERT_TRUE(pool.trySubmit([&] { gate.wait(); })); // Running, not queued.
    gate.awaitWaiting(1);
    std::atomic<int> ran{0};
    EXPECT_TRUE(pool.trySubmit([&] { ++ran; }));
    EXPECT_TRUE(pool.trySubmit([&] { ++ran; }));
    EXPECT_EQ(pool.queued(), 2u);
    EXPECT_FALSE(pool.trySubmit([&] { ran += 100; })); // Dropped unrun.
    gate.open();
    std::promise<void> last;
    // Retry until the queue has room again; then the job runs after the two before it.
    while (!pool.trySubmit([&] { last.set_value(); }))
        std::this_thread::sleep_for(1ms);
    ASSERT_EQ(last.get_future().wait_for(10s), std::future_status::ready);
    EXPECT_EQ(ran.load(), 2);
}

TEST(WorkerPoolTest, AJobThatThrowsDoesNotStopTheWorker) {
    WorkerPool pool(options(1, 10));
    ASSERT_TRUE(pool.trySubmit([] { throw std::runtime_error("boom"); }));
    std::promise<void> after;
    ASSERT_TRUE(pool.trySubmit([&] { after.set_value(); }));
    EXPECT_EQ(after.get_future().wait_for(10s), std::future_status::ready);
}

TEST(WorkerPoolTest, StopFinishesRunningJobsAndDropsWaitingOnes) {
    auto pool = std::make_unique<WorkerPool>(options(1, 10));
    Gate gate;
    std::atomic<bool> runningFinished{false};
    std::atomic<bool> waitingRan{false};
    ASSERT_TRUE(pool->trySubmit([&] {
        gate.wait();
        runningFinished = true;
    }));
    gate.awaitWaiting(1);
    ASSERT_TRUE(pool->trySubmit([&] { waitingRan = true; }));
    std::thread stopper([&] { pool->stop(); });
    // stop() waits for the running job; let it end.
    std::this_thread::sleep_for(20ms);
    gate.open();
    stopper.join();
    EXPECT_TRUE(runningFinished.load());
    EXPECT_FALSE(waitingRan.load());
    EXPECT_FALSE(pool->trySubmit([] {}));
    pool->stop(); // Idempotent.
}

// The loops keep their priority; the workers yield to them.
TEST(WorkerPoolTest, WorkersRunAtTheNicenessAsked) {
    const int base = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
    WorkerPool pool(options(1, 10, 5));
    std::promise<int> seen;
    ASSERT_TRUE(pool.trySubmit([&] {
        seen.set_value(::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid))));
    }));
    auto niceness = seen.get_future();
    ASSERT_EQ(niceness.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(niceness.get(), std::min(base + 5, 19));
    // The caller's own thread is untouched.
    EXPECT_EQ(::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid))), base);
}

} // namespace
} // namespace toom
