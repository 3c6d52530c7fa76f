// startprivate / STARTPRIVATE: the server asks the target, unless it must refuse.

#include "commands/peer/StartPrivateCommand.h"

#include "commands/peer/PeerCommandFixture.h"
#include "common/Protocol.h"

namespace toom::test {
namespace {

using ::testing::_;
using ::testing::Return;
using Ask = PeerBroker::AskOutcome;

class StartPrivateCommandTest : public PeerCommandTest {
protected:
    StartPrivateCommandTest() { ON_CALL(h.peers, ask(_, _)).WillByDefault(Return(Ask::Asked)); }
};

TEST_F(StartPrivateCommandTest, TheTargetIsAskedInTheSeedWording) {
    EXPECT_CALL(h.peers, ask("yoda", "obiwan"));
    Reply reply = h.run("startprivate obiwan");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.verb(), "STARTPRIVATE");
    EXPECT_EQ(reply.final().field("to"), "obiwan");
    EXPECT_EQ(reply.final().text(), "Waiting for obiwan to accept private messaging");
    ServerLine request = onlyEventTo("obiwan");
    EXPECT_EQ(request.verb(), ev::kPrivateRequest);
    EXPECT_EQ(request.field("from"), "yoda");
    EXPECT_EQ(request.text(), "yoda would like to private message, enter y or n: ");
}

TEST_F(StartPrivateCommandTest, RefusalsAskNobody) {
    EXPECT_CALL(h.peers, ask(_, _)).Times(0);
    EXPECT_EQ(h.run("startprivate nobody").final().code(), err::kUnknownUser);
    EXPECT_EQ(h.run("startprivate yoda").final().code(), err::kSelf);
    EXPECT_EQ(h.run("startprivate leia").final().code(), err::kUserOffline);
    EXPECT_EQ(h.run("startprivate hans").final().code(), err::kNoPeerPort);
    EXPECT_EQ(h.run("startprivate").final().code(), err::kBadArguments);
    EXPECT_TRUE(sent.empty());
}

TEST_F(StartPrivateCommandTest, ATargetWhoBlockedTheRequesterIsNotAsked) {
    ON_CALL(h.blocks, isBlocking("obiwan", "yoda")).WillByDefault(Return(true));
    EXPECT_CALL(h.peers, ask(_, _)).Times(0);
    Reply reply = h.run("startprivate obiwan");
    EXPECT_EQ(reply.final().code(), err::kBlocked);
    EXPECT_TRUE(sent.empty());
}

TEST_F(StartPrivateCommandTest, BrokerRefusalsAreReportedWithoutAskingAgain) {
    EXPECT_CALL(h.peers, ask("yoda", "obiwan"))
        .WillOnce(Return(Ask::AlreadyOpen))
        .WillOnce(Return(Ask::AlreadyAsked))
        .WillOnce(Return(Ask::TooMany));
    EXPECT_EQ(h.run("startprivate obiwan").final().code(), err::kAlreadyOpen);
    EXPECT_EQ(h.run("startprivate obiwan").final().code(), err::kAlreadyAsked);
    EXPECT_EQ(h.run("startprivate obiwan").final().code(), err::kLimitReached);
    EXPECT_TRUE(sent.empty());
}

TEST_F(StartPrivateCommandTest, ATargetLeavingAtThatMomentWithdrawsTheRequest) {
    offline.insert("obiwan");
    EXPECT_CALL(h.peers, answer("obiwan", "yoda", false));
    EXPECT_EQ(h.run("startprivate obiwan").final().code(), err::kUserOffline);
}

} // namespace
} // namespace toom::test
