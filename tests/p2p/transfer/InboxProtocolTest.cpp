// The audience's side of the protocol, driven datagram by datagram from a hand-made presenter:
// flow control, the address a transfer is bound to, answers after the end, and a presenter
// that keeps talking without making progress.

#include "p2p/transfer/Datagram.h"
#include "p2p/transfer/FileInbox.h"
#include "p2p/transfer/TransferTestSupport.h"
#include "support/TempDir.h"

#include <Poco/Net/DatagramSocket.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom::p2p::transfer;
using namespace toom::p2p::transfer::testsupport;
using ::testing::HasSubstr;
using toom::test::TempDir;

namespace {

/// A presenter played by the test: it sends what it is told and reads the answers.
class ScriptedPresenter {
public:
    ScriptedPresenter(const FileOffer& offer, Poco::Net::SocketAddress audience)
        : _socket(loopbackAny())
        , _audience(std::move(audience))
        , _token(*parseToken(offer.token))
        , _offer(offer)
        , _buffer(kMaxDatagramBytes) {}

    void send(DatagramBody body) {
        _socket.sendTo(encodeDatagram({_token, std::move(body)}), _audience);
    }

    void sendStart(std::uint32_t chunkSize = 1200) {
        send(StartMessage{chunkSize, _offer.size, *parseSha256Hex(_offer.sha256), _offer.fileName});
    }

    /// The next datagram of this transfer, waiting up to `timeout`.
    std::optional<Datagram> next(std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto left = std::chrono::duration_cast<std::chrono::microseconds>(
                deadline - std::chrono::steady_clock::now());
            auto got = _socket.receiveFrom(_buffer.data(), _buffer.size(), left);
            if (!got)
                continue;
            auto datagram = decodeDatagram(std::string_view(_buffer.data(), got->size));
            if (datagram && datagram->token == _token)
                return datagram;
        }
        return std::nullopt;
    }

    /// The next datagram of type `type`, skipping others.
    std::optional<Datagram> nextOf(DatagramType type) {
        for (int i = 0; i < 1000; ++i) {
            auto datagram = next();
            if (!datagram || datagram->type() == type)
                return datagram;
        }
        return std::nullopt;
    }

private:
    UdpChannel _socket;
    Poco::Net::SocketAddress _audience;
    TransferToken _token;
    FileOffer _offer;
    std::vector<char> _buffer;
};

/// A one-chunk file and its offer.
struct SmallFile {
    std::string bytes;
    FileOffer offer;
};

SmallFile smallFileIn(const TempDir& dir, std::uint64_t tokenSeed) {
    SmallFile file{randomBytes(1000, tokenSeed), {}};
    writeWholeFile(dir.file("small.bin"), file.bytes);
    file.offer = offerFor(dir.file("small.bin"), "yoda", "small.bin", tokenSeed);
    return file;
}

} // namespace

TEST(InboxProtocolTest, StartAckAdvertisesWhatTheSocketCanHold) {
    TempDir source;
    TempDir downloads;
    SmallFile file = smallFileIn(source, 41);
    // A socket with a tiny receive buffer: the least window.
    Poco::Net::DatagramSocket tiny(loopbackAny());
    tiny.setReceiveBufferSize(4096);
    UdpChannel tinyChannel(tiny);
    tiny.setReceiveBufferSize(4096); // the channel asks for more; undo that for this test
    FileInbox small(tinyChannel, patientInbox(downloads.path()));
    ASSERT_EQ(small.expect(file.offer), std::nullopt);
    small.start();
    ScriptedPresenter toSmall(file.offer, tiny.address());
    toSmall.sendStart();
    auto accepted = toSmall.nextOf(DatagramType::StartAck);
    ASSERT_TRUE(accepted);
    EXPECT_EQ(std::get<StartAckMessage>(accepted->body).window, 8u);
    small.stop();

    // An ordinary socket holds many more.
    LoopbackAudience audience(patientInbox(downloads.path()));
    file.offer.token = tokenNumber(42);
    ASSERT_EQ(audience.inbox().expect(file.offer), std::nullopt);
    ScriptedPresenter presenter(file.offer, audience.address());
    presenter.sendStart();
    accepted = presenter.nextOf(DatagramType::StartAck);
    ASSERT_TRUE(accepted);
    EXPECT_GT(std::get<StartAckMessage>(accepted->body).window, 8u);
}

