#include "server/state/StoredAccountService.h"

#include "server/store/SqliteStore.h"
#include "support/TempDir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <utility>

namespace toom {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class StoredAccountServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        _store = std::make_unique<SqliteStore>(file("toom.db"));
        _accounts = std::make_unique<StoredAccountService>(
            *_store, _hasher, [this](const std::string& user, const std::string& password) {
                _registered.emplace_back(user, password);
            });
    }

    void TearDown() override {
        // Close the store before _dir removes its database file.
        _accounts.reset();
        _store.reset();
    }

    std::string file(const std::string& name) const { return _dir.file(name); }

    /// Writes `content` byte for byte to `name` in the test directory; returns its path.
    std::string writeFile(const std::string& name, const std::string& content) const {
        std::string path = file(name);
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        return path;
    }

    test::TempDir _dir; // declared first: destroyed after the store that has files in it
    PasswordHasher _hasher{1000};
    std::unique_ptr<SqliteStore> _store;
    std::unique_ptr<StoredAccountService> _accounts;
    std::vector<std::pair<std::string, std::string>> _registered;
};

// exists() remembers names it has found; a name it did not find must still be found once
// some other path (an import, another process) has stored it.
TEST_F(StoredAccountServiceTest, ANameNotFoundIsLookedUpAgainLater) {
    EXPECT_FALSE(_accounts->exists("bob"));
    ASSERT_TRUE(_store->insertAccount(_hasher.hash("bob", "pw-of-bob")));
    EXPECT_TRUE(_accounts->exists("bob"));
    EXPECT_TRUE(_accounts->exists("bob"));
    EXPECT_TRUE(_accounts->exists("Bob"));
}

// Every spelling names the one account, remembered or not, and answers with its own spelling.
TEST_F(StoredAccountServiceTest, StoredNameGivesTheAccountsOwnSpelling) {
    EXPECT_FALSE(_accounts->storedName("Obiwan"));
    ASSERT_TRUE(_accounts->registerAccount("ObiWan", "pw"));
    EXPECT_EQ(_accounts->storedName("obiwan"), "ObiWan");
    EXPECT_EQ(_accounts->storedName("OBIWAN"), "ObiWan");
    StoredAccountService fresh(*_store, _hasher); // nothing remembered: asks the store
    EXPECT_EQ(fresh.storedName("obiWAN"), "ObiWan");
    EXPECT_FALSE(_accounts->registerAccount("obiwan", "other")) << "taken in another case";
    EXPECT_TRUE(_accounts->verify("ObiWan", "pw"));
    EXPECT_FALSE(_accounts->verify("ObiWan", "other"));
}

// A credentials line cannot take over an account by spelling its name in another case.
TEST_F(StoredAccountServiceTest, ImportDoesNotTouchAnAccountNamedInAnotherCase) {
    ASSERT_TRUE(_accounts->registerAccount("yoda", "mine"));
    ImportResult result =
        _accounts->importCredentials(writeFile("credentials.txt", "Yoda theirs\nhans pw\n"));
    EXPECT_EQ(result.added, 1u);
    EXPECT_EQ(result.updated, 0u);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_NE(result.problems[0].find("Yoda is taken by yoda"), std::string::npos)
        << result.problems[0];
    EXPECT_TRUE(_accounts->verify("yoda", "mine"));
    EXPECT_FALSE(_accounts->verify("yoda", "theirs"));
}

