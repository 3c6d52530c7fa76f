// Whole transfers over real UDP sockets on loopback: files arrive byte-identical, through
// loss, duplication and reordering, several at a time, under safe names.

#include "p2p/transfer/Datagram.h"
#include "p2p/transfer/FileInbox.h"
#include "p2p/transfer/FileSender.h"
#include "p2p/transfer/TransferTestSupport.h"
#include "support/TempDir.h"

#include <Poco/File.h>

#include <gtest/gtest.h>

#include <atomic>
#include <future>

using namespace toom::p2p::transfer;
using namespace toom::p2p::transfer::testsupport;
using toom::test::TempDir;

TEST(LoopbackTransferTest, EightMebibytesArriveByteIdentical) {
    TempDir source;
    TempDir downloads;
    std::string bytes = randomBytes(8 * 1024 * 1024, 1);
    writeWholeFile(source.file("lecture.bin"), bytes);
    FileOffer offer = offerFor(source.file("lecture.bin"), "yoda", "lecture.bin", 1);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    UdpChannel socket(loopbackAny());
    FileSender sender(offer, source.file("lecture.bin"), audience.address(), socket,
                      patientSender());
    std::vector<TransferProgress> reports;
    sender.onProgress([&](const TransferProgress& progress) { reports.push_back(progress); });
    SendResult result = sender.run();

    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.bytes, bytes.size());
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    ASSERT_TRUE(outcome->received) << outcome->detail;
    EXPECT_EQ(outcome->detail, downloads.file("yoda_lecture.bin"));
    EXPECT_TRUE(readWholeFile(outcome->detail) == bytes);
    EXPECT_EQ(filesIn(downloads.path()), std::vector<std::string>{"yoda_lecture.bin"});
    EXPECT_EQ(audience.recorder().outcomeCount(offer.token), 1u);
    EXPECT_TRUE(audience.recorder().started(offer.token));

    ASSERT_FALSE(reports.empty());
    EXPECT_TRUE(reports.back().finished());
    for (std::size_t i = 1; i < reports.size(); ++i)
        EXPECT_GE(reports[i].bytesDone, reports[i - 1].bytesDone);
}

TEST(LoopbackTransferTest, SurvivesLossDuplicationAndReorderingBothWays) {
    TempDir source;
    TempDir downloads;
    std::string bytes = randomBytes(4 * 1024 * 1024 + 333, 2);
    writeWholeFile(source.file("clip.mp4"), bytes);
    FileOffer offer = offerFor(source.file("clip.mp4"), "hans", "clip.mp4", 2);
    // 10% dropped, 10% duplicated, 10% reordered, on each side, each way.
    LoopbackAudience audience(patientInbox(downloads.path()), LossSettings::uniform(10, 11));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    SendResult result = sendOverLoopback(offer, source.file("clip.mp4"), audience.address(),
                                         patientSender(), LossSettings::uniform(10, 12));

    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_GT(result.retransmissions, 0u);
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    ASSERT_TRUE(outcome->received) << outcome->detail;
    EXPECT_TRUE(readWholeFile(downloads.file("hans_clip.mp4")) == bytes);
    EXPECT_EQ(filesIn(downloads.path()), std::vector<std::string>{"hans_clip.mp4"});
}

