// SqliteStore's messaging tables (migration 2): board posts, offline private messages and
// blocks, called directly.

#include "server/store/SqliteStore.h"
#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

using namespace Poco::Data::Keywords;

namespace toom {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using BlockPair = std::pair<std::string, std::string>;
using test::at;
using test::texts;

BoardPost makePost(const std::string& author, const std::string& text, Poco::Timestamp time,
                   bool edited = false) {
    BoardPost post;
    post.author = author;
    post.text = text;
    post.time = time;
    post.edited = edited;
    return post;
}

PrivateMessage makeMessage(const std::string& from, const std::string& to, const std::string& text,
                           Poco::Timestamp sentAt) {
    return PrivateMessage{0, from, to, text, sentAt};
}

class SqliteStoreMessagingTest : public ::testing::Test {
protected:
    SqliteStoreMessagingTest() { store = std::make_unique<SqliteStore>(dbPath); }

    void reopen() {
        store.reset();
        store = std::make_unique<SqliteStore>(dbPath);
    }

    test::TempDir dir;
    std::string dbPath = dir.file("toom.db");
    std::unique_ptr<SqliteStore> store;
};

// --- schema ---------------------------------------------------------------------------------

TEST_F(SqliteStoreMessagingTest, SchemaIsAtTheLatestVersion) {
    EXPECT_EQ(store->schemaVersion(), SqliteStore::latestSchemaVersion());
    EXPECT_GE(SqliteStore::latestSchemaVersion(), 2);
    store.reset();

    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, dbPath);
    int version = -1;
    session << "PRAGMA user_version", into(version), now;
    EXPECT_EQ(version, SqliteStore::latestSchemaVersion());
    int tables = 0;
    session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
               " AND name IN ('board_posts', 'private_messages', 'blocks')",
        into(tables), now;
    EXPECT_EQ(tables, 3);
}

TEST_F(SqliteStoreMessagingTest, ReopeningKeepsTheDataAndTheVersion) {
    store->insertBoardPost(makePost("yoda", "Hello", at(1000)));
    store->insertOfflineMessage(makeMessage("yoda", "obiwan", "hi", at(1000)));
    store->insertBlock("yoda", "hans");
    ASSERT_NO_THROW(reopen());
    ASSERT_NO_THROW(reopen());
    EXPECT_EQ(store->schemaVersion(), SqliteStore::latestSchemaVersion());
    EXPECT_THAT(texts(store->boardPosts()), ElementsAre("Hello"));
    EXPECT_EQ(store->offlineMessageCount("obiwan"), 1u);
    EXPECT_THAT(store->blocks(), ElementsAre(BlockPair{"yoda", "hans"}));
}

// --- board ----------------------------------------------------------------------------------

TEST_F(SqliteStoreMessagingTest, BoardInsertReturnsIncreasingIdsAndNumbersFromOne) {
    const auto a = store->insertBoardPost(makePost("yoda", "one", at(1000, 123)));
    const auto b = store->insertBoardPost(makePost("obiwan", "two", at(1001)));
    EXPECT_LT(a, b);
    auto posts = store->boardPosts();
    ASSERT_EQ(posts.size(), 2u);
    EXPECT_EQ(posts[0].id, a);
    EXPECT_EQ(posts[0].number, 1);
    EXPECT_EQ(posts[0].author, "yoda");
    EXPECT_EQ(posts[0].text, "one");
    EXPECT_EQ(posts[0].time, at(1000, 123)); // microseconds kept
    EXPECT_FALSE(posts[0].edited);
    EXPECT_EQ(posts[1].id, b);
    EXPECT_EQ(posts[1].number, 2);
    EXPECT_EQ(posts[1].author, "obiwan");
}

TEST_F(SqliteStoreMessagingTest, BoardInsertIgnoresTheGivenNumber) {
    BoardPost post = makePost("yoda", "one", at(1000));
    post.number = 9;
    const auto id = store->insertBoardPost(post);
    EXPECT_EQ(id, 1);
    EXPECT_EQ(store->boardPosts().at(0).number, 1);
}

// BatchedStore numbers its writes before they run: a given id is the row's id, and the next
// id SQLite picks comes after it.
TEST_F(SqliteStoreMessagingTest, BoardInsertUsesAGivenId) {
    BoardPost post = makePost("yoda", "one", at(1000));
    post.id = 77;
    EXPECT_EQ(store->insertBoardPost(post), 77);
    EXPECT_EQ(store->boardPosts().at(0).id, 77);
    EXPECT_EQ(store->insertBoardPost(makePost("yoda", "two", at(1001))), 78);
    EXPECT_EQ(store->lastIds().boardPost, 78);
}

