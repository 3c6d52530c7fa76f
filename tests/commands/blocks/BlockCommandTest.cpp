// block <user>: variant A's block, with its wording.

#include "commands/blocks/BlockCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;
using BlockResult = BlockService::BlockResult;

class BlockCommandTest : public ::testing::Test {
protected:
    BlockCommandTest() {
        for (const char* name : {"yoda", "hans"})
            ON_CALL(h.accounts, exists(name)).WillByDefault(Return(true));
        ON_CALL(h.blocks, block(_, _)).WillByDefault(Return(BlockResult::Blocked));
    }

    CommandHarness h;
};

TEST_F(BlockCommandTest, BlocksAndConfirmsInVariantAWording) {
    EXPECT_CALL(h.blocks, block("yoda", "hans")).WillOnce(Return(BlockResult::Blocked));
    Reply reply = h.run("block hans");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "BLOCK");
    EXPECT_EQ(reply.final().field("user"), "hans");
    EXPECT_EQ(reply.final().text(), "hans is blocked");
}

TEST_F(BlockCommandTest, AlreadyBlockedIsNotAnError) {
    ON_CALL(h.blocks, block("yoda", "hans")).WillByDefault(Return(BlockResult::AlreadyBlocked));
    Reply reply = h.run("block hans");
    ASSERT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().field("user"), "hans");
}

TEST_F(BlockCommandTest, SelfIsRefused) {
    EXPECT_CALL(h.blocks, block(_, _)).Times(0);
    Reply reply = h.run("block yoda");
    EXPECT_EQ(reply.final().code(), err::kSelf);
    EXPECT_EQ(reply.final().text(), "Error. Cannot block self");
}

TEST_F(BlockCommandTest, UnknownUserIsRefused) {
    EXPECT_CALL(h.blocks, block(_, _)).Times(0);
    Reply reply = h.run("block nobody");
    EXPECT_EQ(reply.final().code(), err::kUnknownUser);
    EXPECT_EQ(reply.final().field("user"), "nobody");
    EXPECT_EQ(reply.final().text(), "Error. Invalid user");
}

TEST_F(BlockCommandTest, FullListIsLimitReached) {
    h.settings.maxBlocksPerUser = 5;
    ON_CALL(h.blocks, block("yoda", "hans")).WillByDefault(Return(BlockResult::LimitReached));
    Reply reply = h.run("block hans");
    EXPECT_EQ(reply.final().code(), err::kLimitReached);
    EXPECT_EQ(reply.final().intField("max"), 5);
}

TEST_F(BlockCommandTest, NameIsCaseInsensitive) {
    EXPECT_CALL(h.blocks, block("yoda", "hans"));
    EXPECT_EQ(h.run("BLOCK hans").final().text(), "hans is blocked");
}

} // namespace
} // namespace toom