// A right password stored with fewer iterations than the server now uses is re-hashed at
// login; a wrong one changes nothing, and a server with a lower count never downgrades.
TEST_F(StoredAccountServiceTest, ALoginUpgradesAnOlderHashToTheCurrentIterationCount) {
    ASSERT_TRUE(_accounts->registerAccount("alice", "s3cret!"));
    ASSERT_EQ(_store->findAccount("alice")->iterations, 1000);

    PasswordHasher stronger(2000);
    StoredAccountService upgraded(*_store, stronger);
    EXPECT_FALSE(upgraded.verify("alice", "wrong"));
    EXPECT_EQ(_store->findAccount("alice")->iterations, 1000);
    const std::string oldSalt = _store->findAccount("alice")->salt;

    EXPECT_TRUE(upgraded.verify("alice", "s3cret!"));
    const Account after = *_store->findAccount("alice");
    EXPECT_EQ(after.iterations, 2000);
    EXPECT_NE(after.salt, oldSalt);
    EXPECT_TRUE(upgraded.verify("alice", "s3cret!"));
    EXPECT_FALSE(upgraded.verify("alice", "wrong"));

    PasswordHasher weaker(10);
    StoredAccountService downgrading(*_store, weaker);
    EXPECT_TRUE(downgrading.verify("alice", "s3cret!"));
    EXPECT_EQ(_store->findAccount("alice")->iterations, 2000);
}

TEST_F(StoredAccountServiceTest, RegisteredAccountsExistAndVerify) {
    EXPECT_FALSE(_accounts->exists("alice"));
    EXPECT_TRUE(_accounts->registerAccount("alice", "s3cret!"));
    EXPECT_TRUE(_accounts->exists("alice"));
    EXPECT_TRUE(_accounts->exists("Alice"));
    EXPECT_TRUE(_accounts->verify("alice", "s3cret!"));
    EXPECT_FALSE(_accounts->verify("alice", "wrong"));
    EXPECT_TRUE(_accounts->verify("Alice", "s3cret!"));

    auto stored = _store->findAccount("alice");
    ASSERT_TRUE(stored);
    EXPECT_NE(stored->passwordHash, "s3cret!");
    EXPECT_EQ(stored->iterations, 1000);
}

TEST_F(StoredAccountServiceTest, UnknownUsersNeverVerify) {
    EXPECT_FALSE(_accounts->verify("nobody", "anything"));
    EXPECT_FALSE(_accounts->verify("", ""));
}

TEST_F(StoredAccountServiceTest, HookRunsOnlyOnSuccessfulRegistration) {
    EXPECT_TRUE(_accounts->registerAccount("alice", "pw1"));
    EXPECT_FALSE(_accounts->registerAccount("alice", "pw2")); // taken
    EXPECT_FALSE(_accounts->registerAccount("bad name", "pw"));
    EXPECT_FALSE(_accounts->registerAccount("/cmd", "pw"));
    EXPECT_FALSE(_accounts->registerAccount("bob", ""));
    EXPECT_FALSE(_accounts->registerAccount("bob", "has space"));
    EXPECT_FALSE(_accounts->registerAccount("", "pw"));
    EXPECT_THAT(_registered, ElementsAre(std::make_pair(std::string("alice"), std::string("pw1"))));
    EXPECT_TRUE(_accounts->verify("alice", "pw1"));
    EXPECT_EQ(_store->accountCount(), 1u);
}

TEST_F(StoredAccountServiceTest, WorksWithoutAHook) {
    StoredAccountService plain(*_store, _hasher);
    EXPECT_TRUE(plain.registerAccount("carol", "pw"));
    EXPECT_TRUE(plain.verify("carol", "pw"));
}

TEST_F(StoredAccountServiceTest, AFailingHookDoesNotUndoTheRegistration) {
    _accounts->setRegistrationHook(
        [](const std::string&, const std::string&) { throw std::runtime_error("disk full"); });
    EXPECT_TRUE(_accounts->registerAccount("dave", "pw"));
    EXPECT_TRUE(_accounts->verify("dave", "pw"));
}

TEST_F(StoredAccountServiceTest, MissingCredentialsFileIsNotAnError) {
    ImportResult result = _accounts->importCredentials(file("absent.txt"));
    EXPECT_FALSE(result.fileFound);
    EXPECT_EQ(result.added + result.updated + result.unchanged, 0u);
    EXPECT_THAT(result.problems, IsEmpty());
}