TEST_F(SqliteStoreMessagingTest, BoardUpdateReplacesTextTimeAndEdited) {
    const auto id = store->insertBoardPost(makePost("yoda", "one", at(1000)));
    store->insertBoardPost(makePost("yoda", "two", at(1001)));
    BoardPost changed = makePost("someone else", "ONE", at(2000, 5), true);
    changed.id = id;
    EXPECT_TRUE(store->updateBoardPost(changed));
    auto posts = store->boardPosts();
    ASSERT_EQ(posts.size(), 2u);
    EXPECT_EQ(posts[0].id, id);
    EXPECT_EQ(posts[0].number, 1);
    EXPECT_EQ(posts[0].author, "yoda"); // the author is not changed
    EXPECT_EQ(posts[0].text, "ONE");
    EXPECT_EQ(posts[0].time, at(2000, 5));
    EXPECT_TRUE(posts[0].edited);
    EXPECT_EQ(posts[1].text, "two");
}

TEST_F(SqliteStoreMessagingTest, BoardUpdateOfAnAbsentPostIsFalse) {
    BoardPost ghost = makePost("yoda", "x", at(1000));
    ghost.id = 42;
    EXPECT_FALSE(store->updateBoardPost(ghost));
    EXPECT_THAT(store->boardPosts(), IsEmpty());
}

TEST_F(SqliteStoreMessagingTest, BoardDeleteRenumbersTheRest) {
    store->insertBoardPost(makePost("yoda", "one", at(1000)));
    const auto two = store->insertBoardPost(makePost("yoda", "two", at(1001)));
    const auto three = store->insertBoardPost(makePost("yoda", "three", at(1002)));
    EXPECT_TRUE(store->deleteBoardPost(two));
    EXPECT_FALSE(store->deleteBoardPost(two));
    auto posts = store->boardPosts();
    EXPECT_THAT(texts(posts), ElementsAre("one", "three"));
    ASSERT_EQ(posts.size(), 2u);
    EXPECT_EQ(posts[1].id, three);
    EXPECT_EQ(posts[1].number, 2);
}

TEST_F(SqliteStoreMessagingTest, BoardIdsAreNeverReused) {
    store->insertBoardPost(makePost("yoda", "one", at(1000)));
    const auto last = store->insertBoardPost(makePost("yoda", "two", at(1001)));
    ASSERT_TRUE(store->deleteBoardPost(last));
    EXPECT_GT(store->insertBoardPost(makePost("yoda", "three", at(1002))), last);
}

TEST_F(SqliteStoreMessagingTest, BoardTextIsKeptExactly) {
    const std::string text = "it's  \"quoted\"; with; semicolons\tand tabs, ünïcödé";
    store->insertBoardPost(makePost("yoda", text, at(1000)));
    reopen();
    EXPECT_EQ(store->boardPosts().at(0).text, text);
}

// --- offline messages -----------------------------------------------------------------------

TEST_F(SqliteStoreMessagingTest, OfflineMessagesPerRecipientInIdOrder) {
    const auto a = store->insertOfflineMessage(makeMessage("yoda", "obiwan", "1", at(1005)));
    store->insertOfflineMessage(makeMessage("yoda", "luke", "for luke", at(1001)));
    const auto b = store->insertOfflineMessage(makeMessage("luke", "obiwan", "2", at(1000, 7)));
    EXPECT_LT(a, b);

    auto forObiwan = store->offlineMessagesFor("obiwan");
    ASSERT_EQ(forObiwan.size(), 2u);
    // Id order (sending order), not time order.
    EXPECT_THAT(texts(forObiwan), ElementsAre("1", "2"));
    EXPECT_EQ(forObiwan[0].id, a);
    EXPECT_EQ(forObiwan[0].sender, "yoda");
    EXPECT_EQ(forObiwan[0].recipient, "obiwan");
    EXPECT_EQ(forObiwan[0].sentAt, at(1005));
    EXPECT_EQ(forObiwan[1].id, b);
    EXPECT_EQ(forObiwan[1].sender, "luke");
    EXPECT_EQ(forObiwan[1].sentAt, at(1000, 7));

    EXPECT_THAT(texts(store->offlineMessagesFor("luke")), ElementsAre("for luke"));
    EXPECT_THAT(store->offlineMessagesFor("hans"), IsEmpty());
}

