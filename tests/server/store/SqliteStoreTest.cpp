#include "server/store/SqliteStore.h"

#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <gtest/gtest.h>

#include <csignal>
#include <set>
#include <thread>

using namespace Poco::Data::Keywords;

namespace toom {
namespace {

using test::at;

Account makeAccount(const std::string& name, const std::string& hash = "aa") {
    Account account;
    account.username = name;
    account.salt = "0011";
    account.passwordHash = hash;
    account.iterations = 1000;
    account.createdAt = at(1'700'000'000);
    return account;
}

LoginRecord makeLogin(const std::string& name, std::int64_t loginAt,
                      std::optional<std::int64_t> logoutAt = std::nullopt) {
    LoginRecord login;
    login.username = name;
    login.address = "127.0.0.1";
    login.udpPort = 5000;
    login.loginAt = at(loginAt);
    if (logoutAt) {
        login.logoutAt = at(*logoutAt);
    }
    return login;
}

std::vector<std::string> names(const std::vector<LoginRecord>& logins) {
    std::vector<std::string> result;
    for (const auto& login : logins) {
        result.push_back(login.username);
    }
    return result;
}

class SqliteStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        Poco::Data::SQLite::Connector::registerConnector(); // for the tests' own sessions
    }

    /// Runs `sql` on a second, independent connection and returns the single integer result.
    Poco::Int64 queryInt(const std::string& sql) {
        Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, _dbPath);
        Poco::Int64 value = -1;
        session << sql, into(value), now;
        return value;
    }

    test::TempDir _dir;
    std::string _dbPath = _dir.file("data/toom.db");
};

TEST_F(SqliteStoreTest, CreatesParentDirectoriesAndSchema) {
    SqliteStore store(_dbPath);
    EXPECT_EQ(store.path(), _dbPath);
    EXPECT_TRUE(Poco::File(_dbPath).exists());
    EXPECT_EQ(store.schemaVersion(), SqliteStore::latestSchemaVersion());
    EXPECT_GE(SqliteStore::latestSchemaVersion(), 1);
    EXPECT_EQ(queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                       " AND name IN ('accounts', 'logins')"),
              2);
    EXPECT_EQ(queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
                       " AND tbl_name = 'logins' AND name LIKE 'logins_%'"),
              3); // By logout time, by login time, by user (lastLogout).
    EXPECT_EQ(store.accountCount(), 0u);
}

TEST_F(SqliteStoreTest, UsesWriteAheadLogging) {
    SqliteStore store(_dbPath);
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, _dbPath);
    std::string mode;
    session << "PRAGMA journal_mode", into(mode), now;
    EXPECT_EQ(mode, "wal");
}

TEST_F(SqliteStoreTest, ReopeningKeepsDataAndDoesNotRerunMigrations) {
    {
        SqliteStore store(_dbPath);
        ASSERT_TRUE(store.insertAccount(makeAccount("alice")));
        store.recordLogin(makeLogin("alice", 100));
    }
    // Re-running the first migration would fail on CREATE TABLE of an existing table.
    SqliteStore reopened(_dbPath);
    EXPECT_EQ(reopened.schemaVersion(), SqliteStore::latestSchemaVersion());
    EXPECT_EQ(reopened.accountCount(), 1u);
    auto alice = reopened.findAccount("alice");
    ASSERT_TRUE(alice);
    EXPECT_EQ(alice->passwordHash, "aa");
    EXPECT_EQ(reopened.loginsSince(at(0)).size(), 1u);
}

TEST_F(SqliteStoreTest, CommittedWritesSurviveTheProcessBeingKilled) {
    // The "fast" (plain fork) death-test style: the child must write to this test's _dbPath;
    // the "threadsafe" style re-runs SetUp in a new process and would pick another directory.
    GTEST_FLAG_SET(death_test_style, "fast");
    EXPECT_EXIT(
        {
            SqliteStore store(_dbPath);
            store.insertAccount(makeAccount("alice"));
            store.recordLogin(makeLogin("alice", 100));
            std::raise(SIGKILL); // no destructor, no close: like kill -9
        },
        ::testing::KilledBySignal(SIGKILL), "");
    SqliteStore store(_dbPath);
    EXPECT_TRUE(store.findAccount("alice"));
    EXPECT_EQ(store.loginsSince(at(0)).size(), 1u);
}

