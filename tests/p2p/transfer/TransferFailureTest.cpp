// Transfers that cannot finish end cleanly on both sides, with a reason, and leave no file
// under the final name and no temporary file behind.

#include "p2p/transfer/FileInbox.h"
#include "p2p/transfer/FileSender.h"
#include "p2p/transfer/TransferTestSupport.h"
#include "support/TempDir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>

using namespace toom::p2p::transfer;
using namespace toom::p2p::transfer::testsupport;
using ::testing::HasSubstr;
using toom::test::TempDir;

namespace {

/// Inbox settings for failure tests: the audience gives up quickly.
InboxSettings hastyInboxIn(const std::string& directory) {
    InboxSettings settings = patientInbox(directory);
    settings.idleTimeout = std::chrono::milliseconds(800);
    return settings;
}

} // namespace

TEST(TransferFailureTest, PresenterFailsWhenTheAudienceNeverAnswers) {
    TempDir source;
    writeWholeFile(source.file("f.bin"), randomBytes(10'000, 1));
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 21);
    UdpChannel silent(loopbackAny()); // bound, never read

    SendResult result =
        sendOverLoopback(offer, source.file("f.bin"), silent.localAddress(), hastySender());

    EXPECT_FALSE(result.ok);
    EXPECT_THAT(result.error, HasSubstr("did not answer"));
    EXPECT_EQ(result.bytes, 0u);
}

TEST(TransferFailureTest, PresenterFailsWhenTheAudienceVanishesMidTransfer) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("f.bin"), randomBytes(4 * 1024 * 1024, 2));
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 22);
    // The audience answers START and a few ACKs, then is gone.
    LoopbackAudience audience(hastyInboxIn(downloads.path()), std::nullopt, 20);
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    SendResult result =
        sendOverLoopback(offer, source.file("f.bin"), audience.address(), hastySender());

    EXPECT_FALSE(result.ok);
    EXPECT_THAT(result.error, ::testing::AnyOf(HasSubstr("no answer from the audience"),
                                               HasSubstr("stopped acknowledging")));
    EXPECT_LT(result.bytes, 4u * 1024 * 1024);
    // The audience, hearing nothing either, gives up too and keeps nothing.
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_TRUE(filesIn(downloads.path()).empty());
}

TEST(TransferFailureTest, AudienceFailsWhenThePresenterVanishesMidTransfer) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("f.bin"), randomBytes(4 * 1024 * 1024, 3));
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 23);
    LoopbackAudience audience(hastyInboxIn(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    UdpChannel socket(loopbackAny());
    VanishingChannel vanishing(socket, 500); // START and some DATA, then nothing, not even ABORT
    SenderSettings settings = hastySender();
    settings.loopbackChunkSize = 0; // 1200-byte chunks: 500 datagrams are an eighth of the file.
    FileSender sender(offer, source.file("f.bin"), audience.address(), vanishing, settings);
    SendResult result = sender.run();
    EXPECT_FALSE(result.ok);

    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_THAT(outcome->detail, HasSubstr("no new data from the presenter"));
    // No file under the final name, and the temporary file is gone too.
    EXPECT_TRUE(filesIn(downloads.path()).empty());
}

TEST(TransferFailureTest, OfferOverTheSizeCapIsRefusedOnBothSides) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("big.bin"), randomBytes(5000, 4));
    FileOffer offer = offerFor(source.file("big.bin"), "yoda", "big.bin", 24);
    InboxSettings settings = patientInbox(downloads.path());
    settings.maxFileSize = 4096;
    LoopbackAudience audience(settings);

    auto refusal = audience.inbox().expect(offer);
    ASSERT_TRUE(refusal);
    EXPECT_THAT(*refusal, HasSubstr("too large"));

    // The presenter is told why at its first START, long before its own timeout.
    SenderSettings patient = patientSender();
    SendResult result =
        sendOverLoopback(offer, source.file("big.bin"), audience.address(), patient);
    EXPECT_FALSE(result.ok);
    EXPECT_THAT(result.error, HasSubstr("too large"));
    EXPECT_TRUE(filesIn(downloads.path()).empty());
    EXPECT_EQ(audience.inbox().incomingCount(), 0u);
}

TEST(TransferFailureTest, DigestMismatchKeepsNoFileAndTellsThePresenter) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("real.bin"), randomBytes(300'000, 5));
    writeWholeFile(source.file("claimed.bin"), randomBytes(300'000, 6));
    // The presenter announces the digest of another file of the same size.
    FileOffer offer = offerFor(source.file("claimed.bin"), "yoda", "real.bin", 25);
    writeWholeFile(downloads.file("yoda_real.bin"), "an older file of that name");
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    SendResult result =
        sendOverLoopback(offer, source.file("real.bin"), audience.address(), patientSender());

    EXPECT_FALSE(result.ok);
    EXPECT_THAT(result.error, HasSubstr("digest mismatch"));
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_THAT(outcome->detail, HasSubstr("digest mismatch"));
    // The older file is untouched and no temporary file is left.
    EXPECT_EQ(filesIn(downloads.path()), std::vector<std::string>{"yoda_real.bin"});
    EXPECT_EQ(readWholeFile(downloads.file("yoda_real.bin")), "an older file of that name");
}

TEST(TransferFailureTest, StartThatDoesNotMatchTheOfferIsRefused) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("f.bin"), randomBytes(2000, 7));
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 26);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);
    FileOffer other = offer;
    other.fileName = "something-else.bin";

    SendResult result =
        sendOverLoopback(other, source.file("f.bin"), audience.address(), patientSender());

    EXPECT_FALSE(result.ok);
    EXPECT_THAT(result.error, HasSubstr("does not match the offer"));
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_TRUE(filesIn(downloads.path()).empty());
}