TEST_F(StoredAccountServiceTest, ImportAddsThenLeavesUnchangedThenUpdates) {
    std::string path = writeFile("credentials.txt", "alice pw1\nbob pw2\ncarol pw3\n");
    ImportResult first = _accounts->importCredentials(path);
    EXPECT_TRUE(first.fileFound);
    EXPECT_EQ(first.added, 3u);
    EXPECT_EQ(first.updated, 0u);
    EXPECT_EQ(first.unchanged, 0u);
    EXPECT_THAT(first.problems, IsEmpty());
    EXPECT_TRUE(_accounts->verify("bob", "pw2"));
    EXPECT_THAT(_registered, IsEmpty()) << "importing is not registering";

    auto bobBefore = _store->findAccount("bob");
    ImportResult second = _accounts->importCredentials(path);
    EXPECT_EQ(second.added, 0u);
    EXPECT_EQ(second.updated, 0u);
    EXPECT_EQ(second.unchanged, 3u);
    EXPECT_EQ(_store->findAccount("bob")->salt, bobBefore->salt) << "idempotent: no rehash";

    writeFile("credentials.txt", "alice pw1\nbob changed\ncarol pw3\ndave pw4\n");
    ImportResult third = _accounts->importCredentials(path);
    EXPECT_EQ(third.added, 1u);
    EXPECT_EQ(third.updated, 1u);
    EXPECT_EQ(third.unchanged, 2u);
    EXPECT_TRUE(_accounts->verify("bob", "changed"));
    EXPECT_FALSE(_accounts->verify("bob", "pw2"));
    EXPECT_EQ(_store->findAccount("bob")->createdAt, bobBefore->createdAt);
    EXPECT_EQ(_store->accountCount(), 4u);
}

TEST_F(StoredAccountServiceTest, ImportKeepsAccountsMissingFromTheFile) {
    ASSERT_TRUE(_accounts->registerAccount("selfmade", "pw"));
    ImportResult result = _accounts->importCredentials(writeFile("credentials.txt", "alice pw1\n"));
    EXPECT_EQ(result.added, 1u);
    EXPECT_TRUE(_accounts->verify("selfmade", "pw"));
}

TEST_F(StoredAccountServiceTest, ImportToleratesCrlfTrailingSpaceBlankLinesAndBom) {
    std::string path = writeFile("credentials.txt", "\xEF\xBB\xBF"
                                                    "alice pw1\r\n"
                                                    "\r\n"
                                                    "bob pw2   \r\n"
                                                    "   \n"
                                                    "carol pw3\t\n"
                                                    "\n"
                                                    "dave pw4"); // no final newline
    ImportResult result = _accounts->importCredentials(path);
    EXPECT_EQ(result.added, 4u);
    EXPECT_THAT(result.problems, IsEmpty());
    EXPECT_TRUE(_accounts->verify("alice", "pw1"));
    EXPECT_TRUE(_accounts->verify("bob", "pw2"));
    EXPECT_TRUE(_accounts->verify("carol", "pw3"));
    EXPECT_TRUE(_accounts->verify("dave", "pw4"));
}

TEST_F(StoredAccountServiceTest, ImportSkipsAndReportsMalformedLines) {
    std::string path = writeFile("credentials.txt", "alice pw1\n"      // 1 ok
                                                    "justaname\n"      // 2 one field
                                                    "x y z\n"          // 3 three fields
                                                    "/slash pw\n"      // 4 bad name
                                                    "#hash pw\n"       // 5 bad name
                                                    "bad\x01name pw\n" // 6 control char
                                                    "eve \xff\xfe\n"   // 7 invalid UTF-8
                                                    "bob pw2\n");      // 8 ok
    ImportResult result = _accounts->importCredentials(path);
    EXPECT_EQ(result.added, 2u);
    ASSERT_EQ(result.problems.size(), 6u);
    EXPECT_THAT(result.problems[0], HasSubstr("line 2"));
    EXPECT_THAT(result.problems[1], HasSubstr("line 3"));
    EXPECT_THAT(result.problems[2], HasSubstr("line 4"));
    EXPECT_THAT(result.problems[3], HasSubstr("line 5"));
    EXPECT_THAT(result.problems[4], HasSubstr("line 6"));
    EXPECT_THAT(result.problems[5], HasSubstr("line 7"));
    EXPECT_FALSE(_accounts->exists("/slash"));
    EXPECT_FALSE(_accounts->exists("eve"));
    EXPECT_EQ(_store->accountCount(), 2u);
}

