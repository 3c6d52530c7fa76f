// BatchedStore: the Store as the services see it, writes queued to a StoreWriter.

#include "server/store/BatchedStore.h"

#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/Logger.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

namespace toom {
namespace {

using test::at;
using ::testing::ElementsAre;

class BatchedStoreTest : public ::testing::Test {
protected:
    BatchedStoreTest() { open(); }

    void open() {
        sqlite = std::make_unique<SqliteStore>(dbPath);
        writer = std::make_unique<StoreWriter>(*sqlite, Poco::Logger::get("test.store"));
        store = std::make_unique<BatchedStore>(*sqlite, *writer);
    }
    void reopen() {
        store.reset();
        writer.reset(); // Commits what is queued.
        sqlite.reset();
        open();
    }

    test::TempDir dir;
    std::string dbPath = dir.file("toom.db");
    std::unique_ptr<SqliteStore> sqlite;
    std::unique_ptr<StoreWriter> writer;
    std::unique_ptr<BatchedStore> store;
};

TEST_F(BatchedStoreTest, AWriteIsQueuedAndAReadAfterItSeesIt) {
    const auto before = StoreWriter::lastOnThisThread();
    const auto id = store->insertBoardPost(test::post("yoda", "hello"));
    EXPECT_GT(StoreWriter::lastOnThisThread(), before); // The caller can wait for it.
    const auto posts = store->boardPosts();
    ASSERT_EQ(posts.size(), 1u);
    EXPECT_EQ(posts[0].id, id);
    EXPECT_EQ(posts[0].text, "hello");
}

TEST_F(BatchedStoreTest, IdsAreNumberedBeforeTheWriteAndContinueAfterARestart) {
    EXPECT_EQ(store->insertBoardPost(test::post("yoda", "one")), 1);
    EXPECT_EQ(store->insertBoardPost(test::post("yoda", "two")), 2);
    const auto gone = store->insertBoardPost(test::post("yoda", "three"));
    store->deleteBoardPost(gone);
    PrivateMessage message{0, "yoda", "obiwan", "hi", at(1000)};
    EXPECT_EQ(store->insertOfflineMessage(message), 1);
    EXPECT_EQ(store->insertDeliveredMessage(message), 2);
    reopen();
    // A deleted post's id is never given again (AUTOINCREMENT's rule, kept).
    EXPECT_EQ(store->insertBoardPost(test::post("yoda", "four")), 4);
    EXPECT_EQ(store->insertDeliveredMessage(message), 3);
    std::vector<std::string> texts;
    for (const auto& post : store->boardPosts())
        texts.push_back(post.text);
    EXPECT_THAT(texts, ElementsAre("one", "two", "four"));
}

TEST_F(BatchedStoreTest, AccountWritesWaitForTheirCommitAndTellATakenName) {
    Account account;
    account.username = "yoda";
    account.salt = "salt";
    account.passwordHash = "hash";
    account.iterations = 1;
    EXPECT_TRUE(store->insertAccount(account));
    EXPECT_EQ(writer->committed(), StoreWriter::lastOnThisThread()); // Written through.
    EXPECT_FALSE(store->insertAccount(account));
    EXPECT_TRUE(store->findAccount("yoda").has_value());
    EXPECT_EQ(store->accountCount(), 1u);
}

TEST_F(BatchedStoreTest, PrivateMessagesKeepTheQueueAndTheHistory) {
    store->insertDeliveredMessage(PrivateMessage{0, "yoda", "obiwan", "seen", at(1000)});
    const auto waiting =
        store->insertOfflineMessage(PrivateMessage{0, "luke", "obiwan", "waits", at(1001)});
    EXPECT_EQ(store->offlineMessageCount("obiwan"), 1u);
    EXPECT_EQ(store->offlineMessageCounts(), (std::map<std::string, std::size_t>{{"obiwan", 1}}));
    store->markOfflineMessagesDelivered({waiting});
    EXPECT_EQ(store->offlineMessageCount("obiwan"), 0u);
    writer->flush();
    std::vector<std::string> history;
    for (const auto& message : sqlite->privateMessages())
        history.push_back(message.text);
    EXPECT_THAT(history, ElementsAre("seen", "waits"));
}

TEST_F(BatchedStoreTest, TheLatestReadsSeeEveryWriteSubmittedBefore) {
    store->insertDeliveredMessage(PrivateMessage{0, "yoda", "obiwan", "one", at(1000)});
    store->insertOfflineMessage(PrivateMessage{0, "obiwan", "yoda", "two", at(1001)});
    std::vector<std::string> conversation;
    for (const auto& message : store->latestBetween("obiwan", "yoda", 10))
        conversation.push_back(message.text);
    EXPECT_THAT(conversation, ElementsAre("one", "two"));

    Room room;
    room.kind = RoomKind::Separate;
    room.number = 1;
    room.creator = "yoda";
    room.members = {{"yoda", true}};
    const auto roomId = store->insertRoom(room);
    store->insertRoomMessage(RoomMessage{0, roomId, 1, "yoda", "first", at(1002)});
    store->insertRoomMessage(RoomMessage{0, roomId, 2, "yoda", "second", at(1003)});
    const auto latest = store->latestRoomMessages(roomId, 1);
    ASSERT_EQ(latest.size(), 1u);
    EXPECT_EQ(latest[0].text, "second");
}

TEST_F(BatchedStoreTest, LoginsAreNumberedAndClosedThroughTheWriter) {
    LoginRecord login{"yoda", "127.0.0.1", 0, at(1000), std::nullopt};
    const auto id = store->recordLogin(login);
    EXPECT_EQ(id, 1);
    store->recordLogout(id, at(1100));
    const auto since = store->loginsSince(at(1050));
    ASSERT_EQ(since.size(), 1u);
    ASSERT_TRUE(since[0].logoutAt.has_value());
    EXPECT_EQ(*since[0].logoutAt, at(1100));
    store->recordLogin(LoginRecord{"luke", "127.0.0.1", 0, at(1200), std::nullopt});
    EXPECT_EQ(store->closeOpenLogins(at(1300)), 1u);
}

} // namespace
} // namespace toom
