// LoginLimiter: consecutive failures per username (the seeds) or per username and address with a
// per-username slow-down (toom-default), locks that expire with the clock, bounded memory.

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

TEST_F(LoginLimiterTest, PerUsernameScopeIgnoresTheAddress) {
    fail("yoda", 2);
    EXPECT_TRUE(limiter.recordFailure("yoda", "127.0.0.2"));
    EXPECT_TRUE(limiter.isLocked("yoda", "127.0.0.1"));
    EXPECT_TRUE(limiter.isLocked("yoda", "10.9.8.7"));
    EXPECT_EQ(limiter.scope(), LockScope::Username);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(0));
}

// --- per username and address (toom-default) ----------------------------------------------------

class AddressScopeLimiterTest : public ::testing::Test {
protected:
    static LoginLimits limits() {
        LoginLimits l;
        l.maxAttempts = 3;
        l.lockSeconds = 10;
        l.scope = LockScope::UsernameAndAddress;
        l.slowAfterFailures = 5;
        l.slowDelayMs = 250;
        l.slowMaxDelayMs = 4000;
        l.slowForgetSeconds = 10;
        l.maxTracked = 1000;
        return l;
    }
    void fail(const std::string& name, const std::string& address, int times) {
        for (int i = 0; i < times; ++i)
            limiter.recordFailure(name, address);
    }

    ManualClock clock{Poco::Timestamp::fromEpochTime(1685595601)};
    LoginLimiter limiter{clock, limits()};
};

TEST_F(AddressScopeLimiterTest, AStrangersFailuresLockOnlyTheStranger) {
    fail("yoda", "127.0.0.2", 2);
    EXPECT_TRUE(limiter.recordFailure("yoda", "127.0.0.2"));
    EXPECT_TRUE(limiter.isLocked("yoda", "127.0.0.2"));
    EXPECT_FALSE(limiter.isLocked("yoda", "127.0.0.1"));
    EXPECT_EQ(limiter.remainingAttempts("yoda", "127.0.0.1"), 3);
    EXPECT_EQ(limiter.remainingAttempts("yoda", "127.0.0.2"), 0);
    EXPECT_EQ(limiter.lockedUntil("yoda", "127.0.0.2"), clock.now() + Poco::Timespan(10, 0));
}

TEST_F(AddressScopeLimiterTest, EachAddressHasItsOwnCountAndSuccessClearsOnlyItsOwn) {
    fail("yoda", "127.0.0.1", 2);
    fail("yoda", "127.0.0.2", 1);
    limiter.recordSuccess("yoda", "127.0.0.1");
    EXPECT_EQ(limiter.remainingAttempts("yoda", "127.0.0.1"), 3);
    EXPECT_EQ(limiter.remainingAttempts("yoda", "127.0.0.2"), 2);
}

TEST_F(AddressScopeLimiterTest, ThePairLockExpiresWithTheClock) {
    fail("yoda", "127.0.0.2", 3);
    clock.advanceSeconds(9);
    EXPECT_TRUE(limiter.isLocked("yoda", "127.0.0.2"));
    clock.advanceSeconds(1);
    EXPECT_FALSE(limiter.isLocked("yoda", "127.0.0.2"));
}

TEST_F(AddressScopeLimiterTest, FailuresFromEverywhereSlowTheUsernameDownWithoutLockingIt) {
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(0));
    // Four addresses, one failure each: below the threshold.
    for (int i = 2; i <= 5; ++i)
        fail("yoda", "127.0.0." + std::to_string(i), 1);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(0));
    // The fifth starts the slow-down; each further failure doubles it, up to the cap.
    fail("yoda", "127.0.0.6", 1);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(250));
    fail("yoda", "127.0.0.7", 1);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(500));
    fail("yoda", "127.0.0.8", 2);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(2000));
    fail("yoda", "127.0.0.9", 3);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(4000));
    fail("yoda", "127.0.0.10", 3);
    fail("yoda", "127.0.0.11", 3);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(4000));
    // The owner's own address is not locked, and other names are not slowed.
    EXPECT_FALSE(limiter.isLocked("yoda", "127.0.0.1"));
    EXPECT_EQ(limiter.answerDelay("luke"), std::chrono::milliseconds(0));
}

TEST_F(AddressScopeLimiterTest, TheSlowDownLeaksAwayWithTime) {
    fail("yoda", "127.0.0.2", 3);
    fail("yoda", "127.0.0.3", 3);
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(500));
    clock.advanceSeconds(10); // One failure leaks out.
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(250));
    clock.advanceSeconds(1); // 4.9 left: five failures not yet forgotten.
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(250));
    clock.advanceSeconds(9); // 4 left: below the threshold.
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(0));
    clock.advanceSeconds(50);
    limiter.prune();
    EXPECT_EQ(limiter.slowdownCount(), 0u);
}

// Today's attack: 0.3 guesses a second. Per address it meets the lock (three per ten seconds);
// summed over addresses it makes the username slow, never locked.
TEST_F(AddressScopeLimiterTest, AGuessEveryThreeSecondsSlowsButNeverLocksTheOwner) {
    for (int i = 0; i < 200; ++i) {
        clock.advance(Poco::Timespan(3, 333333));
        limiter.recordFailure("yoda", "203.0.113." + std::to_string(i % 50));
        ASSERT_FALSE(limiter.isLocked("yoda", "127.0.0.1"));
    }
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(4000));
}

TEST_F(AddressScopeLimiterTest, SuccessLeavesTheSlowDownInPlace) {
    fail("yoda", "127.0.0.2", 3);
    fail("yoda", "127.0.0.3", 3);
    limiter.recordSuccess("yoda", "127.0.0.1");
    EXPECT_EQ(limiter.answerDelay("yoda"), std::chrono::milliseconds(500));
}

TEST_F(AddressScopeLimiterTest, MemoryIsBoundedEvenWhenEveryCounterIsALock) {
    LoginLimits small = limits();
    small.maxTracked = 16;
    LoginLimiter bounded(clock, small);
    for (int i = 0; i < 200; ++i) {
        clock.advance(Poco::Timespan(0, 1000));
        for (int k = 0; k < 3; ++k)
            bounded.recordFailure("name" + std::to_string(i), "10.0.0." + std::to_string(i % 250));
    }
    EXPECT_LE(bounded.trackedCount(), 16u);
    EXPECT_LE(bounded.slowdownCount(), 16u);
}

TEST_F(AddressScopeLimiterTest, AFloodOfMadeUpNamesDoesNotEvictTheNameUnderAttack) {
    LoginLimits small = limits();
    small.maxTracked = 16;
    LoginLimiter bounded(clock, small);
    for (int i = 0; i < 200; ++i) {
        clock.advance(Poco::Timespan(0, 1000));
        bounded.recordFailure("made-up-" + std::to_string(i), "10.0.0.1");
        // The attack on yoda goes on at the same time.
        bounded.recordFailure("yoda", "10.0.1." + std::to_string(i));
    }
    EXPECT_LE(bounded.slowdownCount(), 16u);
    EXPECT_EQ(bounded.answerDelay("yoda"), std::chrono::milliseconds(4000));
}

TEST_F(AddressScopeLimiterTest, NoDelayWhenTheMaximumIsZero) {
    LoginLimits off = limits();
    off.slowMaxDelayMs = 0;
    LoginLimiter quiet(clock, off);
    for (int i = 0; i < 20; ++i)
        quiet.recordFailure("yoda", "10.0.0." + std::to_string(i));
    EXPECT_EQ(quiet.answerDelay("yoda"), std::chrono::milliseconds(0));
}

} // namespace
} // namespace toom
