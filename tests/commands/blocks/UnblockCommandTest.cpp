// unblock <user>: variant A's unblock, with its wording.

#include "commands/blocks/UnblockCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

class UnblockCommandTest : public ::testing::Test {
protected:
    UnblockCommandTest() {
        for (const char* name : {"yoda", "hans"})
            ON_CALL(h.accounts, exists(name)).WillByDefault(Return(true));
    }

    CommandHarness h;
};

TEST_F(UnblockCommandTest, UnblocksAndConfirmsInVariantAWording) {
    EXPECT_CALL(h.blocks, unblock("yoda", "hans")).WillOnce(Return(true));
    Reply reply = h.run("unblock hans");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "UNBLOCK");
    EXPECT_EQ(reply.final().field("user"), "hans");
    EXPECT_EQ(reply.final().text(), "hans is unblocked");
}

TEST_F(UnblockCommandTest, NotBlockedIsRefused) {
    EXPECT_CALL(h.blocks, unblock("yoda", "hans")).WillOnce(Return(false));
    Reply reply = h.run("unblock hans");
    EXPECT_EQ(reply.final().code(), err::kNotBlocked);
    EXPECT_EQ(reply.final().field("user"), "hans");
    EXPECT_EQ(reply.final().text(), "Error. hans was not blocked");
}

TEST_F(UnblockCommandTest, SelfIsRefused) {
    EXPECT_CALL(h.blocks, unblock(_, _)).Times(0);
    EXPECT_EQ(h.run("unblock yoda").final().code(), err::kSelf);
}

TEST_F(UnblockCommandTest, UnknownUserIsRefused) {
    EXPECT_CALL(h.blocks, unblock(_, _)).Times(0);
    Reply reply = h.run("unblock nobody");
    EXPECT_EQ(reply.final().code(), err::kUnknownUser);
    EXPECT_EQ(reply.final().text(), "Error. Invalid user");
}

} // namespace
} // namespace toom