TEST(InboxProtocolTest, ARepeatedStartIsAnsweredAgain) {
    TempDir source;
    TempDir downloads;
    SmallFile file = smallFileIn(source, 43);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(file.offer), std::nullopt);
    ScriptedPresenter presenter(file.offer, audience.address());
    presenter.sendStart();
    ASSERT_TRUE(presenter.nextOf(DatagramType::StartAck));
    presenter.sendStart(); // as if the first START_ACK had been lost
    ASSERT_TRUE(presenter.nextOf(DatagramType::StartAck));
    presenter.send(DataMessage{0, 7, file.bytes});
    EXPECT_TRUE(presenter.nextOf(DatagramType::Done));
    auto outcome = audience.recorder().waitFor(file.offer.token);
    ASSERT_TRUE(outcome && outcome->received);
    EXPECT_EQ(readWholeFile(downloads.file("yoda_small.bin")), file.bytes);
}

TEST(InboxProtocolTest, ATransferBelongsToTheAddressItsStartCameFrom) {
    TempDir source;
    TempDir downloads;
    SmallFile file = smallFileIn(source, 44);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(file.offer), std::nullopt);
    ScriptedPresenter presenter(file.offer, audience.address());
    ScriptedPresenter intruder(file.offer, audience.address()); // same token, another port
    presenter.sendStart();
    ASSERT_TRUE(presenter.nextOf(DatagramType::StartAck));

    std::string forged(file.bytes.size(), 'X');
    intruder.send(DataMessage{0, 1, forged});
    intruder.sendStart();
    EXPECT_FALSE(intruder.next(std::chrono::milliseconds(300))); // no answer at all
    presenter.send(DataMessage{0, 2, file.bytes});
    EXPECT_TRUE(presenter.nextOf(DatagramType::Done));
    ASSERT_TRUE(audience.recorder().waitFor(file.offer.token));
    EXPECT_EQ(readWholeFile(downloads.file("yoda_small.bin")), file.bytes);
}

TEST(InboxProtocolTest, AfterTheEndFinAndDataAreAnsweredWithTheVerdict) {
    TempDir source;
    TempDir downloads;
    SmallFile file = smallFileIn(source, 45);
    LoopbackAudience audience(patientInbox(downloads.path()));
    ASSERT_EQ(audience.inbox().expect(file.offer), std::nullopt);
    ScriptedPresenter presenter(file.offer, audience.address());
    presenter.sendStart();
    ASSERT_TRUE(presenter.nextOf(DatagramType::StartAck));
    presenter.send(DataMessage{0, 2, file.bytes});
    ASSERT_TRUE(presenter.nextOf(DatagramType::Done));
    // The DONE was lost, as far as the presenter knows: it asks again.
    presenter.send(FinMessage{});
    EXPECT_TRUE(presenter.nextOf(DatagramType::Done));
    EXPECT_EQ(audience.recorder().outcomeCount(file.offer.token), 1u);
}

TEST(InboxProtocolTest, AudienceGivesUpOnAPresenterThatMakesNoProgress) {
    TempDir source;
    TempDir downloads;
    std::string bytes = randomBytes(5000, 46);
    writeWholeFile(source.file("f.bin"), bytes);
    FileOffer offer = offerFor(source.file("f.bin"), "yoda", "f.bin", 46);
    InboxSettings settings = patientInbox(downloads.path());
    settings.idleTimeout = std::chrono::milliseconds(500);
    LoopbackAudience audience(settings);
    ASSERT_EQ(audience.inbox().expect(offer), std::nullopt);
    ScriptedPresenter presenter(offer, audience.address());
    presenter.sendStart();
    ASSERT_TRUE(presenter.nextOf(DatagramType::StartAck));

    // Chunk 0 over and over: traffic, but never anything new.
    std::optional<InboxOutcome> outcome;
    for (int i = 0; i < 3000 && !outcome; ++i) {
        presenter.send(
            DataMessage{0, static_cast<std::uint32_t>(i), std::string_view(bytes).substr(0, 1200)});
        outcome = audience.recorder().waitFor(offer.token, std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->received);
    EXPECT_THAT(outcome->detail, HasSubstr("no new data from the presenter"));
    EXPECT_TRUE(filesIn(downloads.path()).empty());
    EXPECT_TRUE(presenter.nextOf(DatagramType::Abort));
}
