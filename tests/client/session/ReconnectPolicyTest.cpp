// The reconnect schedule on its own: a fake clock (a time point the test moves) and a fixed
// "random" number, so that every wait and every bound is exact.

#include "client/session/ReconnectPolicy.h"

#include "client/session/ExitCodes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom::client;
using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Next = ReconnectStep::Action;

namespace {

class ReconnectPolicyTest : public ::testing::Test {
protected:
    ReconnectPolicy make(ReconnectPolicy::Settings settings = noJitter()) {
        return ReconnectPolicy(
            settings, [this] { return random; }, "127.0.0.1:4000");
    }

    static ReconnectPolicy::Settings noJitter() {
        ReconnectPolicy::Settings settings;
        settings.jitter = 0;
        return settings;
    }

    /// Waits out `step` on the fake clock, then the attempt fails.
    ReconnectStep failAfter(ReconnectPolicy& policy, const ReconnectStep& step) {
        now += step.delay;
        return policy.onAttemptFailed(now, "connection refused");
    }

    ReconnectPolicy::TimePoint now{std::chrono::hours(1000)};
    double random = 0.5;
};

TEST_F(ReconnectPolicyTest, TheWaitsDoubleFromOneSecondUpToTheCap) {
    auto policy = make();
    std::vector<std::chrono::milliseconds> waits;
    ReconnectStep step = policy.onConnectionLost(now);
    while (step.action == Next::Wait) {
        waits.push_back(step.delay);
        step = failAfter(policy, step);
    }
    EXPECT_THAT(waits, ElementsAre(1s, 2s, 4s, 8s, 16s, 30s, 30s, 30s, 30s, 30s));
    EXPECT_EQ(step.action, Next::GiveUp);
    EXPECT_EQ(step.exitCode, exitcode::kReconnectFailed);
    EXPECT_EQ(policy.attempts(), 10);
}

TEST_F(ReconnectPolicyTest, TheFirstStepSaysTheConnectionIsLostAndWhenTheAttemptComes) {
    auto policy = make();
    ReconnectStep step = policy.onConnectionLost(now);
    EXPECT_EQ(step.action, Next::Wait);
    EXPECT_THAT(step.print, ElementsAre("Connection to 127.0.0.1:4000 lost.",
                                        "Reconnecting in 1 s (attempt 1 of 10)..."));
}

TEST_F(ReconnectPolicyTest, AFailedAttemptSaysWhyAndWhenTheNextComes) {
    auto policy = make();
    ReconnectStep step = failAfter(policy, policy.onConnectionLost(now));
    EXPECT_THAT(step.print, ElementsAre("Reconnecting failed: connection refused.",
                                        "Reconnecting in 2 s (attempt 2 of 10)..."));
}

TEST_F(ReconnectPolicyTest, JitterSpreadsEachWaitWithinItsBounds) {
    ReconnectPolicy::Settings settings;
    settings.jitter = 0.25;
    random = 0.0;
    EXPECT_EQ(make(settings).onConnectionLost(now).delay, 750ms);
    random = 0.5;
    EXPECT_EQ(make(settings).onConnectionLost(now).delay, 1000ms);
    random = 0.999;
    auto high = make(settings).onConnectionLost(now).delay;
    EXPECT_GT(high, 1240ms);
    EXPECT_LE(high, 1250ms);
    random = 7.0; // A broken source is clamped, never a wait of hours.
    EXPECT_EQ(make(settings).onConnectionLost(now).delay, 1250ms);
}

TEST_F(ReconnectPolicyTest, GivesUpWhenTheNextAttemptWouldStartAfterTheTimeBound) {
    auto settings = noJitter();
    settings.maxAttempts = 100;
    settings.giveUpAfter = 10s;
    auto policy = make(settings);
    ReconnectStep step = policy.onConnectionLost(now); // Attempt 1 at 1 s.
    step = failAfter(policy, step);                    // Attempt 2 at 3 s.
    step = failAfter(policy, step);                    // Attempt 3 at 7 s.
    ASSERT_EQ(step.action, Next::Wait);
    step = failAfter(policy, step); // Attempt 4 would start at 15 s.
    EXPECT_EQ(step.action, Next::GiveUp);
    EXPECT_EQ(step.exitCode, exitcode::kReconnectFailed);
    EXPECT_THAT(step.print.back(), HasSubstr("Gave up reconnecting to 127.0.0.1:4000 after 3 "
                                             "attempts in 7 s."));
}

TEST_F(ReconnectPolicyTest, SlowAttemptsCountAgainstTheTimeBound) {
    auto settings = noJitter();
    settings.giveUpAfter = 60s;
    auto policy = make(settings);
    ReconnectStep step = policy.onConnectionLost(now);
    now += step.delay + 59s; // A connect that hung for most of a minute.
    step = policy.onAttemptFailed(now, "timed out");
    EXPECT_EQ(step.action, Next::GiveUp);
}

TEST_F(ReconnectPolicyTest, BackAfterALossSaysHowLongItTook) {
    auto policy = make();
    ReconnectStep step = failAfter(policy, policy.onConnectionLost(now));
    now += step.delay;
    step = policy.onReconnected(now);
    EXPECT_EQ(step.action, Next::Resume);
    EXPECT_THAT(step.print, ElementsAre("Reconnected to 127.0.0.1:4000 after 3 s."));
}

TEST_F(ReconnectPolicyTest, ALaterLossStartsTheScheduleAgain) {
    auto policy = make();
    ReconnectStep step = failAfter(policy, failAfter(policy, policy.onConnectionLost(now)));
    EXPECT_EQ(step.delay, 4s);
    now += step.delay;
    policy.onReconnected(now);
    now += 1h;
    step = policy.onConnectionLost(now);
    EXPECT_EQ(step.delay, 1s);
    EXPECT_THAT(step.print.back(), HasSubstr("attempt 1 of 10"));
}

TEST_F(ReconnectPolicyTest, ARefusedLoginGivesUpAtOnceWithTheServersWords) {
    auto policy = make();
    policy.onConnectionLost(now);
    ReconnectStep step = policy.onLoginRefused({"Wrong password."}, exitcode::kLoginRefused);
    EXPECT_EQ(step.action, Next::GiveUp);
    EXPECT_EQ(step.exitCode, exitcode::kLoginRefused);
    EXPECT_THAT(step.print, ElementsAre("Wrong password.",
                                        "Logging in again was refused: stopped reconnecting."));
}

TEST_F(ReconnectPolicyTest, AtLeastOneAttemptEvenWhenTheSettingsSayNone) {
    auto settings = noJitter();
    settings.maxAttempts = 0;
    auto policy = make(settings);
    ReconnectStep step = policy.onConnectionLost(now);
    EXPECT_EQ(step.action, Next::Wait);
    EXPECT_EQ(failAfter(policy, step).action, Next::GiveUp);
}

TEST_F(ReconnectPolicyTest, ManyAttemptsNeverOverflowTheDoubling) {
    auto policy = make();
    EXPECT_EQ(policy.baseDelay(1), 1s);
    EXPECT_EQ(policy.baseDelay(64), 30s);
    EXPECT_EQ(policy.baseDelay(1000000), 30s);
}

TEST(DescribeSeconds, RoundsUpAndSwitchesToMinutes) {
    EXPECT_EQ(describeSeconds(0ms), "1 s");
    EXPECT_EQ(describeSeconds(1001ms), "2 s");
    EXPECT_EQ(describeSeconds(59s), "59 s");
    EXPECT_EQ(describeSeconds(60s), "1 min");
    EXPECT_EQ(describeSeconds(65s), "1 min 5 s");
}

} // namespace
