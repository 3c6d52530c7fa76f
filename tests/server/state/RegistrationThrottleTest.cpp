// RegistrationThrottle: a burst of registrations per address, then a steady trickle; other
// addresses unaffected; memory bounded.

#include "server/state/RegistrationThrottle.h"

#include "support/ManualClock.h"

#include <gtest/gtest.h>

#include <string>

namespace toom {
namespace {

class RegistrationThrottleTest : public ::testing::Test {
protected:
    ManualClock clock{Poco::Timestamp::fromEpochTime(1685595601)};
    RegistrationThrottle throttle{clock, RegistrationLimits{3, 60, 100}}; // one a minute back
};

TEST_F(RegistrationThrottleTest, TheBurstGoesThroughThenTheAddressWaits) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(throttle.retryAfter("10.0.0.1")) << i;
        throttle.recorded("10.0.0.1");
    }
    ASSERT_TRUE(throttle.retryAfter("10.0.0.1"));
    EXPECT_EQ(*throttle.retryAfter("10.0.0.1"), 60);
    EXPECT_FALSE(throttle.retryAfter("10.0.0.2")) << "another address is not affected";
}

TEST_F(RegistrationThrottleTest, TheAllowanceComesBackAtTheHourlyRate) {
    for (int i = 0; i < 3; ++i)
        throttle.recorded("10.0.0.1");
    clock.advance(Poco::Timespan(30, 0));
    EXPECT_EQ(throttle.retryAfter("10.0.0.1"), 30);
    clock.advance(Poco::Timespan(30, 0));
    EXPECT_FALSE(throttle.retryAfter("10.0.0.1"));
    throttle.recorded("10.0.0.1");
    EXPECT_EQ(throttle.retryAfter("10.0.0.1"), 60) << "one came back, one was used";
}

TEST_F(RegistrationThrottleTest, AnEmptiedBucketIsForgottenByPrune) {
    throttle.recorded("10.0.0.1");
    throttle.recorded("10.0.0.2");
    clock.advance(Poco::Timespan(30, 0));
    throttle.recorded("10.0.0.2");
    clock.advance(Poco::Timespan(60, 0));
    throttle.prune();
    EXPECT_EQ(throttle.trackedCount(), 1u);
    clock.advance(Poco::Timespan(60, 0));
    throttle.prune();
    EXPECT_EQ(throttle.trackedCount(), 0u);
}

TEST_F(RegistrationThrottleTest, TheTableIsBoundedAndDropsTheEmptiestFirst) {
    for (int i = 0; i < 3; ++i)
        throttle.recorded("busy");
    for (int i = 0; i < 250; ++i)
        throttle.recorded("10.1." + std::to_string(i));
    EXPECT_LE(throttle.trackedCount(), 100u);
    EXPECT_TRUE(throttle.retryAfter("busy")) << "the fullest bucket is kept";
}

TEST_F(RegistrationThrottleTest, ABurstOfZeroIsNoLimit) {
    RegistrationThrottle off(clock, RegistrationLimits{0, 0, 10});
    for (int i = 0; i < 50; ++i)
        off.recorded("10.0.0.1");
    EXPECT_FALSE(off.retryAfter("10.0.0.1"));
    EXPECT_EQ(off.trackedCount(), 0u);
}

} // namespace
} // namespace toom
