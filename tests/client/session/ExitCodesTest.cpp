#include "client/session/ExitCodes.h"

#include <gtest/gtest.h>

using namespace toom::client;

TEST(ExitCodesTest, UnexplainedCloseIsReportedWithThree) {
    auto decision = decideOnServerClose(CloseCause::None);
    EXPECT_EQ(decision.exitCode, 3);
    EXPECT_EQ(decision.notice, std::string("Connection closed by the server"));
}

TEST(ExitCodesTest, LogoutTimeoutAndShutdownEndWithZeroAndNoNotice) {
    for (auto cause : {CloseCause::LoggedOut, CloseCause::TimedOut, CloseCause::Shutdown}) {
        auto decision = decideOnServerClose(cause);
        EXPECT_EQ(decision.exitCode, 0);
        EXPECT_FALSE(decision.notice);
    }
}

TEST(ExitCodesTest, ClosingEventSuppressesTheNoticeButIsNotSuccess) {
    EXPECT_EQ(decideOnServerClose(CloseCause::Closing), (CloseDecision{3, std::nullopt}));
}

TEST(ExitCodesTest, LockoutCodesExitWithOne) {
    EXPECT_EQ(loginFailureExit("ACCOUNT_LOCKED"), 1);
    EXPECT_EQ(loginFailureExit("TOO_MANY_ATTEMPTS"), 1);
}

TEST(ExitCodesTest, RetryableLoginFailuresDoNotExit) {
    for (const char* code :
         {"INVALID_PASSWORD", "ALREADY_ONLINE", "INVALID_USERNAME", "UNUSABLE_PASSWORD"})
        EXPECT_FALSE(loginFailureExit(code)) << code;
}

TEST(ExitCodesTest, StatusValues) {
    EXPECT_EQ(exitcode::kOk, 0);
    EXPECT_EQ(exitcode::kLoginRefused, 1);
    EXPECT_EQ(exitcode::kSetup, 2);
    EXPECT_EQ(exitcode::kConnectionLost, 3);
}
