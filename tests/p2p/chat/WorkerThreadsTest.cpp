// The threads PrivateChats starts: all joined, finished ones reaped, exceptions contained.

#include "p2p/chat/WorkerThreads.h"

#include "p2p/chat/PeerTestSupport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using toom::p2p::chat::WorkerThreads;
using toom::p2p::chat::testkit::waitUntil;

TEST(WorkerThreadsTest, JoinAllWaitsForEveryThread) {
    WorkerThreads workers;
    std::atomic<int> done{0};
    std::atomic<bool> release{false};
    for (int i = 0; i < 4; ++i) {
        workers.spawn([&] {
            while (!release)
                std::this_thread::yield();
            ++done;
        });
    }
    release = true;
    workers.joinAll();
    EXPECT_EQ(done, 4);
    EXPECT_EQ(workers.size(), 0u);
}

TEST(WorkerThreadsTest, FinishedThreadsAreJoinedByReapFinished) {
    WorkerThreads workers;
    workers.spawn([] {});
    workers.spawn([] {});
    // Without reaping the count would only grow; with it, once the threads have finished
    // nothing is left to join.
    EXPECT_TRUE(waitUntil([&] {
        workers.reapFinished();
        return workers.size() == 0;
    }));
}

TEST(WorkerThreadsTest, SpawnDoesNotJoinAndReapLeavesRunningThreads) {
    WorkerThreads workers;
    std::atomic<bool> release{false};
    workers.spawn([&] {
        while (!release)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    workers.spawn([] {});
    workers.reapFinished(); // Must not wait for the first thread.
    EXPECT_GE(workers.size(), 1u);
    release = true;
    workers.joinAll();
    EXPECT_EQ(workers.size(), 0u);
}

TEST(WorkerThreadsTest, AnEscapingExceptionDoesNotEndTheProcess) {
    WorkerThreads workers;
    workers.spawn([] { throw std::runtime_error("boom"); });
    workers.joinAll();
    SUCCEED();
}

TEST(WorkerThreadsTest, AThreadMaySpawnWhileOthersAreJoined) {
    WorkerThreads workers;
    std::atomic<bool> secondRan{false};
    workers.spawn([&] { workers.spawn([&] { secondRan = true; }); });
    workers.joinAll();
    EXPECT_TRUE(secondRan);
}
