// Session: the bounded outbox of one connection, its close reason and how it tells its owner.

#include "server/net/Session.h"

#include "support/ManualClock.h"
#include "support/mocks/MockServices.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

/// Counts how often a session told its owner.
class RecordingOwner final : public SessionOwner {
public:
    void sessionReady(Session&) override { ++told; }
    int told = 0;
};

class SessionTest : public ::testing::Test {
protected:
    void SetUp() override { session.setOwner(&owner); }

    /// True when the owner was told since the last call (and acknowledges it, as a loop does).
    bool woken() {
        const bool was = owner.told > 0;
        owner.told = 0;
        session.takeNotice();
        return was;
    }

    ManualClock clock{testEpoch()};
    RecordingOwner owner;
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
    EXPECT_FALSE(woken());
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

TEST_F(SessionTest, PushTellsTheOwnerOncePerBatch) {
    ASSERT_TRUE(session.push("OK X\n"));
    EXPECT_EQ(owner.told, 1);
    // Until the owner takes notice, further pushes only add bytes.
    session.push("a\n");
    session.push("b\n");
    session.requestClose(CloseReason::Shutdown);
    EXPECT_EQ(owner.told, 1);
    EXPECT_TRUE(woken());
    session.push("c\n");
    EXPECT_EQ(owner.told, 1);
}

TEST_F(SessionTest, RequestCloseTellsTheOwner) {
    session.requestClose(CloseReason::Shutdown);
    EXPECT_TRUE(woken());
    EXPECT_FALSE(woken());
}

TEST_F(SessionTest, OverflowTellsTheOwner) {
    EXPECT_FALSE(session.push(std::string(100, 'x')));
    EXPECT_TRUE(woken());
    EXPECT_EQ(session.closeRequested(), CloseReason::Overflow);
}

TEST_F(SessionTest, RefusedPushAfterSealDoesNotTell) {
    session.seal("");
    EXPECT_FALSE(session.push("x\n"));
    EXPECT_FALSE(woken());
}

TEST_F(SessionTest, OwnReplyDoesNotTell) {
    // The owner queues its replies itself and writes them in the same call.
    session.queueReply("OK X\n");
    EXPECT_FALSE(woken());
}

TEST_F(SessionTest, WithoutOwnerNothingIsTold) {
    session.setOwner(nullptr);
    session.push("x\n");
    EXPECT_EQ(owner.told, 0);
    // A push before the owner arrived is found by its first look (it takes notice first).
    session.setOwner(&owner);
    session.takeNotice();
    session.push("y\n");
    EXPECT_EQ(owner.told, 1);
    std::string out;
    ASSERT_TRUE(session.takePending(out));
    EXPECT_EQ(out, "x\ny\n");
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

TEST_F(SessionTest, EachSessionTellsOnlyAboutItself) {
    RecordingOwner otherOwner;
    Session other("10.0.0.1", 64, clock);
    other.setOwner(&otherOwner);
    other.push("x\n");
    EXPECT_EQ(otherOwner.told, 1);
    EXPECT_FALSE(woken());
}

// --- pushes deferred until the welcome --------------------------------------------------------

TEST_F(SessionTest, DeferredPushesWaitBehindTheOwnersRepliesUntilOpened) {
    session.deferPushes();
    EXPECT_TRUE(session.push("EVENT MSG from=luke\n"));
    EXPECT_FALSE(woken()); // Nothing may be sent yet: the owner is not bothered.
    EXPECT_EQ(session.queuedBytes(), 20u);
    std::string out;
    EXPECT_FALSE(session.takePending(out));

    session.queueReply("OK PASS user=yoda\n");
    session.openToPushes();
    ASSERT_TRUE(session.takePending(out));
    EXPECT_EQ(out, "OK PASS user=yoda\nEVENT MSG from=luke\n");
    // Open again: pushes go straight through.
    EXPECT_TRUE(session.push("EVENT X\n"));
    EXPECT_TRUE(woken());
}

TEST_F(SessionTest, DeferredPushesCountTowardTheBound) {
    session.deferPushes();
    ASSERT_TRUE(session.push(std::string(40, 'a')));
    EXPECT_FALSE(session.push(std::string(30, 'b')));
    EXPECT_EQ(session.closeRequested(), CloseReason::Overflow);
    EXPECT_EQ(session.queuedBytes(), 0u);
    session.openToPushes();
    std::string out;
    EXPECT_FALSE(session.takePending(out));
}

TEST_F(SessionTest, SealDropsDeferredPushes) {
    session.deferPushes();
    ASSERT_TRUE(session.push("EVENT MSG\n"));
    session.seal("EVENT SHUTDOWN\n");
    EXPECT_EQ(session.queuedBytes(), 15u);
    std::string out;
    ASSERT_TRUE(session.takePending(out));
    EXPECT_EQ(out, "EVENT SHUTDOWN\n");
}

} // namespace
} // namespace toom
