// The presenter's window and loss detection, the round-trip estimator, and the audience's
// chunk bitmap: pure logic over given times.

#include "p2p/transfer/SendWindow.h"

#include "p2p/transfer/ChunkBitmap.h"
#include "p2p/transfer/RttEstimator.h"

#include <gtest/gtest.h>

using namespace toom::p2p::transfer;
using namespace std::chrono_literals;

namespace {

/// Sends every chunk the window allows at `now`, returning their numbers.
std::vector<std::uint32_t> sendAllowed(SendWindow& window, TimePoint now) {
    std::vector<std::uint32_t> sent;
    while (window.canSendNew())
        sent.push_back(window.takeNew(now));
    return sent;
}

std::vector<std::uint32_t> drainLost(SendWindow& window, TimePoint now) {
    std::vector<std::uint32_t> lost;
    while (auto seq = window.takeLost(now))
        lost.push_back(*seq);
    return lost;
}

} // namespace

TEST(SendWindowTest, WindowLimitsChunksInFlight) {
    TimePoint t0{};
    SendWindow window(100, 8);
    EXPECT_EQ(sendAllowed(window, t0).size(), 8u);
    EXPECT_FALSE(window.canSendNew());
    window.onAck(AckMessage{3, 0, {}}, t0, 1ms);
    EXPECT_EQ(window.base(), 3u);
    EXPECT_EQ(sendAllowed(window, t0), (std::vector<std::uint32_t>{8, 9, 10}));
    EXPECT_EQ(window.inFlight(), 8u);
}

TEST(SendWindowTest, TheAudiencesWindowChangesTheLimit) {
    TimePoint t0{};
    SendWindow window(100, 8);
    window.setInFlightLimit(3);
    EXPECT_EQ(sendAllowed(window, t0).size(), 3u);
    window.setInFlightLimit(5);
    EXPECT_EQ(sendAllowed(window, t0).size(), 2u);
    window.setInFlightLimit(1); // fewer than in flight: nothing new until they are done
    window.onAck(AckMessage{4, 0, {}}, t0, 1ms);
    EXPECT_FALSE(window.canSendNew());
    window.onAck(AckMessage{5, 0, {}}, t0, 1ms);
    EXPECT_EQ(sendAllowed(window, t0), (std::vector<std::uint32_t>{5}));
}