TEST_F(SqliteStoreTest, FindAccountRoundTripsEveryField) {
    SqliteStore store(_dbPath);
    Account account = makeAccount("Alice", "deadbeef");
    account.createdAt = Poco::Timestamp(1'700'000'000'123'456);
    ASSERT_TRUE(store.insertAccount(account));
    auto found = store.findAccount("Alice");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->username, "Alice");
    EXPECT_EQ(found->salt, "0011");
    EXPECT_EQ(found->passwordHash, "deadbeef");
    EXPECT_EQ(found->iterations, 1000);
    EXPECT_EQ(found->createdAt, account.createdAt);
    ASSERT_TRUE(store.findAccount("aLICE")) << "names match without regard to case";
    EXPECT_EQ(store.findAccount("aLICE")->username, "Alice") << "with the stored spelling";
    EXPECT_FALSE(store.findAccount("nobody"));
}

// Names beyond ASCII fold too (usernameKey), which SQLite's lower() would not do.
TEST_F(SqliteStoreTest, NamesBeyondAsciiMatchWithoutRegardToCase) {
    SqliteStore store(_dbPath);
    ASSERT_TRUE(store.insertAccount(makeAccount("\xC3\x89lodie"))); // Élodie
    ASSERT_TRUE(store.findAccount("\xC3\xA9LODIE"));                // éLODIE
    EXPECT_EQ(store.findAccount("\xC3\xA9LODIE")->username, "\xC3\x89lodie");
    EXPECT_FALSE(store.insertAccount(makeAccount("\xC3\xA9lodie")));
}

// A database from before the rule may hold Yoda and yoda: both rows stay, the key is filled in
// at open, and the older account is the one every spelling finds.
TEST_F(SqliteStoreTest, AnOlderDatabaseWithTwoSpellingsKeepsBothAndFindsTheOlder) {
    {
        SqliteStore store(_dbPath);
        Account younger = makeAccount("yoda", "younger");
        younger.createdAt = Poco::Timestamp(2'000'000);
        ASSERT_TRUE(store.insertAccount(younger));
    }
    {
        Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, _dbPath);
        session << "INSERT INTO accounts (username, salt, password_hash, iterations, created_at)"
                   " VALUES ('Yoda', '00', 'older', 1000, 1000000)",
            now;
    }
    SqliteStore store(_dbPath);
    EXPECT_EQ(store.accountCount(), 2u);
    EXPECT_EQ(queryInt("SELECT COUNT(*) FROM accounts WHERE username_key = 'yoda'"), 2);
    for (const char* spelling : {"yoda", "Yoda", "YODA"}) {
        ASSERT_TRUE(store.findAccount(spelling)) << spelling;
        EXPECT_EQ(store.findAccount(spelling)->username, "Yoda") << spelling;
        EXPECT_EQ(store.findAccount(spelling)->passwordHash, "older") << spelling;
    }
}

TEST_F(SqliteStoreTest, InsertingAnExistingNameFailsAndKeepsTheOriginal) {
    SqliteStore store(_dbPath);
    EXPECT_TRUE(store.insertAccount(makeAccount("alice", "first")));
    EXPECT_FALSE(store.insertAccount(makeAccount("alice", "second")));
    EXPECT_EQ(store.accountCount(), 1u);
    EXPECT_EQ(store.findAccount("alice")->passwordHash, "first");
    EXPECT_FALSE(store.insertAccount(makeAccount("ALICE"))) << "taken without regard to case";
    EXPECT_EQ(store.accountCount(), 1u);
    EXPECT_EQ(store.findAccount("ALICE")->passwordHash, "first");
}

TEST_F(SqliteStoreTest, UpdateReplacesThePasswordOfAnExistingAccountOnly) {
    SqliteStore store(_dbPath);
    ASSERT_TRUE(store.insertAccount(makeAccount("alice", "old")));
    Account changed = makeAccount("alice", "new");
    changed.salt = "ffee";
    changed.iterations = 2000;
    EXPECT_TRUE(store.updateAccountPassword(changed));
    auto alice = store.findAccount("alice");
    ASSERT_TRUE(alice);
    EXPECT_EQ(alice->passwordHash, "new");
    EXPECT_EQ(alice->salt, "ffee");
    EXPECT_EQ(alice->iterations, 2000);
    EXPECT_FALSE(store.updateAccountPassword(makeAccount("bob")));
    EXPECT_EQ(store.accountCount(), 1u);
}

