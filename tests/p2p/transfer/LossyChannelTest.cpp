// The loss simulator: it really drops, duplicates and reorders, in both directions, at the
// configured rates, and a seed replays exactly the same run.

#include "p2p/transfer/LossyChannel.h"

#include "p2p/transfer/TransferTestSupport.h"

#include <gtest/gtest.h>

using namespace toom::p2p::transfer;
using testsupport::MemoryLink;

namespace {

/// Sends `count` numbered datagrams through a lossy `a` end and returns what `b` received.
std::vector<std::string> lossyOutboundRun(LossSettings settings, int count,
                                          LossCounts* counts = nullptr) {
    MemoryLink link;
    LossyChannel lossy(link.a(), settings);
    Poco::Net::SocketAddress to("10.0.0.2", 2000);
    for (int i = 0; i < count; ++i)
        lossy.sendTo(std::to_string(i), to);
    // A quiet wait releases whatever is still held back.
    char buffer[64];
    lossy.receiveFrom(buffer, sizeof buffer, std::chrono::microseconds(1));
    std::vector<std::string> arrived;
    while (auto got = link.b().receiveFrom(buffer, sizeof buffer, std::chrono::microseconds(0)))
        arrived.emplace_back(buffer, got->size);
    if (counts)
        *counts = lossy.sent();
    return arrived;
}

/// Receives `count` numbered datagrams through a lossy `b` end.
std::vector<std::string> lossyInboundRun(LossSettings settings, int count) {
    MemoryLink link;
    LossyChannel lossy(link.b(), settings);
    Poco::Net::SocketAddress to("10.0.0.2", 2000);
    for (int i = 0; i < count; ++i)
        link.a().sendTo(std::to_string(i), to);
    std::vector<std::string> arrived;
    char buffer[64];
    // Non-zero waits: the end of the queue is a quiet line, which releases held datagrams.
    while (auto got = lossy.receiveFrom(buffer, sizeof buffer, std::chrono::microseconds(1)))
        arrived.emplace_back(buffer, got->size);
    return arrived;
}

/// Releases held datagrams by count only (and on a quiet line), so that a run does not depend
/// on how fast the test runs.
LossSettings countOnly(LossSettings settings) {
    settings.maxHold = std::chrono::hours(1);
    return settings;
}

std::vector<std::string> numbered(int count) {
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i)
        out.push_back(std::to_string(i));
    return out;
}

} // namespace

TEST(LossyChannelTest, NoLossPassesEverythingInOrder) {
    EXPECT_EQ(lossyOutboundRun({}, 100), numbered(100));
    EXPECT_EQ(lossyInboundRun({}, 100), numbered(100));
}

TEST(LossyChannelTest, SameSeedSameRunDifferentSeedDifferentRun) {
    LossSettings settings = countOnly(LossSettings::uniform(10, 42));
    EXPECT_EQ(lossyOutboundRun(settings, 2000), lossyOutboundRun(settings, 2000));
    EXPECT_EQ(lossyInboundRun(settings, 2000), lossyInboundRun(settings, 2000));
    LossSettings other = countOnly(LossSettings::uniform(10, 43));
    EXPECT_NE(lossyOutboundRun(settings, 2000), lossyOutboundRun(other, 2000));
}

TEST(LossyChannelTest, RatesAreRoughlyAsConfigured) {
    LossSettings settings;
    settings.drop = 0.10;
    settings.duplicate = 0.05;
    settings.reorder = 0.20;
    settings.seed = 7;
    settings = countOnly(settings);
    LossCounts counts;
    auto arrived = lossyOutboundRun(settings, 20'000, &counts);
    EXPECT_EQ(counts.passed, 20'000u);
    EXPECT_NEAR(static_cast<double>(counts.dropped) / 20'000, 0.10, 0.01);
    EXPECT_NEAR(static_cast<double>(counts.duplicated) / static_cast<double>(counts.passed),
                0.05 * 0.9, 0.01);
    EXPECT_EQ(arrived.size(), 20'000u - counts.dropped + counts.duplicated);
}

TEST(LossyChannelTest, ReorderingMovesDatagramsBackByAtMostTheDepth) {
    LossSettings settings;
    settings.reorder = 0.3;
    settings.reorderDepth = 3;
    settings.seed = 9;
    settings = countOnly(settings);
    auto arrived = lossyOutboundRun(settings, 1000);
    ASSERT_EQ(arrived.size(), 1000u); // nothing lost, nothing doubled
    int outOfPlace = 0;
    for (std::size_t position = 0; position < arrived.size(); ++position) {
        int number = std::stoi(arrived[position]);
        if (number != static_cast<int>(position))
            ++outOfPlace;
        // Held back by up to 3 later datagrams, each of which may itself be held: a
        // datagram never lands more than a handful of places away.
        EXPECT_LE(std::abs(number - static_cast<int>(position)), 12);
    }
    EXPECT_GT(outOfPlace, 100);
    auto sorted = arrived;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& x, const auto& y) { return std::stoi(x) < std::stoi(y); });
    EXPECT_EQ(sorted, numbered(1000));
}

TEST(LossyChannelTest, InboundDirectionMisbehavesToo) {
    auto arrived = lossyInboundRun(countOnly(LossSettings::uniform(10, 3)), 5000);
    EXPECT_NE(arrived, numbered(5000));
    EXPECT_GT(arrived.size(), 4000u);
    EXPECT_LT(arrived.size(), 6000u);
}

TEST(LossyChannelTest, AHeldDatagramGoesAfterMaxHoldEvenIfNothingFollows) {
    MemoryLink link;
    LossSettings settings;
    settings.reorder = 1.0;
    settings.maxHold = std::chrono::milliseconds(1);
    LossyChannel lossy(link.b(), settings);
    link.a().sendTo("only", Poco::Net::SocketAddress("10.0.0.2", 2000));
    char buffer[16];
    auto start = std::chrono::steady_clock::now();
    auto got = lossy.receiveFrom(buffer, sizeof buffer, std::chrono::seconds(20));
    ASSERT_TRUE(got);
    EXPECT_EQ(std::string(buffer, got->size), "only");
    EXPECT_EQ(lossy.received().reordered, 1u);
    // Held for its millisecond, not until the 20-second wait gave up.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(LossyChannelTest, UniformSetsAllThreeRates) {
    auto settings = LossSettings::uniform(12.5, 99);
    EXPECT_DOUBLE_EQ(settings.drop, 0.125);
    EXPECT_DOUBLE_EQ(settings.duplicate, 0.125);
    EXPECT_DOUBLE_EQ(settings.reorder, 0.125);
    EXPECT_EQ(settings.seed, 99u);
    EXPECT_DOUBLE_EQ(LossSettings::uniform(400).drop, 1.0);
}
