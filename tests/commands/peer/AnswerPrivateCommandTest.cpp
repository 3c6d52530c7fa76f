// y / n / ACCEPTPRIVATE / DECLINEPRIVATE: answering a startprivate request.

#include "commands/peer/AnswerPrivateCommand.h"

#include "commands/peer/PeerCommandFixture.h"
#include "common/Protocol.h"

namespace toom::test {
namespace {

using ::testing::_;
using ::testing::Return;
using Answer = PeerBroker::Answer;

// Here yoda is the target: obiwan asked yoda.
class AnswerPrivateCommandTest : public PeerCommandTest {};

TEST_F(AnswerPrivateCommandTest, YesAcceptsTheOldestRequestAndTellsTheRequesterWhereToConnect) {
    EXPECT_CALL(h.peers, answer("yoda", "", true)).WillOnce(Return(Answer{"obiwan", kToken}));
    Reply reply = h.run("y");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.verb(), "ACCEPTPRIVATE");
    EXPECT_EQ(reply.final().field("user"), "obiwan");
    EXPECT_EQ(reply.final().field("token"), kToken);
    ServerLine accepted = onlyEventTo("obiwan");
    EXPECT_EQ(accepted.verb(), ev::kPrivateAccepted);
    EXPECT_EQ(accepted.field("user"), "yoda");
    EXPECT_EQ(accepted.field("address"), "127.0.0.1");
    EXPECT_EQ(accepted.field("port"), "40001");
    EXPECT_EQ(accepted.field("token"), kToken);
}

TEST_F(AnswerPrivateCommandTest, AcceptNamingTheRequester) {
    EXPECT_CALL(h.peers, answer("yoda", "obiwan", true)).WillOnce(Return(Answer{"obiwan", "t"}));
    EXPECT_FALSE(h.run("ACCEPTPRIVATE obiwan").failed());
}

TEST_F(AnswerPrivateCommandTest, NoTellsTheRequester) {
    EXPECT_CALL(h.peers, answer("yoda", "", false)).WillOnce(Return(Answer{"obiwan", ""}));
    Reply reply = h.run("n");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.verb(), "DECLINEPRIVATE");
    ServerLine declined = onlyEventTo("obiwan");
    EXPECT_EQ(declined.verb(), ev::kPrivateDeclined);
    EXPECT_EQ(declined.field("user"), "yoda");
    EXPECT_EQ(declined.field("reason"), "declined");
    EXPECT_EQ(declined.text(), "yoda declined private messaging");
}

TEST_F(AnswerPrivateCommandTest, NothingToAnswer) {
    EXPECT_CALL(h.peers, answer(_, _, _)).WillRepeatedly(Return(std::nullopt));
    EXPECT_EQ(h.run("y").final().code(), err::kNoRequest);
    EXPECT_EQ(h.run("n").final().code(), err::kNoRequest);
    Reply named = h.run("DECLINEPRIVATE leia");
    EXPECT_EQ(named.final().code(), err::kNoRequest);
    EXPECT_EQ(named.final().text(), "Error. No private messaging request from leia");
    EXPECT_TRUE(sent.empty());
}

TEST_F(AnswerPrivateCommandTest, AcceptingNeedsAChatPortAndLeavesTheRequestAnswerable) {
    h.session.state.chatPort = 0;
    EXPECT_CALL(h.peers, answer(_, _, true)).Times(0);
    EXPECT_EQ(h.run("y").final().code(), err::kNoPeerPort);
}

TEST_F(AnswerPrivateCommandTest, RequesterGoneAtThatMomentClosesTheChatAgain) {
    offline.insert("obiwan");
    EXPECT_CALL(h.peers, answer("yoda", "", true)).WillOnce(Return(Answer{"obiwan", kToken}));
    EXPECT_CALL(h.peers, close("yoda", "obiwan"));
    EXPECT_EQ(h.run("y").final().code(), err::kUserOffline);
}

} // namespace
} // namespace toom::test