TEST_F(SqliteStoreTest, RecordLoginReturnsDistinctIdsAndRoundTripsFields) {
    SqliteStore store(_dbPath);
    LoginRecord login = makeLogin("alice", 100);
    login.address = "10.0.0.7";
    login.udpPort = 6001;
    login.loginAt = Poco::Timestamp(100'000'001);
    std::int64_t first = store.recordLogin(login);
    std::int64_t second = store.recordLogin(makeLogin("bob", 200));
    EXPECT_NE(first, second);

    auto logins = store.loginsSince(at(0));
    ASSERT_EQ(logins.size(), 2u);
    EXPECT_EQ(logins[0].username, "alice");
    EXPECT_EQ(logins[0].address, "10.0.0.7");
    EXPECT_EQ(logins[0].udpPort, 6001);
    EXPECT_EQ(logins[0].loginAt, Poco::Timestamp(100'000'001));
    EXPECT_FALSE(logins[0].logoutAt);

    store.recordLogout(first, at(150));
    logins = store.loginsSince(at(0));
    ASSERT_TRUE(logins[0].logoutAt);
    EXPECT_EQ(*logins[0].logoutAt, at(150));
    EXPECT_FALSE(logins[1].logoutAt);
}

TEST_F(SqliteStoreTest, RecordLoginKeepsAGivenLogoutTime) {
    SqliteStore store(_dbPath);
    store.recordLogin(makeLogin("alice", 100, 200));
    auto logins = store.loginsSince(at(0));
    ASSERT_EQ(logins.size(), 1u);
    ASSERT_TRUE(logins[0].logoutAt);
    EXPECT_EQ(*logins[0].logoutAt, at(200));
}

TEST_F(SqliteStoreTest, LoginsSinceIncludesSessionsOverlappingTheWindow) {
    SqliteStore store(_dbPath);
    store.recordLogin(makeLogin("endedBefore", 100, 999));
    store.recordLogin(makeLogin("endedExactlyAtSince", 200, 1000));
    store.recordLogin(makeLogin("endedAfter", 300, 1001));
    store.recordLogin(makeLogin("stillOpen", 50));
    store.recordLogin(makeLogin("startedAfter", 2000, 2100));
    store.recordLogin(makeLogin("openAndLate", 3000));

    EXPECT_EQ(names(store.loginsSince(at(1000))),
              (std::vector<std::string>{"stillOpen", "endedExactlyAtSince", "endedAfter",
                                        "startedAfter", "openAndLate"}));
    // One microsecond later the session that ended exactly at 1000 s no longer overlaps.
    EXPECT_EQ(names(store.loginsSince(Poco::Timestamp(at(1000).epochMicroseconds() + 1))),
              (std::vector<std::string>{"stillOpen", "endedAfter", "startedAfter", "openAndLate"}));
}

