#include "server/state/PasswordHasher.h"

#include <gtest/gtest.h>

#include <set>

namespace toom {
namespace {

constexpr int kTestIterations = 1000;

bool isLowerHex(const std::string& text) {
    return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(PasswordHasherTest, MatchesPublishedPbkdf2HmacSha256Vectors) {
    // RFC 7914 section 11 (first 32 bytes) and the widely published c=4096 vector; both match
    // Python's hashlib.pbkdf2_hmac('sha256', ...).
    EXPECT_EQ(PasswordHasher::deriveHex("passwd", "salt", 1),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    EXPECT_EQ(PasswordHasher::deriveHex("password", "salt", 4096),
              "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
}

TEST(PasswordHasherTest, DerivesKeysLongerThanOneDigest) {
    EXPECT_EQ(PasswordHasher::deriveHex("passwd", "salt", 1, 64),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
              "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
}

TEST(PasswordHasherTest, HashProducesHexSaltAndKeyWithIterations) {
    PasswordHasher hasher(kTestIterations);
    Account account = hasher.hash("alice", "secret");
    EXPECT_EQ(account.username, "alice");
    EXPECT_EQ(account.iterations, kTestIterations);
    EXPECT_EQ(account.salt.size(), 2 * PasswordHasher::kSaltBytes);
    EXPECT_EQ(account.passwordHash.size(), 2 * PasswordHasher::kKeyBytes);
    EXPECT_TRUE(isLowerHex(account.salt));
    EXPECT_TRUE(isLowerHex(account.passwordHash));
}

TEST(PasswordHasherTest, VerifyAcceptsTheRightPasswordOnly) {
    PasswordHasher hasher(kTestIterations);
    Account account = hasher.hash("alice", "secret");
    EXPECT_TRUE(hasher.verify(account, "secret"));
    EXPECT_FALSE(hasher.verify(account, "Secret"));
    EXPECT_FALSE(hasher.verify(account, "secret "));
    EXPECT_FALSE(hasher.verify(account, ""));
}

TEST(PasswordHasherTest, SamePasswordGetsDifferentSaltsAndHashes) {
    PasswordHasher hasher(kTestIterations);
    std::set<std::string> salts;
    std::set<std::string> hashes;
    for (int i = 0; i < 5; ++i) {
        Account account = hasher.hash("alice", "secret");
        salts.insert(account.salt);
        hashes.insert(account.passwordHash);
        EXPECT_TRUE(hasher.verify(account, "secret"));
    }
    EXPECT_EQ(salts.size(), 5u);
    EXPECT_EQ(hashes.size(), 5u);
}

TEST(PasswordHasherTest, VerifyUsesTheAccountsOwnIterationCount) {
    PasswordHasher oldHasher(kTestIterations);
    PasswordHasher newHasher(2 * kTestIterations);
    Account account = oldHasher.hash("alice", "secret");
    EXPECT_TRUE(newHasher.verify(account, "secret"));
    EXPECT_TRUE(newHasher.needsRehash(account));
    EXPECT_FALSE(oldHasher.needsRehash(account));
    // Never towards fewer iterations.
    EXPECT_FALSE(oldHasher.needsRehash(newHasher.hash("alice", "secret")));
}

TEST(PasswordHasherTest, MalformedRecordsNeverVerify) {
    PasswordHasher hasher(kTestIterations);
    const Account good = hasher.hash("alice", "secret");

    Account badSalt = good;
    badSalt.salt = "not hex!";
    EXPECT_FALSE(hasher.verify(badSalt, "secret"));

    Account shortHash = good;
    shortHash.passwordHash.resize(10);
    EXPECT_FALSE(hasher.verify(shortHash, "secret"));

    Account noIterations = good;
    noIterations.iterations = 0;
    EXPECT_FALSE(hasher.verify(noIterations, "secret"));

    EXPECT_FALSE(hasher.verify(Account{}, ""));
}

TEST(PasswordHasherTest, StoredHashIsPbkdf2OfThePasswordUnderTheDecodedSalt) {
    PasswordHasher hasher(kTestIterations);
    Account account = hasher.hash("alice", "secret");
    std::string rawSalt;
    for (std::size_t i = 0; i < account.salt.size(); i += 2) {
        rawSalt.push_back(static_cast<char>(std::stoi(account.salt.substr(i, 2), nullptr, 16)));
    }
    EXPECT_EQ(PasswordHasher::deriveHex("secret", rawSalt, kTestIterations), account.passwordHash);
}

TEST(PasswordHasherTest, VerifyDummyRunsWithoutSideEffects) {
    PasswordHasher hasher(kTestIterations);
    EXPECT_NO_THROW(hasher.verifyDummy("anything"));
    EXPECT_NO_THROW(hasher.verifyDummy(""));
}

TEST(PasswordHasherTest, IterationCountIsAtLeastOne) {
    EXPECT_EQ(PasswordHasher(0).iterations(), 1);
    EXPECT_EQ(PasswordHasher().iterations(), PasswordHasher::kDefaultIterations);
    static_assert(PasswordHasher::kDefaultIterations >= 1000);
}

} // namespace
} // namespace toom
