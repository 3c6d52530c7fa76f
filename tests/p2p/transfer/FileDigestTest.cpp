// Digests of files (streamed) and offer validation.

#include "p2p/transfer/FileDigest.h"

#include "p2p/transfer/FileOffer.h"
#include "p2p/transfer/Sha256.h"
#include "p2p/transfer/TransferTestSupport.h"
#include "support/TempDir.h"

#include <Poco/SHA2Engine.h>

#include <gtest/gtest.h>

using namespace toom::p2p::transfer;
using toom::test::TempDir;

TEST(FileDigestTest, KnownVectors) {
    TempDir dir;
    testsupport::writeWholeFile(dir.file("empty"), "");
    testsupport::writeWholeFile(dir.file("abc"), "abc");
    auto empty = digestFile(dir.file("empty"));
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->size, 0u);
    EXPECT_EQ(empty->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    auto abc = digestFile(dir.file("abc"));
    ASSERT_TRUE(abc);
    EXPECT_EQ(abc->size, 3u);
    EXPECT_EQ(abc->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(FileDigestTest, Sha256StreamsInPiecesAndStartsOverAfterADigest) {
    Sha256 sha;
    EXPECT_EQ(sha.hexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // FIPS 180-2's two-block message, fed in uneven pieces.
    const std::string message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha.update(message.data(), 5);
    sha.update(message.data() + 5, 0);
    sha.update(message.data() + 5, message.size() - 5);
    EXPECT_EQ(sha.hexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha.update("abc", 3);
    EXPECT_EQ(sha.hexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(FileDigestTest, LargeFileMatchesAOneShotDigest) {
    TempDir dir;
    // Not a multiple of the read block, so the last partial block counts too.
    std::string bytes = testsupport::randomBytes(3 * 64 * 1024 + 12345, 5);
    testsupport::writeWholeFile(dir.file("big"), bytes);
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes);
    auto digest = digestFile(dir.file("big"));
    ASSERT_TRUE(digest);
    EXPECT_EQ(digest->size, bytes.size());
    EXPECT_EQ(digest->sha256, Poco::DigestEngine::digestToHex(engine.digest()));
}

TEST(FileDigestTest, MissingFileOrDirectoryGivesNothing) {
    TempDir dir;
    EXPECT_FALSE(digestFile(dir.file("absent")));
    EXPECT_FALSE(digestFile(dir.path()));
}

TEST(FileOfferTest, TokenAndDigestFormats) {
    EXPECT_TRUE(isValidToken("0123456789abcdef0123456789abcdef"));
    EXPECT_FALSE(isValidToken("0123456789ABCDEF0123456789abcdef"));
    EXPECT_FALSE(isValidToken("0123456789abcdef"));
    EXPECT_TRUE(isValidSha256Hex(std::string(64, 'a')));
    EXPECT_FALSE(isValidSha256Hex(std::string(63, 'a')));
    EXPECT_FALSE(isValidSha256Hex(std::string(64, 'z')));
}

TEST(FileOfferTest, ProblemsAreNamed) {
    FileOffer offer{testsupport::tokenNumber(1), "yoda", "luke", "clip.mp4", 10,
                    std::string(64, 'a')};
    EXPECT_EQ(offerProblem(offer), "");
    FileOffer badToken = offer;
    badToken.token = "nope";
    EXPECT_NE(offerProblem(badToken).find("token"), std::string::npos);
    FileOffer badDigest = offer;
    badDigest.sha256 = "abc";
    EXPECT_NE(offerProblem(badDigest).find("SHA-256"), std::string::npos);
    FileOffer badName = offer;
    badName.fileName = "../..";
    EXPECT_NE(offerProblem(badName).find("file name"), std::string::npos);
}
