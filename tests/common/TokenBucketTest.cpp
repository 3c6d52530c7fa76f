// TokenBucket: a burst is free, then requests wait by exactly their excess over the rate.

#include "common/TokenBucket.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

using namespace std::chrono_literals;
using Clock = TokenBucket::Clock;

double micros(std::chrono::microseconds d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

TEST(TokenBucketTest, TheBurstIsFree) {
    TokenBucket bucket(10, 5);
    const auto t = Clock::time_point{} + 1h;
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(bucket.charge(1, t), 0us) << i;
    EXPECT_GT(bucket.charge(1, t), 0us);
}

// At 10 per second, each request past the burst waits a tenth of a second longer than the one
// before, as long as the client keeps sending faster than the rate.
TEST(TokenBucketTest, PastTheBurstEachRequestWaitsForItsTokens) {
    TokenBucket bucket(10, 2);
    const auto t = Clock::time_point{} + 1h;
    bucket.charge(1, t);
    bucket.charge(1, t);
    EXPECT_NEAR(micros(bucket.charge(1, t)), 100'000, 2);
    EXPECT_NEAR(micros(bucket.charge(1, t)), 200'000, 2);
    EXPECT_NEAR(bucket.level(t), -2.0, 1e-9);
}

TEST(TokenBucketTest, TheBucketRefillsAtTheRateUpToTheBurst) {
    TokenBucket bucket(10, 3);
    const auto t = Clock::time_point{} + 1h;
    for (int i = 0; i < 3; ++i)
        bucket.charge(1, t);
    EXPECT_NEAR(bucket.level(t + 100ms), 1.0, 1e-9);
    EXPECT_NEAR(bucket.level(t + 1h), 3.0, 1e-9); // Never more than the burst.
    EXPECT_EQ(bucket.charge(1, t + 100ms), 0us);
}

// A client sending exactly at the rate is never delayed, however long it goes on.
TEST(TokenBucketTest, SendingAtTheRateIsNeverDelayed) {
    TokenBucket bucket(10, 1);
    auto t = Clock::time_point{} + 1h;
    for (int i = 0; i < 1000; ++i, t += 100ms)
        ASSERT_EQ(bucket.charge(1, t), 0us) << i;
}

TEST(TokenBucketTest, ExpensiveRequestsCostMore) {
    TokenBucket bucket(10, 10);
    const auto t = Clock::time_point{} + 1h;
    EXPECT_EQ(bucket.charge(3, t), 0us);
    EXPECT_EQ(bucket.charge(3, t), 0us);
    EXPECT_EQ(bucket.charge(3, t), 0us);
    EXPECT_NEAR(micros(bucket.charge(3, t)), 200'000, 2); // 10 - 12 = -2 tokens.
}

TEST(TokenBucketTest, ARateOfZeroIsOff) {
    TokenBucket bucket(0, 1);
    const auto t = Clock::time_point{} + 1h;
    EXPECT_FALSE(bucket.enabled());
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(bucket.charge(5, t), 0us);
}

} // namespace
} // namespace toom
