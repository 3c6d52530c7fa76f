#include "common/WakeUp.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <thread>

namespace toom {
namespace {

/// True if `fd` polls readable within `timeoutMs`.
bool readableWithin(int fd, int timeoutMs) {
    pollfd pfd{fd, POLLIN, 0};
    return ::poll(&pfd, 1, timeoutMs) == 1 && (pfd.revents & POLLIN) != 0;
}

TEST(WakeUpTest, StartsQuiet) {
    WakeUp wake;
    EXPECT_GE(wake.fd(), 0);
    EXPECT_FALSE(readableWithin(wake.fd(), 0));
    EXPECT_FALSE(wake.pending());
    EXPECT_FALSE(wake.drain());
}

TEST(WakeUpTest, NotifyMakesItReadableUntilDrained) {
    WakeUp wake;
    wake.notify();
    EXPECT_TRUE(readableWithin(wake.fd(), 0));
    EXPECT_TRUE(wake.pending());
    EXPECT_TRUE(wake.pending()) << "pending() does not drain";
    EXPECT_TRUE(wake.drain());
    EXPECT_FALSE(readableWithin(wake.fd(), 0));
    EXPECT_FALSE(wake.drain());
}

TEST(WakeUpTest, OneDrainClearsManyNotifications) {
    WakeUp wake;
    for (int i = 0; i < 1000; ++i)
        wake.notify();
    EXPECT_TRUE(wake.drain());
    EXPECT_FALSE(wake.pending());
}

TEST(WakeUpTest, IsNonBlockingAndCloseOnExec) {
    WakeUp wake;
    EXPECT_NE(::fcntl(wake.fd(), F_GETFL) & O_NONBLOCK, 0);
    EXPECT_NE(::fcntl(wake.fd(), F_GETFD) & FD_CLOEXEC, 0);
}

TEST(WakeUpTest, EachHasItsOwnDescriptorClosedByTheDestructor) {
    int closedFd = -1;
    {
        WakeUp first;
        WakeUp second;
        EXPECT_NE(first.fd(), second.fd());
        closedFd = first.fd();
    }
    EXPECT_EQ(::fcntl(closedFd, F_GETFD), -1);
}

TEST(WakeUpTest, WakesAPollInAnotherThread) {
    WakeUp wake;
    std::atomic<bool> woke{false};
    std::thread poller([&] { woke = readableWithin(wake.fd(), 10'000); });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    wake.notify();
    poller.join();
    EXPECT_TRUE(woke);
}

} // namespace
} // namespace toom
