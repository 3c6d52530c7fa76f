// StoredBlockService over a real SqliteStore: block, unblock, the direction of maySee, the
// per-user limit and durability across a restart.

#include "server/state/StoredBlockService.h"

#include "server/store/SqliteStore.h"
#include "support/TempDir.h"
#include "support/mocks/MockStores.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

namespace toom {
namespace {

using test::TempDir;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::NiceMock;
using ::testing::Return;
using BlockResult = BlockService::BlockResult;

class StoredBlockServiceTest : public ::testing::Test {
protected:
    StoredBlockServiceTest() { open(); }

    /// (Re)opens the store and the list on the same file, as a restart does.
    void open(std::size_t maxPerUser = 1000) {
        blocks.reset();
        store.reset();
        store = std::make_unique<SqliteStore>(dbPath);
        blocks = std::make_unique<StoredBlockService>(*store, maxPerUser);
    }

    TempDir dir;
    std::string dbPath = dir.file("toom.db");
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<StoredBlockService> blocks;
};

TEST_F(StoredBlockServiceTest, NobodyBlocksAnybodyAtFirst) {
    EXPECT_FALSE(blocks->isBlocking("yoda", "hans"));
    EXPECT_TRUE(blocks->maySee("hans", "yoda"));
    EXPECT_THAT(blocks->blockedBy("yoda"), IsEmpty());
}

TEST_F(StoredBlockServiceTest, BlockIsOneWay) {
    EXPECT_EQ(blocks->block("yoda", "hans"), BlockResult::Blocked);
    EXPECT_TRUE(blocks->isBlocking("yoda", "hans"));
    EXPECT_FALSE(blocks->isBlocking("hans", "yoda"));
    EXPECT_FALSE(blocks->isBlocking("yoda", "luke"));
}

TEST_F(StoredBlockServiceTest, MaySeeIsFalseWhenTheSubjectBlocksTheViewer) {
    blocks->block("yoda", "hans");
    // hans may not see yoda (yoda blocked hans) ...
    EXPECT_FALSE(blocks->maySee("hans", "yoda"));
    // ... but yoda still sees hans, and others still see yoda.
    EXPECT_TRUE(blocks->maySee("yoda", "hans"));
    EXPECT_TRUE(blocks->maySee("luke", "yoda"));
}

TEST_F(StoredBlockServiceTest, BlockingTwiceIsAlreadyBlocked) {
    EXPECT_EQ(blocks->block("yoda", "hans"), BlockResult::Blocked);
    EXPECT_EQ(blocks->block("yoda", "hans"), BlockResult::AlreadyBlocked);
    EXPECT_THAT(blocks->blockedBy("yoda"), ElementsAre("hans"));
}

TEST_F(StoredBlockServiceTest, UnblockLiftsTheBlock) {
    blocks->block("yoda", "hans");
    EXPECT_TRUE(blocks->unblock("yoda", "hans"));
    EXPECT_FALSE(blocks->isBlocking("yoda", "hans"));
    EXPECT_TRUE(blocks->maySee("hans", "yoda"));
    EXPECT_THAT(blocks->blockedBy("yoda"), IsEmpty());
}

TEST_F(StoredBlockServiceTest, UnblockWithoutABlockIsFalse) {
    EXPECT_FALSE(blocks->unblock("yoda", "hans"));
    blocks->block("hans", "yoda");
    EXPECT_FALSE(blocks->unblock("yoda", "hans")); // the other direction
    EXPECT_TRUE(blocks->isBlocking("hans", "yoda"));
}

TEST_F(StoredBlockServiceTest, LimitReachedAtMaxPerUser) {
    open(2);
    EXPECT_EQ(blocks->block("yoda", "a"), BlockResult::Blocked);
    EXPECT_EQ(blocks->block("yoda", "b"), BlockResult::Blocked);
    EXPECT_EQ(blocks->block("yoda", "c"), BlockResult::LimitReached);
    EXPECT_FALSE(blocks->isBlocking("yoda", "c"));
    // Blocking again someone already on a full list is still AlreadyBlocked.
    EXPECT_EQ(blocks->block("yoda", "a"), BlockResult::AlreadyBlocked);
    // The limit is per user.
    EXPECT_EQ(blocks->block("hans", "c"), BlockResult::Blocked);
    // Unblocking makes room.
    EXPECT_TRUE(blocks->unblock("yoda", "a"));
    EXPECT_EQ(blocks->block("yoda", "c"), BlockResult::Blocked);
    EXPECT_THAT(blocks->blockedBy("yoda"), ElementsAre("b", "c"));
}

TEST_F(StoredBlockServiceTest, LimitReachedWritesNothing) {
    NiceMock<MockBlockStore> mock;
    ON_CALL(mock, blocks())
        .WillByDefault(Return(std::vector<MockBlockStore::BlockPair>{{"yoda", "a"}}));
    StoredBlockService list(mock, 1);
    EXPECT_CALL(mock, insertBlock(_, _)).Times(0);
    EXPECT_EQ(list.block("yoda", "b"), BlockResult::LimitReached);
}

TEST_F(StoredBlockServiceTest, BlockedByIsSorted) {
    for (const char* name : {"zed", "hans", "obiwan", "anakin"})
        blocks->block("yoda", name);
    blocks->block("hans", "yoda");
    EXPECT_THAT(blocks->blockedBy("yoda"), ElementsAre("anakin", "hans", "obiwan", "zed"));
    EXPECT_THAT(blocks->blockedBy("hans"), ElementsAre("yoda"));
    EXPECT_THAT(blocks->blockedBy("luke"), IsEmpty());
}

TEST_F(StoredBlockServiceTest, BlocksAreDurable) {
    blocks->block("yoda", "hans");
    blocks->block("yoda", "luke");
    blocks->block("hans", "yoda");
    open();
    EXPECT_TRUE(blocks->isBlocking("yoda", "hans"));
    EXPECT_TRUE(blocks->isBlocking("hans", "yoda"));
    EXPECT_FALSE(blocks->maySee("luke", "yoda"));
    EXPECT_THAT(blocks->blockedBy("yoda"), ElementsAre("hans", "luke"));
    EXPECT_EQ(blocks->block("yoda", "hans"), BlockResult::AlreadyBlocked);
}

TEST_F(StoredBlockServiceTest, UnblockIsDurable) {
    blocks->block("yoda", "hans");
    blocks->block("yoda", "luke");
    ASSERT_TRUE(blocks->unblock("yoda", "hans"));
    open();
    EXPECT_FALSE(blocks->isBlocking("yoda", "hans"));
    EXPECT_THAT(blocks->blockedBy("yoda"), ElementsAre("luke"));
}

TEST_F(StoredBlockServiceTest, LimitCountsBlocksLoadedFromTheStore) {
    blocks->block("yoda", "a");
    blocks->block("yoda", "b");
    open(2);
    EXPECT_EQ(blocks->block("yoda", "c"), BlockResult::LimitReached);
}

} // namespace
} // namespace toom