TEST(LoopbackTransferTest, SeveralPairsAndTwoFilesFromOnePresenterAtOnce) {
    TempDir source;
    struct Planned {
        FileOffer offer;
        std::string path;
        std::string bytes;
        std::size_t audience;
    };
    std::vector<TempDir> downloads(3);
    std::vector<std::unique_ptr<LoopbackAudience>> audiences;
    for (auto& dir : downloads)
        audiences.push_back(std::make_unique<LoopbackAudience>(patientInbox(dir.path())));

    // Pairs: anakin->0, leia->1, luke->1, yoda->2 twice at once (same file name, different
    // contents: two transfers must not share their temporary file).
    std::vector<std::tuple<std::string, std::string, std::size_t>> plan = {{"anakin", "a.bin", 0},
                                                                           {"leia", "l.bin", 1},
                                                                           {"luke", "k.bin", 1},
                                                                           {"yoda", "y1.bin", 2},
                                                                           {"yoda", "y2.bin", 2}};
    std::vector<Planned> transfers;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        auto [presenter, local, audience] = plan[i];
        std::string bytes = randomBytes(1024 * 1024 + i * 1000, 100 + i);
        writeWholeFile(source.file(local), bytes);
        FileOffer offer = offerFor(source.file(local), presenter, local, 100 + i);
        if (local.rfind("y2", 0) == 0)
            offer.fileName = "y1.bin"; // announced under the same name as the first
        ASSERT_EQ(audiences[audience]->inbox().expect(offer), std::nullopt);
        transfers.push_back({offer, source.file(local), bytes, audience});
    }

    std::vector<std::future<SendResult>> results;
    for (const auto& t : transfers)
        results.push_back(std::async(std::launch::async, [&t, &audiences] {
            return sendOverLoopback(t.offer, t.path, audiences[t.audience]->address(),
                                    patientSender());
        }));
    for (std::size_t i = 0; i < transfers.size(); ++i) {
        SendResult result = results[i].get();
        EXPECT_TRUE(result.ok) << transfers[i].offer.presenter << ": " << result.error;
        auto outcome =
            audiences[transfers[i].audience]->recorder().waitFor(transfers[i].offer.token);
        ASSERT_TRUE(outcome);
        EXPECT_TRUE(outcome->received) << outcome->detail;
    }
    EXPECT_TRUE(readWholeFile(downloads[0].file("anakin_a.bin")) == transfers[0].bytes);
    EXPECT_TRUE(readWholeFile(downloads[1].file("leia_l.bin")) == transfers[1].bytes);
    EXPECT_TRUE(readWholeFile(downloads[1].file("luke_k.bin")) == transfers[2].bytes);
    // Both of yoda's files landed, whole, one under the name and the other (whichever
    // finished last) beside it: neither replaced the other.
    EXPECT_EQ(filesIn(downloads[2].path()),
              (std::vector<std::string>{"yoda_y1 (1).bin", "yoda_y1.bin"}));
    std::string first = readWholeFile(downloads[2].file("yoda_y1.bin"));
    std::string second = readWholeFile(downloads[2].file("yoda_y1 (1).bin"));
    EXPECT_TRUE((first == transfers[3].bytes && second == transfers[4].bytes) ||
                (first == transfers[4].bytes && second == transfers[3].bytes));
}

TEST(LoopbackTransferTest, TraversalNameLandsInsideTheDownloadDirectory) {
    TempDir source;
    TempDir root;
    std::string downloadDir = root.file("downloads/");
    std::string bytes = "root:x:0:0:root:/root:/bin/bash\n";
    writeWholeFile(source.file("passwd"), bytes);
    FileOffer offer = offerFor(source.file("passwd"), "yoda", "../../etc/passwd", 3);
    LoopbackAudience audience(patientInbox(downloadDir));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    SendResult result =
        sendOverLoopback(offer, source.file("passwd"), audience.address(), patientSender());

    ASSERT_TRUE(result.ok) << result.error;
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome && outcome->received);
    EXPECT_EQ(outcome->detail, root.file("downloads/yoda_passwd"));
    EXPECT_EQ(readWholeFile(root.file("downloads/yoda_passwd")), bytes);
    EXPECT_EQ(filesIn(root.path()), std::vector<std::string>{"downloads"});
}

TEST(LoopbackTransferTest, AnExistingFileIsKeptAndTheNewOneNumbered) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(downloads.file("yoda_notes.txt"), "old notes, much longer than the new ones");
    writeWholeFile(source.file("notes.txt"), "new notes");
    FileOffer offer = offerFor(source.file("notes.txt"), "yoda", "notes.txt", 4);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    SendResult result =
        sendOverLoopback(offer, source.file("notes.txt"), audience.address(), patientSender());

    ASSERT_TRUE(result.ok) << result.error;
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->received);
    EXPECT_EQ(outcome->detail, downloads.file("yoda_notes (1).txt"));
    EXPECT_EQ(readWholeFile(downloads.file("yoda_notes.txt")),
              "old notes, much longer than the new ones");
    EXPECT_EQ(readWholeFile(downloads.file("yoda_notes (1).txt")), "new notes");
}

TEST(LoopbackTransferTest, AnEmptyFileArrives) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("empty"), "");
    FileOffer offer = offerFor(source.file("empty"), "yoda", "empty", 5);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    SendResult result =
        sendOverLoopback(offer, source.file("empty"), audience.address(), patientSender());

    ASSERT_TRUE(result.ok) << result.error;
    auto outcome = audience.recorder().waitFor(offer.token);
    ASSERT_TRUE(outcome && outcome->received) << (outcome ? outcome->detail : "no outcome");
    EXPECT_TRUE(Poco::File(downloads.file("yoda_empty")).exists());
    EXPECT_EQ(readWholeFile(downloads.file("yoda_empty")), "");
}