TEST_F(SqliteStoreMessagingTest, LatestBetweenTwoUsersIsBothWaysOldestFirst) {
    store->insertDeliveredMessage(makeMessage("yoda", "obiwan", "y1", at(1000)));
    store->insertDeliveredMessage(makeMessage("obiwan", "yoda", "o1", at(1001)));
    store->insertDeliveredMessage(makeMessage("yoda", "luke", "not ours", at(1002)));
    store->insertDeliveredMessage(makeMessage("luke", "obiwan", "nor this", at(1003)));
    store->insertOfflineMessage(makeMessage("yoda", "obiwan", "y2 waiting", at(1004)));
    store->insertDeliveredMessage(makeMessage("obiwan", "yoda", "o2", at(1005)));

    auto all = store->latestBetween("yoda", "obiwan", 10);
    EXPECT_THAT(texts(all), ElementsAre("y1", "o1", "y2 waiting", "o2"));
    EXPECT_EQ(all[1].sender, "obiwan");
    EXPECT_EQ(all[1].recipient, "yoda");
    EXPECT_EQ(all[1].sentAt, at(1001));
    // The same conversation from the other side, and the last ones only.
    EXPECT_THAT(texts(store->latestBetween("obiwan", "yoda", 2)), ElementsAre("y2 waiting", "o2"));
    // One direction may hold all of the latest.
    store->insertDeliveredMessage(makeMessage("yoda", "obiwan", "y3", at(1006)));
    store->insertDeliveredMessage(makeMessage("yoda", "obiwan", "y4", at(1007)));
    EXPECT_THAT(texts(store->latestBetween("yoda", "obiwan", 2)), ElementsAre("y3", "y4"));
    EXPECT_THAT(store->latestBetween("yoda", "hans", 10), IsEmpty());
    EXPECT_THAT(store->latestBetween("yoda", "obiwan", 0), IsEmpty());
}

TEST_F(SqliteStoreMessagingTest, OfflineMessageCounts) {
    EXPECT_EQ(store->offlineMessageCount("obiwan"), 0u);
    store->insertOfflineMessage(makeMessage("yoda", "obiwan", "1", at(1000)));
    store->insertOfflineMessage(makeMessage("yoda", "obiwan", "2", at(1001)));
    store->insertOfflineMessage(makeMessage("yoda", "luke", "3", at(1002)));
    EXPECT_EQ(store->offlineMessageCount("obiwan"), 2u);
    EXPECT_EQ(store->offlineMessageCount("luke"), 1u);
    EXPECT_EQ(store->offlineMessageCount("Obiwan"), 0u); // names are case-sensitive
}

TEST_F(SqliteStoreMessagingTest, DeletingOfflineMessagesRemovesOnlyThose) {
    const auto a = store->insertOfflineMessage(makeMessage("yoda", "obiwan", "1", at(1000)));
    const auto b = store->insertOfflineMessage(makeMessage("yoda", "obiwan", "2", at(1001)));
    const auto c = store->insertOfflineMessage(makeMessage("yoda", "obiwan", "3", at(1002)));
    const auto d = store->insertOfflineMessage(makeMessage("yoda", "luke", "4", at(1003)));
    store->markOfflineMessagesDelivered({a, c});
    EXPECT_THAT(texts(store->offlineMessagesFor("obiwan")), ElementsAre("2"));
    EXPECT_EQ(store->offlineMessagesFor("obiwan").at(0).id, b);
    store->markOfflineMessagesDelivered({});
    store->markOfflineMessagesDelivered({a}); // already gone: nothing happens
    EXPECT_EQ(store->offlineMessageCount("obiwan"), 1u);
    EXPECT_EQ(store->offlineMessagesFor("luke").at(0).id, d);
}

TEST_F(SqliteStoreMessagingTest, OfflineMessagesAreDurable) {
    store->insertOfflineMessage(makeMessage("yoda", "obiwan", "hello  there", at(1000, 42)));
    reopen();
    auto messages = store->offlineMessagesFor("obiwan");
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].text, "hello  there");
    EXPECT_EQ(messages[0].sentAt, at(1000, 42));
}

// --- blocks ---------------------------------------------------------------------------------

TEST_F(SqliteStoreMessagingTest, InsertBlockIsFalseWhenDuplicate) {
    EXPECT_TRUE(store->insertBlock("yoda", "hans"));
    EXPECT_FALSE(store->insertBlock("yoda", "hans"));
    EXPECT_TRUE(store->insertBlock("hans", "yoda")); // the other direction is another block
    EXPECT_THAT(store->blocks(), ElementsAre(BlockPair{"hans", "yoda"}, BlockPair{"yoda", "hans"}));
}

TEST_F(SqliteStoreMessagingTest, DeleteBlockIsFalseWhenAbsent) {
    EXPECT_FALSE(store->deleteBlock("yoda", "hans"));
    store->insertBlock("yoda", "hans");
    EXPECT_FALSE(store->deleteBlock("hans", "yoda"));
    EXPECT_TRUE(store->deleteBlock("yoda", "hans"));
    EXPECT_FALSE(store->deleteBlock("yoda", "hans"));
    EXPECT_THAT(store->blocks(), IsEmpty());
}

TEST_F(SqliteStoreMessagingTest, BlocksListsEveryPairSorted) {
    store->insertBlock("yoda", "luke");
    store->insertBlock("hans", "yoda");
    store->insertBlock("yoda", "hans");
    EXPECT_THAT(store->blocks(), ElementsAre(BlockPair{"hans", "yoda"}, BlockPair{"yoda", "hans"},
                                             BlockPair{"yoda", "luke"}));
    reopen();
    EXPECT_EQ(store->blocks().size(), 3u);
}

} // namespace
} // namespace toom