TEST_F(StoredAccountServiceTest, ImportOfARepeatedNameUsesTheLastLineAndSettles) {
    std::string path = writeFile("credentials.txt", "alice first\nbob pw\nalice second\n");
    ImportResult result = _accounts->importCredentials(path);
    EXPECT_EQ(result.added, 2u);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_THAT(result.problems[0], HasSubstr("line 1"));
    EXPECT_THAT(result.problems[0], HasSubstr("line 3"));
    EXPECT_TRUE(_accounts->verify("alice", "second"));

    ImportResult again = _accounts->importCredentials(path);
    EXPECT_EQ(again.updated, 0u);
    EXPECT_EQ(again.unchanged, 2u);
}

// With an import key, a start-up recognises the lines it imported before by their marks and
// spends no PBKDF2 on them; a changed line, or an account imported before marks existed, is
// checked once and marked.
TEST_F(StoredAccountServiceTest, MarkedLinesCostNoHashOnTheNextImport) {
    ASSERT_TRUE(_accounts->registerAccount("old", "old!pw")); // Not from the file: no mark.
    const std::string path =
        writeFile("credentials.txt", "yoda wise!man\nluke l!ght\nold old!pw\n");
    _accounts->setImportKey(std::string(32, 'k'));

    ImportResult first = _accounts->importCredentials(path);
    EXPECT_EQ(first.added, 2u);
    EXPECT_EQ(first.unchanged, 1u);
    EXPECT_EQ(first.hashed, 3u);
    EXPECT_FALSE(_store->findAccount("yoda")->importMark.empty());
    EXPECT_FALSE(_store->findAccount("old")->importMark.empty());

    ImportResult second = _accounts->importCredentials(path);
    EXPECT_EQ(second.unchanged, 3u);
    EXPECT_EQ(second.hashed, 0u);

    writeFile("credentials.txt", "yoda wise!man\nluke new!pw\nold old!pw\n");
    ImportResult third = _accounts->importCredentials(path);
    EXPECT_EQ(third.updated, 1u);
    EXPECT_EQ(third.hashed, 1u);
    EXPECT_TRUE(_accounts->verify("luke", "new!pw"));
    EXPECT_FALSE(_accounts->verify("luke", "l!ght"));

    // Another key (a lost key file): every line is checked again, and still nothing changes.
    _accounts->setImportKey(std::string(32, 'x'));
    ImportResult rekeyed = _accounts->importCredentials(path);
    EXPECT_EQ(rekeyed.unchanged, 3u);
    EXPECT_EQ(rekeyed.hashed, 3u);
}

// A mark is a keyed digest, not the password's plain digest, and a login's re-hash keeps it.
TEST_F(StoredAccountServiceTest, TheMarkSurvivesARehashAndDependsOnTheKey) {
    const std::string path = writeFile("credentials.txt", "yoda wise!man\n");
    _accounts->setImportKey(std::string(32, 'k'));
    _accounts->importCredentials(path);
    const std::string mark = _store->findAccount("yoda")->importMark;
    EXPECT_EQ(mark.size(), 64u);

    PasswordHasher stronger(2000);
    StoredAccountService upgrading(*_store, stronger);
    ASSERT_TRUE(upgrading.verify("yoda", "wise!man"));
    EXPECT_EQ(_store->findAccount("yoda")->iterations, 2000);
    EXPECT_EQ(_store->findAccount("yoda")->importMark, mark);
    EXPECT_EQ(_accounts->importCredentials(path).hashed, 0u);
}

} // namespace
} // namespace toom