TEST_F(SqliteStoreTest, LoginsSinceOrdersByLoginTime) {
    SqliteStore store(_dbPath);
    store.recordLogin(makeLogin("c", 300));
    store.recordLogin(makeLogin("a", 100));
    store.recordLogin(makeLogin("b", 200));
    EXPECT_EQ(names(store.loginsSince(at(0))), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(SqliteStoreTest, LastLogoutIsTheLatestClosedLoginOfThatUser) {
    SqliteStore store(_dbPath);
    EXPECT_FALSE(store.lastLogout("alice"));
    store.recordLogin(makeLogin("alice", 100, 200));
    store.recordLogin(makeLogin("alice", 300, 400));
    store.recordLogin(makeLogin("alice", 500)); // Open now: not a logout.
    store.recordLogin(makeLogin("bob", 100, 900));
    ASSERT_TRUE(store.lastLogout("alice"));
    EXPECT_EQ(*store.lastLogout("alice"), at(400));
    EXPECT_EQ(*store.lastLogout("bob"), at(900));
    EXPECT_FALSE(store.lastLogout("carol"));
    store.recordLogin(makeLogin("carol", 100)); // Never logged out.
    EXPECT_FALSE(store.lastLogout("carol"));
}

TEST_F(SqliteStoreTest, CloseOpenLoginsClosesOnlyOpenSessions) {
    SqliteStore store(_dbPath);
    store.recordLogin(makeLogin("closed", 100, 150));
    store.recordLogin(makeLogin("open1", 200));
    store.recordLogin(makeLogin("open2", 300));
    EXPECT_EQ(store.closeOpenLogins(at(500)), 2u);
    EXPECT_EQ(store.closeOpenLogins(at(600)), 0u);

    auto logins = store.loginsSince(at(0));
    ASSERT_EQ(logins.size(), 3u);
    EXPECT_EQ(*logins[0].logoutAt, at(150));
    EXPECT_EQ(*logins[1].logoutAt, at(500));
    EXPECT_EQ(*logins[2].logoutAt, at(500));
}

TEST_F(SqliteStoreTest, PruneDeletesOnlySessionsThatEndedBefore) {
    SqliteStore store(_dbPath);
    store.recordLogin(makeLogin("old", 100, 200));
    store.recordLogin(makeLogin("endsAtCutoff", 100, 1000));
    store.recordLogin(makeLogin("recent", 900, 1100));
    store.recordLogin(makeLogin("openSinceLongAgo", 50));
    EXPECT_EQ(store.pruneLoginsBefore(at(1000)), 1u);
    EXPECT_EQ(store.pruneLoginsBefore(at(1000)), 0u);
    EXPECT_EQ(names(store.loginsSince(at(0))),
              (std::vector<std::string>{"openSinceLongAgo", "endsAtCutoff", "recent"}));
}

TEST_F(SqliteStoreTest, ConcurrentUseFromManyThreads) {
    SqliteStore store(_dbPath);
    constexpr int kThreads = 8;
    constexpr int kLoginsPerThread = 40;
    std::vector<std::vector<std::int64_t>> ids(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            const std::string name = "user" + std::to_string(t);
            store.insertAccount(makeAccount(name));
            for (int i = 0; i < kLoginsPerThread; ++i) {
                std::int64_t id = store.recordLogin(makeLogin(name, 1000 + i));
                ids[static_cast<std::size_t>(t)].push_back(id);
                if (i % 2 == 0) {
                    store.recordLogout(id, at(2000 + i));
                }
                store.findAccount(name);
                store.loginsSince(at(2000));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    std::set<std::int64_t> unique;
    for (const auto& threadIds : ids) {
        unique.insert(threadIds.begin(), threadIds.end());
    }
    EXPECT_EQ(unique.size(), static_cast<std::size_t>(kThreads * kLoginsPerThread));
    EXPECT_EQ(store.accountCount(), static_cast<std::size_t>(kThreads));
    EXPECT_EQ(store.loginsSince(at(0)).size(),
              static_cast<std::size_t>(kThreads * kLoginsPerThread));
    EXPECT_EQ(store.closeOpenLogins(at(5000)),
              static_cast<std::size_t>(kThreads * kLoginsPerThread / 2));
}

TEST_F(SqliteStoreTest, MigratesAnExistingDatabaseAtVersionZero) {
    Poco::File(Poco::Path(_dbPath).parent()).createDirectories();
    {
        Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, _dbPath);
        session << "CREATE TABLE unrelated (x INTEGER)", now;
        session << "INSERT INTO unrelated VALUES (7)", now;
    }
    EXPECT_EQ(queryInt("PRAGMA user_version"), 0);
    SqliteStore store(_dbPath);
    EXPECT_EQ(store.schemaVersion(), SqliteStore::latestSchemaVersion());
    EXPECT_EQ(queryInt("PRAGMA user_version"), SqliteStore::latestSchemaVersion());
    EXPECT_EQ(queryInt("SELECT x FROM unrelated"), 7);
    EXPECT_TRUE(store.insertAccount(makeAccount("alice")));
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerBuild) {
    { SqliteStore store(_dbPath); }
    {
        Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, _dbPath);
        session << "PRAGMA user_version=" + std::to_string(SqliteStore::latestSchemaVersion() + 1),
            now;
    }
    EXPECT_THROW(SqliteStore store(_dbPath), Poco::Data::DataException);
}

} // namespace
} // namespace toom
