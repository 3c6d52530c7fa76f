// A fresh seed run: SqliteStore::clearRunState (everything but the accounts, in one
// transaction, ids from 1 again) and resetForFreshRun (the previous run's seed logs first, then
// the store).

#include "server/store/FreshRun.h"

#include "server/store/SqliteStore.h"
#include "support/Files.h"
#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <Poco/File.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sys/stat.h>

using namespace Poco::Data::Keywords;

namespace toom {
namespace {

using test::at;
using test::fileMode;
using test::readFile;
using ::testing::IsEmpty;

/// A store holding one of everything a run leaves behind, plus an account.
class FreshRunTest : public ::testing::Test {
protected:
    FreshRunTest() {
        store = std::make_unique<SqliteStore>(dbPath);
        Account account;
        account.username = "yoda";
        account.salt = "0011";
        account.passwordHash = "aa";
        account.iterations = 1000;
        account.createdAt = at(1'700'000'000);
        EXPECT_TRUE(store->insertAccount(account));

        LoginRecord closed{"hans", "127.0.0.1", 5000, at(100), at(200)};
        store->recordLogin(closed);
        store->recordLogin(LoginRecord{"yoda", "127.0.0.1", 5001, at(150), std::nullopt});
        store->insertBoardPost(BoardPost{0, 0, "yoda", "Hello", at(300), false});
        store->insertBoardPost(BoardPost{0, 0, "hans", "Hi", at(310), true});
        store->insertOfflineMessage(PrivateMessage{0, "yoda", "luke", "Use the force", at(320)});
        store->insertBlock("yoda", "vader");
        Room separate = test::separate(0, 1, {{"yoda", true}, {"hans", true}});
        separateId = store->insertRoom(separate);
        Room group = test::group(0, "learning3331", {{"obiwan", true}, {"yoda", false}});
        groupId = store->insertRoom(group);
        store->insertRoomMessage(RoomMessage{0, separateId, 1, "yoda", "room one", at(330)});
        store->insertRoomMessage(RoomMessage{0, groupId, 1, "obiwan", "group one", at(340)});
        store->insertRoomMessage(RoomMessage{0, groupId, 2, "obiwan", "group two", at(350)});
    }

    void writeLog(const std::string& name, const std::string& text) {
        std::ofstream(dir.file(name)) << text;
    }

    /// Expects the store to hold nothing but the account.
    void expectOnlyTheAccount() {
        EXPECT_TRUE(store->findAccount("yoda").has_value());
        EXPECT_EQ(store->accountCount(), 1u);
        EXPECT_THAT(store->loginsSince(at(0)), IsEmpty());
        EXPECT_THAT(store->boardPosts(), IsEmpty());
        EXPECT_THAT(store->offlineMessagesFor("luke"), IsEmpty());
        EXPECT_THAT(store->blocks(), IsEmpty());
        EXPECT_THAT(store->rooms(), IsEmpty());
        EXPECT_THAT(store->roomMessages(separateId, 0, 100), IsEmpty());
        EXPECT_THAT(store->roomMessages(groupId, 0, 100), IsEmpty());
        EXPECT_EQ(store->lastRoomMessageNumber(groupId), 0);
    }

    test::TempDir dir;
    std::string dbPath = dir.file("toom.db");
    std::unique_ptr<SqliteStore> store;
    std::int64_t separateId = 0;
    std::int64_t groupId = 0;
};

TEST_F(FreshRunTest, ClearRunStateLeavesOnlyTheAccountsAndCountsWhatWent) {
    const auto cleared = store->clearRunState();
    EXPECT_EQ(cleared.logins, 2u);
    EXPECT_EQ(cleared.boardPosts, 2u);
    EXPECT_EQ(cleared.privateMessages, 1u);
    EXPECT_EQ(cleared.blocks, 1u);
    EXPECT_EQ(cleared.rooms, 2u);
    EXPECT_EQ(cleared.roomMessages, 3u);
    expectOnlyTheAccount();
}

TEST_F(FreshRunTest, ClearedStateStaysClearedAfterReopening) {
    store->clearRunState();
    store.reset();
    store = std::make_unique<SqliteStore>(dbPath);
    expectOnlyTheAccount();
}

TEST_F(FreshRunTest, IdsStartAgainFromOneAsInANewDatabase) {
    store->clearRunState();
    EXPECT_EQ(store->recordLogin(LoginRecord{"luke", "127.0.0.1", 0, at(400), std::nullopt}), 1);
    EXPECT_EQ(store->insertBoardPost(BoardPost{0, 0, "luke", "first", at(400), false}), 1);
    EXPECT_EQ(store->insertOfflineMessage(PrivateMessage{0, "luke", "leia", "hi", at(400)}), 1);
    EXPECT_EQ(store->insertRoom(test::separate(0, 1, {{"luke", true}, {"leia", true}})), 1);
    EXPECT_EQ(store->boardPosts().front().number, 1);
}

TEST_F(FreshRunTest, ClearRunStateIsOneTransaction) {
    // Make the last table's delete fail: the earlier deletes must be rolled back with it.
    Poco::Data::SQLite::Connector::registerConnector();
    {
        Poco::Data::Session other(Poco::Data::SQLite::Connector::KEY, dbPath);
        other << "CREATE TRIGGER refuse_clear BEFORE DELETE ON logins"
                 " BEGIN SELECT RAISE(ABORT, 'refused'); END",
            now;
    }
    EXPECT_THROW(store->clearRunState(), Poco::Exception);
    EXPECT_EQ(store->boardPosts().size(), 2u);
    EXPECT_EQ(store->rooms().size(), 2u);
    EXPECT_EQ(store->roomMessages(groupId, 0, 100).size(), 2u);
    EXPECT_EQ(store->blocks().size(), 1u);
    EXPECT_EQ(store->offlineMessagesFor("luke").size(), 1u);
    EXPECT_EQ(store->loginsSince(at(0)).size(), 2u);
}

TEST_F(FreshRunTest, ResetRemovesTheRoomLogsEmptiesTheTextLogsAndClearsTheStore) {
    writeLog("SR_1_messageLog.txt", "1; 1 Jun 2022 16:00:00; yoda; room one\n");
    writeLog("learning3331_messageLog.txt", "1; 01 Jun 2023 16:00:00; obiwan; group one\n");
    writeLog("messagelog.txt", "1; 01 Jun 2023 15:00:01; hans; hello\n");
    ::chmod(dir.file("messagelog.txt").c_str(), 0600);
    writeLog("credentials.txt", "yoda wise@!man\n");
    writeLog("SR_2_messageLog.txt", "not a room the store knows\n");

    const auto result =
        resetForFreshRun(*store, dir.path(), {"messagelog.txt", "boardlog.txt", ""});
    EXPECT_EQ(result.roomLogsRemoved, 2u);
    EXPECT_EQ(result.logsEmptied, 1u);
    EXPECT_EQ(result.store.rooms, 2u);
    EXPECT_FALSE(Poco::File(dir.file("SR_1_messageLog.txt")).exists());
    EXPECT_FALSE(Poco::File(dir.file("learning3331_messageLog.txt")).exists());
    // Emptied in place, keeping its mode; a log the previous run never wrote is not created.
    EXPECT_EQ(readFile(dir.file("messagelog.txt")), "");
    EXPECT_EQ(fileMode(dir.file("messagelog.txt")), 0600);
    EXPECT_FALSE(Poco::File(dir.file("boardlog.txt")).exists());
    // Everything else is left alone.
    EXPECT_EQ(readFile(dir.file("credentials.txt")), "yoda wise@!man\n");
    EXPECT_EQ(readFile(dir.file("SR_2_messageLog.txt")), "not a room the store knows\n");
    EXPECT_TRUE(Poco::File(dbPath).exists());
    expectOnlyTheAccount();
    EXPECT_NE(result.summary().find("2 board posts"), std::string::npos) << result.summary();
}

TEST_F(FreshRunTest, ResetWithNoLogsOnDiskOrNoLogDirectoryStillClearsTheStore) {
    const auto result = resetForFreshRun(*store, dir.path(), {"messagelog.txt"});
    EXPECT_EQ(result.roomLogsRemoved, 0u);
    EXPECT_EQ(result.logsEmptied, 0u);
    expectOnlyTheAccount();

    const auto again = resetForFreshRun(*store, "", {"messagelog.txt"});
    EXPECT_EQ(again.store.logins, 0u);
    expectOnlyTheAccount();
}

TEST_F(FreshRunTest, ALogThatCannotBeEmptiedStopsTheResetBeforeTheStoreIsCleared) {
    Poco::File(dir.file("messagelog.txt")).createDirectories(); // truncate(2) fails: EISDIR.
    EXPECT_THROW(resetForFreshRun(*store, dir.path(), {"messagelog.txt"}), Poco::FileException);
    // The store still lists the rooms, so the next fresh start finds their logs again.
    EXPECT_EQ(store->rooms().size(), 2u);
    EXPECT_EQ(store->boardPosts().size(), 2u);
}

} // namespace
} // namespace toom