TEST(LoopbackTransferTest, StartBeforeTheAnnouncementIsRepeatedUntilAccepted) {
    TempDir source;
    TempDir downloads;
    std::string bytes = randomBytes(100'000, 6);
    writeWholeFile(source.file("early.bin"), bytes);
    FileOffer offer = offerFor(source.file("early.bin"), "yoda", "early.bin", 6);
    LoopbackAudience audience(patientInbox(downloads.path()));

    UdpChannel socket(loopbackAny());
    CountingChannel counting(socket);
    SenderSettings settings = patientSender();
    settings.startRetry = std::chrono::milliseconds(20);
    FileSender sender(offer, source.file("early.bin"), audience.address(), counting, settings);
    auto result = std::async(std::launch::async, [&] { return sender.run(); });
    // Two STARTs went out while the audience did not know the offer: both were ignored.
    ASSERT_TRUE(counting.waitForSends(2, std::chrono::seconds(30)));
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);

    SendResult sent = result.get();
    ASSERT_TRUE(sent.ok) << sent.error;
    ASSERT_TRUE(audience.recorder().waitFor(offer.token));
    EXPECT_TRUE(readWholeFile(downloads.file("yoda_early.bin")) == bytes);
}

namespace {
/// Remembers the chunk size the presenter's START announced.
class StartRecorder final : public DatagramChannel {
public:
    explicit StartRecorder(DatagramChannel& inner)
        : _inner(inner) {}
    bool sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) override {
        if (auto datagram = decodeDatagram(bytes)) {
            if (const auto* start = std::get_if<StartMessage>(&datagram->body))
                chunkSize = start->chunkSize;
        }
        return _inner.sendTo(bytes, to);
    }
    std::optional<ReceivedDatagram> receiveFrom(char* buffer, std::size_t capacity,
                                                std::chrono::microseconds timeout) override {
        return _inner.receiveFrom(buffer, capacity, timeout);
    }
    void close() override { _inner.close(); }

    std::atomic<std::uint32_t> chunkSize{0};

private:
    DatagramChannel& _inner;
};

std::uint32_t chunkSizeOfATransfer(const SenderSettings& settings, std::uint64_t token) {
    TempDir source;
    TempDir downloads;
    const std::string bytes = randomBytes(200'000, static_cast<unsigned>(token));
    writeWholeFile(source.file("c.bin"), bytes);
    FileOffer offer = offerFor(source.file("c.bin"), "yoda", "c.bin", token);
    LoopbackAudience audience(patientInbox(downloads.path()));
    EXPECT_EQ(audience.inbox().expect(offer), std::nullopt);
    UdpChannel socket(loopbackAny());
    StartRecorder recorder(socket);
    FileSender sender(offer, source.file("c.bin"), audience.address(), recorder, settings);
    SendResult sent = sender.run();
    EXPECT_TRUE(sent.ok) << sent.error;
    EXPECT_TRUE(audience.recorder().waitFor(offer.token));
    EXPECT_TRUE(readWholeFile(downloads.file("yoda_c.bin")) == bytes);
    return recorder.chunkSize.load();
}
} // namespace

// To an audience on this machine the presenter cuts bigger chunks (loopback has a 64 KiB MTU);
// with loopbackChunkSize 0 it keeps the network size.
TEST(LoopbackTransferTest, AnAudienceOnThisMachineGetsLoopbackSizedChunks) {
    SenderSettings settings = patientSender();
    EXPECT_EQ(chunkSizeOfATransfer(settings, 41), settings.loopbackChunkSize);
    settings.loopbackChunkSize = 0;
    EXPECT_EQ(chunkSizeOfATransfer(settings, 42), settings.chunkSize);
}

TEST(LoopbackTransferTest, ADeclinedOfferIsRefusedToItsPresenterAtOnce) {
    TempDir source;
    TempDir downloads;
    writeWholeFile(source.file("notes.txt"), "unwanted");
    FileOffer offer = offerFor(source.file("notes.txt"), "yoda", "notes.txt", 40);
    LoopbackAudience audience(patientInbox(downloads.path()));
    audience.inbox().decline(offer, "obiwan declined the file");
    EXPECT_EQ(audience.inbox().incomingCount(), 0u);

    const auto started = std::chrono::steady_clock::now();
    SendResult result =
        sendOverLoopback(offer, source.file("notes.txt"), audience.address(), patientSender());
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("obiwan declined the file"), std::string::npos) << result.error;
    // Told by the audience's ABORT, not left to time out.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
    EXPECT_TRUE(filesIn(downloads.path()).empty());
    // Declined stays declined: the same offer cannot be accepted afterwards.
    EXPECT_NE(audience.inbox().expect(offer), std::nullopt);
}
