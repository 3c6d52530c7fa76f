// Session: the bounded outbox of one connection, its close reason and its wake-up fd.

#include "server/net/Session.h"

#include "support/ManualClock.h"
#include "support/mocks/MockServices.h"

#include <gtest/gtest.h>

#include <poll.h>

namespace toom {
namespace {

class SessionTest : public ::testing::Test {
protected:
    /// True when the session's wake fd is readable right now.
    static bool woken(const Session& session) {
        pollfd pfd{session.wakeFd(), POLLIN, 0};
        return ::poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
    }

    ManualClock clock{testEpoch()};
    Session session{"127.0.0.1", 64, clock};
};

TEST_F(SessionTest, StartsEmptyAndUnlogged) {
    EXPECT_FALSE(session.loggedIn());
    EXPECT_TRUE(session.username().empty());
    EXPECT_EQ(session.address(), "127.0.0.1");
    EXPECT_EQ(session.udpPort(), 0);
    EXPECT_EQ(session.queuedBytes(), 0u);
    EXPECT_EQ(session.maxQueuedBytes(), 64u);
    EXPECT_EQ(session.closeRequested(), CloseReason::None);
    EXPECT_EQ(session.connectedAt(), clock.now());
    std::string out;
    EXPECT_FALSE(session.takePending(out));
    EXPECT_FALSE(woken(session));
}

TEST_F(SessionTest, PushQueuesAndTakePendingHandsOver) {
    EXPECT_TRUE(session.push("OK A\n"));
    EXPECT_TRUE(session.push("OK B\n"));
    EXPECT_EQ(session.queuedBytes(), 10u);

    std::string out = "prefix:";
    ASSERT_TRUE(session.takePending(out));
    EXPECT_EQ(out, "prefix:OK A\nOK B\n");
    // Taken bytes are in flight until sent.
    EXPECT_EQ(session.queuedBytes(), 10u);
    std::string again;
    EXPECT_FALSE(session.takePending(again));
    EXPECT_TRUE(again.empty());

    session.sent(4);
    EXPECT_EQ(session.queuedBytes(), 6u);
    session.sent(6);
    EXPECT_EQ(session.queuedBytes(), 0u);
}

TEST_F(SessionTest, PushUpToTheBoundIsAccepted) {
    EXPECT_TRUE(session.push(std::string(64, 'x')));
    EXPECT_EQ(session.queuedBytes(), 64u);
    EXPECT_EQ(session.closeRequested(), CloseReason::None);
}

TEST_F(SessionTest, OverflowRefusesClearsAndRequestsClose) {
    ASSERT_TRUE(session.push(std::string(40, 'a')));
    EXPECT_FALSE(session.push(std::string(30, 'b')));
    EXPECT_EQ(session.closeRequested(), CloseReason::Overflow);
    EXPECT_EQ(session.queuedBytes(), 0u);
    std::string out;
    EXPECT_FALSE(session.takePending(out));
    // Later pushes are refused too, however small.
    EXPECT_FALSE(session.push("x\n"));
    EXPECT_FALSE(session.takePending(out));
}

TEST_F(SessionTest, InFlightBytesCountTowardTheBound) {
    ASSERT_TRUE(session.push(std::string(40, 'a')));
    std::string out;
    ASSERT_TRUE(session.takePending(out));
    EXPECT_FALSE(session.push(std::string(30, 'b')));
    EXPECT_EQ(session.closeRequested(), CloseReason::Overflow);
    // What is already in flight stays counted until it is written.
    EXPECT_EQ(session.queuedBytes(), 40u);
    session.sent(40);
    EXPECT_EQ(session.queuedBytes(), 0u);
}

TEST_F(SessionTest, SentBytesMakeRoomAgain) {
    ASSERT_TRUE(session.push(std::string(60, 'a')));
    std::string out;
    session.takePending(out);
    session.sent(60);
    EXPECT_TRUE(session.push(std::string(60, 'b')));
    EXPECT_EQ(session.closeRequested(), CloseReason::None);
}

TEST_F(SessionTest, SealRefusesLaterPushesButQueuesTheFinalLines) {
    ASSERT_TRUE(session.push("EVENT A\n"));
    session.seal("EVENT CLOSING\n");
    EXPECT_FALSE(session.push("EVENT B\n"));
    std::string out;
    ASSERT_TRUE(session.takePending(out));
    EXPECT_EQ(out, "EVENT A\nEVENT CLOSING\n");
    EXPECT_EQ(session.queuedBytes(), out.size());
    // Sealing is not a close request by itself.
    EXPECT_EQ(session.closeRequested(), CloseReason::None);
}

TEST_F(SessionTest, SealWithNoFinalLines) {
    session.seal("");
    EXPECT_FALSE(session.push("x\n"));
    std::string out;
    EXPECT_FALSE(session.takePending(out));
}

TEST_F(SessionTest, RequestCloseKeepsTheFirstReason) {
    session.requestClose(CloseReason::Logout);
    session.requestClose(CloseReason::Shutdown);
    session.closeAfterReply(CloseReason::IdleTimeout);
    EXPECT_EQ(session.closeRequested(), CloseReason::Logout);
}

TEST_F(SessionTest, OverflowAfterAnotherReasonKeepsTheFirst) {
    session.requestClose(CloseReason::Shutdown);
    EXPECT_FALSE(session.push(std::string(65, 'x')));
    EXPECT_EQ(session.closeRequested(), CloseReason::Shutdown);
}

TEST_F(SessionTest, CloseAfterReplyRequestsClose) {
    session.closeAfterReply(CloseReason::Logout);
    EXPECT_EQ(session.closeRequested(), CloseReason::Logout);
}

TEST_F(SessionTest, PushWakesTheOwnerAndDrainClearsIt) {
    EXPECT_FALSE(woken(session));
    ASSERT_TRUE(session.push("OK X\n"));
    EXPECT_TRUE(woken(session));
    session.drainWake();
    EXPECT_FALSE(woken(session));
    // Several pushes collapse into one wake-up.
    session.push("a\n");
    session.push("b\n");
    EXPECT_TRUE(woken(session));
    session.drainWake();
    EXPECT_FALSE(woken(session));
}

TEST_F(SessionTest, RequestCloseWakesTheOwner) {
    session.requestClose(CloseReason::Shutdown);
    EXPECT_TRUE(woken(session));
    session.drainWake();
    EXPECT_FALSE(woken(session));
}

TEST_F(SessionTest, OverflowWakesTheOwner) {
    EXPECT_FALSE(session.push(std::string(100, 'x')));
    EXPECT_TRUE(woken(session));
}

TEST_F(SessionTest, RefusedPushAfterSealDoesNotWake) {
    session.seal("");
    session.drainWake();
    EXPECT_FALSE(session.push("x\n"));
    EXPECT_FALSE(woken(session));
}

TEST_F(SessionTest, DrainWithoutWakeIsHarmless) {
    session.drainWake();
    EXPECT_FALSE(woken(session));
}

TEST_F(SessionTest, LoginStateAndActivity) {
    EXPECT_EQ(session.lastActivity(), clock.now());
    clock.advanceSeconds(5);
    session.markLoggedIn("yoda");
    EXPECT_TRUE(session.loggedIn());
    EXPECT_EQ(session.username(), "yoda");
    EXPECT_EQ(session.lastActivity(), clock.now());

    clock.advanceSeconds(7);
    EXPECT_NE(session.lastActivity(), clock.now());
    session.touch();
    EXPECT_EQ(session.lastActivity(), clock.now());
    EXPECT_EQ(session.connectedAt(), testEpoch());

    session.markLoggedOut();
    EXPECT_FALSE(session.loggedIn());
}

TEST_F(SessionTest, UdpPort) {
    session.setUdpPort(8001);
    EXPECT_EQ(session.udpPort(), 8001);
}

TEST_F(SessionTest, EachSessionHasItsOwnWakeFd) {
    Session other("10.0.0.1", 64, clock);
    EXPECT_GE(session.wakeFd(), 0);
    EXPECT_NE(session.wakeFd(), other.wakeFd());
    other.push("x\n");
    EXPECT_TRUE(woken(other));
    EXPECT_FALSE(woken(session));
}

} // namespace
} // namespace toom
