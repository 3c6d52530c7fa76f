// UPD / /p2pvideo / SENDFILE: the server checks the audience, mints a token and announces the
// offer; the file itself never passes the server.

#include "commands/peer/SendFileCommand.h"

#include "commands/peer/PeerCommandFixture.h"
#include "common/Protocol.h"

namespace toom::test {
namespace {

using ::testing::_;
using ::testing::Return;

const std::string kDigest(64, 'a');

class SendFileCommandTest : public PeerCommandTest {};

TEST_F(SendFileCommandTest, OfferGoesToTheAudienceWithTheTokenAndTheReplySaysWhereToSend) {
    Reply reply = h.run("UPD obiwan lecture1.mp4 1048576 " + kDigest);
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.verb(), "SENDFILE");
    EXPECT_EQ(reply.final().field("to"), "obiwan");
    EXPECT_EQ(reply.final().field("address"), "10.0.0.2");
    EXPECT_EQ(reply.final().field("udp_port"), "8002");
    EXPECT_EQ(reply.final().field("file"), "lecture1.mp4");
    EXPECT_EQ(reply.final().field("size"), "1048576");
    EXPECT_EQ(reply.final().field("token"), kToken);

    ServerLine offer = onlyEventTo("obiwan");
    EXPECT_EQ(offer.verb(), ev::kFileOffer);
    EXPECT_EQ(offer.field("from"), "yoda");
    EXPECT_EQ(offer.field("file"), "lecture1.mp4");
    EXPECT_EQ(offer.field("size"), "1048576");
    EXPECT_EQ(offer.field("sha256"), kDigest);
    EXPECT_EQ(offer.field("token"), kToken);
    EXPECT_EQ(offer.field("address"), "127.0.0.1");
    EXPECT_EQ(offer.text(), "yoda is sending you lecture1.mp4 (1.0 MiB)");
}

TEST_F(SendFileCommandTest, EverySeedSpellingWorks) {
    for (const char* verb : {"UPD", "/p2pvideo", "SENDFILE", "sendfile"}) {
        Reply reply = h.run(std::string(verb) + " obiwan a.mp4 10 " + kDigest);
        EXPECT_FALSE(reply.failed()) << verb << ": " << reply.wire();
    }
}

TEST_F(SendFileCommandTest, DigestIsNormalisedToLowerCase) {
    h.run("UPD obiwan a.mp4 10 " + std::string(64, 'F'));
    EXPECT_EQ(onlyEventTo("obiwan").field("sha256"), std::string(64, 'f'));
}

TEST_F(SendFileCommandTest, NoArgumentsIsAUsageError) {
    EXPECT_EQ(h.run("UPD").final().code(), err::kBadArguments);
    EXPECT_EQ(h.run("UPD obiwan").final().code(), err::kBadArguments);
    EXPECT_TRUE(sent.empty());
}

TEST_F(SendFileCommandTest, OfflineAudienceInTheSeedWording) {
    Reply reply = h.run("UPD leia a.mp4 10 " + kDigest);
    EXPECT_EQ(reply.final().code(), err::kUserOffline);
    EXPECT_EQ(reply.final().text(), "leia is offline");
}

TEST_F(SendFileCommandTest, OfflineIsCheckedBeforeTheClientOnlyDetails) {
    // Typed by hand (no size or digest) to an offline user: the seeds' error comes first.
    EXPECT_EQ(h.run("UPD leia a.mp4").final().code(), err::kUserOffline);
}

TEST_F(SendFileCommandTest, UnknownAudienceAndYourself) {
    EXPECT_EQ(h.run("UPD nobody a.mp4 10 " + kDigest).final().code(), err::kUnknownUser);
    EXPECT_EQ(h.run("UPD yoda a.mp4 10 " + kDigest).final().code(), err::kSelf);
    EXPECT_TRUE(sent.empty());
}

TEST_F(SendFileCommandTest, AudienceThatBlockedThePresenterRefusesWithoutAnOffer) {
    ON_CALL(h.blocks, isBlocking("obiwan", "yoda")).WillByDefault(Return(true));
    EXPECT_CALL(h.peers, newToken()).Times(0);
    Reply reply = h.run("UPD obiwan a.mp4 10 " + kDigest);
    EXPECT_EQ(reply.final().code(), err::kBlocked);
    EXPECT_TRUE(sent.empty());
}

TEST_F(SendFileCommandTest, PresenterHavingBlockedTheAudienceMaySendAnyway) {
    ON_CALL(h.blocks, isBlocking("yoda", "obiwan")).WillByDefault(Return(true));
    EXPECT_FALSE(h.run("UPD obiwan a.mp4 10 " + kDigest).failed());
}

TEST_F(SendFileCommandTest, AudienceWithoutAUdpPortCannotReceive) {
    Reply reply = h.run("UPD hans a.mp4 10 " + kDigest);
    EXPECT_EQ(reply.final().code(), err::kNoPeerPort);
    EXPECT_TRUE(sent.empty());
}

TEST_F(SendFileCommandTest, TypedByHandWithoutSizeAndDigestNeedsTheClient) {
    Reply reply = h.run("UPD obiwan a.mp4");
    EXPECT_EQ(reply.final().code(), err::kNeedsClient);
    EXPECT_TRUE(sent.empty());
}

TEST_F(SendFileCommandTest, FileNamesWithDirectoriesAreRefused) {
    for (const char* name : {"../a.mp4", "dir/a.mp4", "..", ".", "a\\b"}) {
        Reply reply = h.run("UPD obiwan " + std::string(name) + " 10 " + kDigest);
        EXPECT_EQ(reply.final().code(), err::kInvalidArgument) << name;
    }
    EXPECT_TRUE(sent.empty());
}

TEST_F(SendFileCommandTest, BadSizeOrDigestIsInvalid) {
    EXPECT_EQ(h.run("UPD obiwan a 10x " + kDigest).final().field("argument"), "size");
    EXPECT_EQ(h.run("UPD obiwan a -1 " + kDigest).final().field("argument"), "size");
    EXPECT_EQ(h.run("UPD obiwan a 10 abc").final().field("argument"), "sha256");
    EXPECT_EQ(h.run("UPD obiwan a 10 " + std::string(64, 'g')).final().field("argument"), "sha256");
    EXPECT_TRUE(sent.empty());
}

TEST_F(SendFileCommandTest, FileOverTheServersCapIsRefused) {
    h.settings.maxFileOfferBytes = 1000;
    EXPECT_FALSE(h.run("UPD obiwan a 1000 " + kDigest).failed());
    Reply reply = h.run("UPD obiwan a 1001 " + kDigest);
    EXPECT_EQ(reply.final().code(), err::kFileTooLarge);
    EXPECT_EQ(reply.final().field("max_bytes"), "1000");
}

TEST_F(SendFileCommandTest, AudienceLeavingAtThatMomentIsOffline) {
    offline.insert("obiwan");
    EXPECT_EQ(h.run("UPD obiwan a 10 " + kDigest).final().code(), err::kUserOffline);
}

TEST_F(SendFileCommandTest, EachOfferGetsAFreshToken) {
    EXPECT_CALL(h.peers, newToken()).WillOnce(Return("t1")).WillOnce(Return("t2"));
    EXPECT_EQ(h.run("UPD obiwan a 1 " + kDigest).final().field("token"), "t1");
    EXPECT_EQ(h.run("UPD obiwan a 1 " + kDigest).final().field("token"), "t2");
}

TEST(PlainFileNameTest, AcceptsNamesAndRefusesPaths) {
    EXPECT_TRUE(isPlainFileName("lecture1.mp4"));
    EXPECT_TRUE(isPlainFileName(".hidden"));
    EXPECT_TRUE(isPlainFileName("naïve.txt"));
    EXPECT_FALSE(isPlainFileName(""));
    EXPECT_FALSE(isPlainFileName(std::string(256, 'a')));
    EXPECT_FALSE(isPlainFileName("a\tb"));
    EXPECT_FALSE(isPlainFileName("/etc/passwd"));
}

} // namespace
} // namespace toom::test
