// private / PRIVATE: the server only confirms the chat is open (and counts the activity); the
// text goes peer to peer.

#include "commands/peer/PrivateCommand.h"

#include "commands/peer/PeerCommandFixture.h"
#include "common/Protocol.h"

namespace toom::test {
namespace {

using ::testing::_;
using ::testing::Return;

class PrivateCommandTest : public PeerCommandTest {};

TEST_F(PrivateCommandTest, WithoutAChatInTheSeedWording) {
    Reply reply = h.run("private luke hey dude");
    EXPECT_EQ(reply.final().code(), err::kNotEnabled);
    EXPECT_EQ(reply.final().text(), "Error. Private messaging to luke not enabled");
}

TEST_F(PrivateCommandTest, OpenChatIsOkAndTheTextIsNeitherRelayedNorEchoed) {
    ON_CALL(h.peers, isOpen("yoda", "obiwan")).WillByDefault(Return(true));
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("private obiwan secret words");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.wire().find("secret"), std::string::npos);
}

TEST_F(PrivateCommandTest, CountsAsActivity) {
    ON_CALL(h.peers, isOpen("yoda", "obiwan")).WillByDefault(Return(true));
    EXPECT_CALL(h.session, touch());
    h.run("PRIVATE obiwan");
}

} // namespace
} // namespace toom::test