TEST(TransferFailureTest, PresenterCancelEndsBothSides) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("f.bin"), randomBytes(8 * 1024 * 1024, 8));
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 27);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    UdpChannel socket(loopbackAny());
    FileSender sender(offer, source.file("f.bin"), audience.address(), socket, patientSender());
    // Cancel at the first progress report, from the sender's own thread (cancel() is only a
    // flag, so any thread will do).
    sender.onProgress([&](const TransferProgress& progress) {
        if (!progress.finished())
            sender.cancel();
    });
    SendResult result = sender.run();

    if (result.ok)
        GTEST_SKIP() << "the whole file went before the first progress report";
    EXPECT_THAT(result.error, HasSubstr("cancelled by the presenter"));
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_THAT(outcome->detail, HasSubstr("cancelled by the presenter"));
    EXPECT_TRUE(filesIn(downloads.path()).empty());
}

TEST(TransferFailureTest, AudienceCancelStopsThePresenter) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("f.bin"), randomBytes(8 * 1024 * 1024, 9));
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 28);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    UdpChannel socket(loopbackAny());
    FileSender sender(offer, source.file("f.bin"), audience.address(), socket, patientSender());
    sender.onProgress([&](const TransferProgress&) {
        audience.inbox().cancel(offer.token, "not interested after all");
    });
    SendResult result = sender.run();

    if (result.ok)
        GTEST_SKIP() << "the whole file went before the cancellation took effect";
    EXPECT_THAT(result.error, HasSubstr("not interested after all"));
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_TRUE(filesIn(downloads.path()).empty());
}

TEST(TransferFailureTest, OfferNeverStartedExpiresAndALateStartIsTold) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("f.bin"), "late");
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 29);
    InboxSettings settings = patientInbox(downloads.path());
    settings.offerLifetime = std::chrono::milliseconds(100);
    LoopbackAudience audience(settings);
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_THAT(outcome->detail, HasSubstr("did not start"));
    EXPECT_EQ(audience.inbox().incomingCount(), 0u);

    SendResult result =
        sendOverLoopback(offer, source.file("f.bin"), audience.address(), patientSender());
    EXPECT_FALSE(result.ok);
    EXPECT_THAT(result.error, HasSubstr("did not start"));
}

TEST(TransferFailureTest, IncomingOffersAreBounded) {
    TempDir downloads;
    InboxSettings settings = patientInbox(downloads.path());
    settings.maxIncoming = 2;
    LoopbackAudience audience(settings);
    FileOffer offer{tokenNumber(30), "yoda", "me", "a.bin", 10, std::string(64, 'a')};
    EXPECT_EQ(audience.inbox().expect(offer), std::nullopt);
    EXPECT_THAT(audience.inbox().expect(offer).value_or(""), HasSubstr("already announced"));
    offer.token = tokenNumber(31);
    EXPECT_EQ(audience.inbox().expect(offer), std::nullopt);
    offer.token = tokenNumber(32);
    EXPECT_THAT(audience.inbox().expect(offer).value_or(""), HasSubstr("too many"));
    offer.token = "not a token";
    EXPECT_THAT(audience.inbox().expect(offer).value_or(""), HasSubstr("token"));
    EXPECT_EQ(audience.inbox().incomingCount(), 2u);
}

TEST(TransferFailureTest, StoppingTheInboxFailsWhatIsPending) {
    TempDir downloads;
    LoopbackAudience audience(patientInbox(downloads.path()));
    FileOffer offer{tokenNumber(33), "yoda", "me", "a.bin", 10, std::string(64, 'a')};
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);
    audience.inbox().stop();
    auto outcome = audience.recorder().waitFor(offer.token, std::chrono::milliseconds(0));
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_THAT(outcome->detail, HasSubstr("stopped receiving"));
}

TEST(TransferFailureTest, GarbageOnTheInboxPortIsIgnored) {
    TempDir source;
    TempDir downloads;
    std::string bytes = randomBytes(200'000, 10);
    writeWholeFile(source.file("f.bin"), bytes);
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 34);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    // Random bytes, and well-formed datagrams with an unknown token, before the real sender.
    UdpChannel noise(loopbackAny());
    for (int i = 0; i < 200; ++i)
        noise.sendTo(randomBytes(static_cast<std::size_t>(i * 7 % 1500), 1000 + i),
                     audience.address());
    TransferToken stranger = *parseToken(tokenNumber(999));
    noise.sendTo(encodeDatagram({stranger, StartMessage{1200, 5, {}, "x"}}), audience.address());
    noise.sendTo(encodeDatagram({stranger, DataMessage{0, 0, "hello"}}), audience.address());

    SendResult result =
        sendOverLoopback(offer, source.file("f.bin"), audience.address(), patientSender());
    ASSERT_TRUE(result.ok) << result.error;
    ASSERT_TRUE(audience.recorder().waitFor(offer.token));
    EXPECT_TRUE(readWholeFile(downloads.file("yoda_f.bin")) == bytes);
}
