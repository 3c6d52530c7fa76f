// stopprivate / STOPPRIVATE: either side ends a direct chat; the other is told.

#include "commands/peer/StopPrivateCommand.h"

#include "commands/peer/PeerCommandFixture.h"
#include "common/Protocol.h"

namespace toom::test {
namespace {

using ::testing::Return;

class StopPrivateCommandTest : public PeerCommandTest {};

TEST_F(StopPrivateCommandTest, ClosesTheChatAndTellsThePeer) {
    EXPECT_CALL(h.peers, close("yoda", "obiwan")).WillOnce(Return(true));
    Reply reply = h.run("stopprivate obiwan");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().text(), "Private messaging with obiwan stopped");
    ServerLine ended = onlyEventTo("obiwan");
    EXPECT_EQ(ended.verb(), ev::kPrivateEnded);
    EXPECT_EQ(ended.field("user"), "yoda");
    EXPECT_EQ(ended.field("reason"), "stopped");
}

TEST_F(StopPrivateCommandTest, NoChatIsNotEnabled) {
    EXPECT_CALL(h.peers, close("yoda", "obiwan")).WillOnce(Return(false));
    Reply reply = h.run("stopprivate obiwan");
    EXPECT_EQ(reply.final().code(), err::kNotEnabled);
    EXPECT_TRUE(sent.empty());
}

} // namespace
} // namespace toom::test
