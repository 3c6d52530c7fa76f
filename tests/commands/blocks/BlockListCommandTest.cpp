// BLOCKS: the users one has blocked.

#include "commands/blocks/BlockListCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::Return;

class BlockListCommandTest : public ::testing::Test {
protected:
    CommandHarness h;
};

TEST_F(BlockListCommandTest, ListsEveryBlockedUserInOrder) {
    EXPECT_CALL(h.blocks, blockedBy("yoda"))
        .WillOnce(Return(std::vector<std::string>{"hans", "luke"}));
    Reply reply = h.run("BLOCKS");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].kind(), LineKind::Data);
    EXPECT_EQ(reply.rows()[0].verb(), "BLOCKS");
    EXPECT_EQ(reply.rows()[0].field("user"), "hans");
    EXPECT_EQ(reply.rows()[1].field("user"), "luke");
    EXPECT_EQ(reply.final().intField("count"), 2);
}

TEST_F(BlockListCommandTest, NobodyBlockedIsAnEmptyList) {
    ON_CALL(h.blocks, blockedBy("yoda")).WillByDefault(Return(std::vector<std::string>{}));
    Reply reply = h.run("blocks");
    ASSERT_FALSE(reply.failed());
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
}

} // namespace
} // namespace toom
