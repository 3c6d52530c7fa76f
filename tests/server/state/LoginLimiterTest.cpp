// LoginLimiter: consecutive failures per username, locks that expire with the clock.

#include "server/state/LoginLimiter.h"

#include "support/ManualClock.h"

#include <gtest/gtest.h>

#include <string>

namespace toom {
namespace {

class LoginLimiterTest : public ::testing::Test {
protected:
    void fail(const std::string& name, int times) {
        for (int i = 0; i < times; ++i)
            limiter.recordFailure(name);
    }

    ManualClock clock{Poco::Timestamp::fromEpochTime(1685595601)};
    LoginLimiter limiter{clock, 3, 10};
};

TEST_F(LoginLimiterTest, UnknownNamesHaveEveryAttemptAndNoLock) {
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 3);
    EXPECT_FALSE(limiter.isLocked("yoda"));
    EXPECT_FALSE(limiter.lockedUntil("yoda").has_value());
    EXPECT_EQ(limiter.trackedCount(), 0u);
}

TEST_F(LoginLimiterTest, FailuresCountDown) {
    EXPECT_FALSE(limiter.recordFailure("yoda"));
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 2);
    EXPECT_FALSE(limiter.recordFailure("yoda"));
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 1);
    EXPECT_FALSE(limiter.isLocked("yoda"));
}

TEST_F(LoginLimiterTest, TheLastAttemptLocksForLockSeconds) {
    fail("yoda", 2);
    EXPECT_TRUE(limiter.recordFailure("yoda"));
    EXPECT_TRUE(limiter.isLocked("yoda"));
    EXPECT_EQ(limiter.lockedUntil("yoda"), clock.now() + Poco::Timespan(10, 0));
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 0);
}

TEST_F(LoginLimiterTest, FailuresWhileLockedDoNotExtendTheLock) {
    fail("yoda", 3);
    const auto until = limiter.lockedUntil("yoda");
    clock.advanceSeconds(5);
    EXPECT_FALSE(limiter.recordFailure("yoda"));
    EXPECT_EQ(limiter.lockedUntil("yoda"), until);
}

TEST_F(LoginLimiterTest, LockEndsExactlyAtLockedUntil) {
    fail("yoda", 3);
    clock.advance(Poco::Timespan(9, 999999));
    EXPECT_TRUE(limiter.isLocked("yoda"));
    clock.advance(Poco::Timespan(0, 1));
    EXPECT_FALSE(limiter.isLocked("yoda"));
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 3);
}

TEST_F(LoginLimiterTest, AfterTheLockTheCountStartsFromZero) {
    fail("yoda", 3);
    clock.advanceSeconds(10);
    EXPECT_FALSE(limiter.recordFailure("yoda"));
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 2);
    EXPECT_FALSE(limiter.recordFailure("yoda"));
    EXPECT_TRUE(limiter.recordFailure("yoda"));
}

TEST_F(LoginLimiterTest, SuccessClearsTheCount) {
    fail("yoda", 2);
    limiter.recordSuccess("yoda");
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 3);
    EXPECT_EQ(limiter.trackedCount(), 0u);
}

TEST_F(LoginLimiterTest, UsernamesAreCountedSeparatelyAndCaseSensitively) {
    fail("yoda", 3);
    EXPECT_TRUE(limiter.isLocked("yoda"));
    EXPECT_FALSE(limiter.isLocked("luke"));
    EXPECT_FALSE(limiter.isLocked("Yoda"));
    EXPECT_EQ(limiter.remainingAttempts("Yoda"), 3);
}

TEST_F(LoginLimiterTest, SettingsAreClampedToSaneValues) {
    LoginLimiter strict(clock, 0, -5);
    EXPECT_EQ(strict.maxAttempts(), 1);
    EXPECT_EQ(strict.lockSeconds(), 0);
    EXPECT_TRUE(strict.recordFailure("yoda"));
    // A zero-second lock is over as soon as it starts.
    EXPECT_FALSE(strict.isLocked("yoda"));
}

TEST_F(LoginLimiterTest, PruneForgetsStaleCountsAndExpiredLocksButKeepsLiveLocks) {
    fail("stale", 1);
    fail("expired", 3);
    clock.advanceSeconds(3601);
    fail("locked", 3);
    fail("fresh", 1);
    limiter.prune();
    EXPECT_EQ(limiter.trackedCount(), 2u);
    EXPECT_TRUE(limiter.isLocked("locked"));
    EXPECT_EQ(limiter.remainingAttempts("fresh"), 2);
    EXPECT_EQ(limiter.remainingAttempts("stale"), 3);
}

TEST_F(LoginLimiterTest, MemoryIsBoundedButLocksSurviveAFlood) {
    LoginLimiter small(clock, 3, 60, 16);
    for (int i = 0; i < 3; ++i)
        small.recordFailure("yoda");
    for (int i = 0; i < 200; ++i) {
        clock.advance(Poco::Timespan(0, 1000));
        small.recordFailure("made-up-" + std::to_string(i));
    }
    EXPECT_LE(small.trackedCount(), 16u);
    EXPECT_TRUE(small.isLocked("yoda"));
}

TEST_F(LoginLimiterTest, EvictionDropsTheOldestCountsFirst) {
    LoginLimiter small(clock, 3, 60, 16);
    for (int i = 0; i < 16; ++i) {
        clock.advanceSeconds(1);
        small.recordFailure("user" + std::to_string(i));
        small.recordFailure("user" + std::to_string(i));
    }
    clock.advanceSeconds(1);
    small.recordFailure("newcomer");
    EXPECT_EQ(small.remainingAttempts("user0"), 3);  // Forgotten.
    EXPECT_EQ(small.remainingAttempts("user15"), 1); // Kept.
    EXPECT_EQ(small.remainingAttempts("newcomer"), 2);
}

} // namespace
} // namespace toom
