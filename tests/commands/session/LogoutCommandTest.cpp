// LOGOUT / QUIT / OUT / logout / /logout.

#include "commands/session/LogoutCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;

TEST(LogoutCommandTest, SaysByeAndClosesAfterTheReply) {
    CommandHarness h;
    EXPECT_CALL(h.session, closeAfterReply(CloseReason::Logout)).Times(1);
    Reply reply = h.run("OUT");
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.verb(), "LOGOUT");
    EXPECT_EQ(reply.final().text(), "Bye, yoda!");
    EXPECT_EQ(reply.final().field("user"), "yoda");
}

TEST(LogoutCommandTest, EveryNameLogsOut) {
    for (const char* name : {"LOGOUT", "QUIT", "OUT", "logout", "/logout", "quit"}) {
        CommandHarness h;
        EXPECT_CALL(h.session, closeAfterReply(CloseReason::Logout)).Times(1);
        EXPECT_EQ(h.run(name).final().text(), "Bye, yoda!") << name;
    }
}

TEST(LogoutCommandTest, LeavingPresenceIsLeftToTheSession) {
    // The user goes offline once the reply has been sent, not while the command runs.
    CommandHarness h;
    EXPECT_CALL(h.presence, leave(_, _)).Times(0);
    h.run("logout");
}

TEST(LogoutCommandTest, RequiresLoginAndTakesNoArguments) {
    CommandHarness h;
    EXPECT_CALL(h.session, closeAfterReply(_)).Times(0);
    EXPECT_EQ(h.run("OUT now").final().code(), err::kBadArguments);
    h.logOut();
    EXPECT_EQ(h.run("OUT").final().code(), err::kLoginRequired);
}

} // namespace
} // namespace toom