TEST(SendWindowTest, SelectiveAcksAcrossTheRingsEnd) {
    TimePoint t0{};
    SendWindow window(10'000, kMaxWindowChunks);
    // Move the base to just before a multiple of the ring's length.
    for (std::uint32_t i = 0; i < 2040; ++i)
        window.takeNew(t0);
    window.onAck(AckMessage{2040, 0, {}}, t0, 0ms);
    sendAllowed(window, t0);
    // Chunk 2040 missing; SACK bytes cover 2041..2056, across ring position 2048.
    EXPECT_EQ(window.onAck(AckMessage{2040, 0, {0xFF, 0xFF}}, t0, 0ms), 16u);
    for (std::uint32_t seq = 2041; seq <= 2056; ++seq)
        EXPECT_TRUE(window.acked(seq)) << seq;
    EXPECT_FALSE(window.acked(2040));
    EXPECT_FALSE(window.acked(2057));
    // The same SACK again acknowledges nothing new.
    EXPECT_EQ(window.onAck(AckMessage{2040, 0, {0xFF, 0xFF}}, t0, 0ms), 0u);
}

TEST(SendWindowTest, AHoleAtTheBaseDoesNotStopNewChunks) {
    TimePoint t0{};
    SendWindow window(100'000, 4);
    sendAllowed(window, t0);
    // Chunk 0 is lost and stays lost; everything after it keeps arriving.
    for (std::uint32_t round = 0; round < 1000; ++round) {
        std::uint32_t newest = window.nextNew() - 1;
        AckMessage ack{0, 0, std::vector<std::uint8_t>((newest + 7) / 8, 0xFF)};
        window.onAck(ack, t0, 0ms);
        sendAllowed(window, t0);
    }
    EXPECT_EQ(window.base(), 0u);
    // It ran ahead until the span the SACK can describe was used up.
    EXPECT_EQ(window.nextNew(), kMaxWindowChunks);
    EXPECT_FALSE(window.canSendNew());
    EXPECT_EQ(window.inFlight(), 1u);
}

TEST(SendWindowTest, LostChunksLeaveTheFlightUntilResent) {
    TimePoint t0{};
    SendWindow window(10, 4);
    for (int i = 0; i < 4; ++i)
        window.takeNew(t0 + std::chrono::milliseconds(i));
    window.onAck(AckMessage{0, 0, {0x04}}, t0 + 3ms, 0ms); // 3 arrived; 0, 1, 2 lost
    EXPECT_EQ(window.inFlight(), 0u);
    EXPECT_TRUE(window.canSendNew());
    EXPECT_EQ(drainLost(window, t0 + 4ms).size(), 3u);
    EXPECT_EQ(window.inFlight(), 3u);
}

TEST(SendWindowTest, SelectiveAcksAreCountedAndTheBaseWaitsForTheHole) {
    TimePoint t0{};
    SendWindow window(20, 16);
    sendAllowed(window, t0);
    // Chunk 0 missing; 1, 2 and 4 arrived: bits 0, 1, 3 relative to cumulative + 1.
    EXPECT_EQ(window.onAck(AckMessage{0, 0, {0x0B}}, t0, 1ms), 3u);
    EXPECT_EQ(window.base(), 0u);
    EXPECT_TRUE(window.acked(4));
    EXPECT_FALSE(window.acked(3));
    // Chunk 0 arrives: the base moves up to the next hole (3), 4 stays acknowledged.
    EXPECT_EQ(window.onAck(AckMessage{3, 0, {0x01}}, t0, 1ms), 1u);
    EXPECT_EQ(window.base(), 3u);
    EXPECT_EQ(window.ackedChunks(), 4u);
    // The last hole fills: the base jumps over what was selectively acknowledged.
    EXPECT_EQ(window.onAck(AckMessage{5, 0, {}}, t0, 1ms), 1u);
    EXPECT_EQ(window.base(), 5u);
    EXPECT_EQ(window.ackedChunks(), 5u);
}

TEST(SendWindowTest, ChunksSentBeforeWhatArrivedAreLost) {
    TimePoint t0{};
    SendWindow window(10, 10);
    for (int i = 0; i < 10; ++i)
        window.takeNew(t0 + std::chrono::milliseconds(i));
    // Chunk 5 (sent at 5 ms) arrived, with 0..4 missing: those were sent more than the 2 ms
    // allowance before it, except 4 and 3 (sent 1 and 2 ms before: perhaps just reordered).
    window.onAck(AckMessage{0, 0, {0x10}}, t0 + 5ms, 2ms);
    EXPECT_EQ(drainLost(window, t0 + 6ms), (std::vector<std::uint32_t>{0, 1, 2}));
    // Nothing is reported lost twice while its retransmission is on its way.
    window.onAck(AckMessage{0, 0, {0x10}}, t0 + 5ms, 2ms);
    EXPECT_TRUE(drainLost(window, t0 + 6ms).empty());
}

TEST(SendWindowTest, ALostRetransmissionIsDetectedAgain) {
    TimePoint t0{};
    SendWindow window(10, 8);
    for (int i = 0; i < 4; ++i)
        window.takeNew(t0 + std::chrono::milliseconds(i));
    window.onAck(AckMessage{0, 0, {0x01}}, t0 + 1ms, 0ms); // 1 arrived, 0 was sent before it
    EXPECT_EQ(drainLost(window, t0 + 10ms), (std::vector<std::uint32_t>{0}));
    // 1..3 arrived, but they were all sent before the retransmission: no verdict on it yet.
    window.onAck(AckMessage{0, 0, {0x07}}, t0 + 3ms, 0ms);
    EXPECT_TRUE(drainLost(window, t0 + 12ms).empty());
    // Chunk 4, sent after the retransmission, arrives and 0 still has not: lost again.
    EXPECT_EQ(window.takeNew(t0 + 11ms), 4u);
    window.onAck(AckMessage{0, 0, {0x0F}}, t0 + 11ms, 0ms);
    EXPECT_EQ(drainLost(window, t0 + 12ms), (std::vector<std::uint32_t>{0}));
}

TEST(SendWindowTest, TimeoutMarksTheOldestUnacknowledgedChunk) {
    TimePoint t0{};
    SendWindow window(10, 10);
    sendAllowed(window, t0);
    window.onAck(AckMessage{2, 0, {}}, t0, 1ms);
    window.onTimeout();
    EXPECT_EQ(drainLost(window, t0 + 1s), (std::vector<std::uint32_t>{2}));
}

TEST(SendWindowTest, ImpossibleAcknowledgementsAreIgnored) {
    TimePoint t0{};
    SendWindow window(100, 4);
    sendAllowed(window, t0);
    // Claims chunks never sent.
    window.onAck(AckMessage{50, 0, {0xFF, 0xFF}}, t0, 1ms);
    EXPECT_EQ(window.base(), 4u);
    EXPECT_EQ(window.ackedChunks(), 4u);
    EXPECT_FALSE(window.allAcked());
}

TEST(SendWindowTest, CompletesWhenEveryChunkIsAcknowledged) {
    TimePoint t0{};
    SendWindow window(3, 100);
    EXPECT_EQ(sendAllowed(window, t0).size(), 3u);
    window.onAck(AckMessage{3, 0, {}}, t0, 1ms);
    EXPECT_TRUE(window.allAcked());
    SendWindow empty(0, 10);
    EXPECT_TRUE(empty.allAcked());
    EXPECT_FALSE(empty.canSendNew());
}

TEST(RttEstimatorTest, FollowsRfc6298) {
    RttEstimator rtt(300ms, 20ms, 2000ms);
    EXPECT_EQ(rtt.rto(), 300ms);
    EXPECT_FALSE(rtt.smoothed());
    rtt.addSample(100ms);
    // SRTT = 100, RTTVAR = 50: RTO = 100 + 4 * 50.
    EXPECT_EQ(rtt.rto(), 300ms);
    rtt.addSample(100ms);
    // RTTVAR = 0.75 * 50 = 37.5; SRTT = 100: RTO = 250 ms.
    EXPECT_EQ(rtt.rto(), 250ms);
    EXPECT_EQ(*rtt.minimum(), 100ms);
}

TEST(RttEstimatorTest, ClampedAndBackedOff) {
    RttEstimator rtt(300ms, 20ms, 2000ms);
    for (int i = 0; i < 20; ++i)
        rtt.addSample(50us);
    EXPECT_EQ(rtt.rto(), 20ms); // the floor
    rtt.backOff();
    EXPECT_EQ(rtt.rto(), 40ms);
    for (int i = 0; i < 10; ++i)
        rtt.backOff();
    EXPECT_EQ(rtt.rto(), 2000ms); // the ceiling
    rtt.resetBackOff();
    EXPECT_EQ(rtt.rto(), 20ms);
}

TEST(ChunkBitmapTest, CumulativeAndSelective) {
    ChunkBitmap bitmap(20);
    EXPECT_TRUE(bitmap.set(0));
    EXPECT_TRUE(bitmap.set(2));
    EXPECT_TRUE(bitmap.set(3));
    EXPECT_TRUE(bitmap.set(10));
    EXPECT_FALSE(bitmap.set(3));
    EXPECT_FALSE(bitmap.set(20)); // out of range
    EXPECT_EQ(bitmap.cumulative(), 1u);
    EXPECT_EQ(bitmap.received(), 4u);
    // Relative to cumulative + 1 = 2: chunks 2, 3 are bits 0, 1; chunk 10 is bit 8.
    EXPECT_EQ(bitmap.sack(256), (std::vector<std::uint8_t>{0x03, 0x01}));
    EXPECT_EQ(bitmap.sack(1), (std::vector<std::uint8_t>{0x03}));
    bitmap.set(1);
    EXPECT_EQ(bitmap.cumulative(), 4u);
    // Now relative to 5: chunk 10 is bit 5.
    EXPECT_EQ(bitmap.sack(256), (std::vector<std::uint8_t>{0x20}));
}

TEST(ChunkBitmapTest, CompleteAndEmpty) {
    ChunkBitmap bitmap(3);
    for (std::uint32_t seq : {2u, 0u, 1u})
        bitmap.set(seq);
    EXPECT_TRUE(bitmap.complete());
    EXPECT_EQ(bitmap.cumulative(), 3u);
    EXPECT_TRUE(bitmap.sack(256).empty());
    ChunkBitmap empty(0);
    EXPECT_TRUE(empty.complete());
}
