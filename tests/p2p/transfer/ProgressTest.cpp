// Progress reports (how often, how fast, how long) and the progress bar text.

#include "common/ByteSize.h"
#include "p2p/transfer/ProgressBar.h"
#include "p2p/transfer/TransferProgress.h"

#include <gtest/gtest.h>

using namespace toom::p2p::transfer;
using toom::formatByteRate;
using toom::formatByteSize;
using namespace std::chrono_literals;

namespace {
TransferProgress progressOf(std::uint64_t done, std::uint64_t total, double rate,
                            std::optional<double> left) {
    TransferProgress progress;
    progress.bytesDone = done;
    progress.bytesTotal = total;
    progress.bytesPerSecond = rate;
    progress.secondsLeft = left;
    return progress;
}
} // namespace

TEST(ProgressMeterTest, ReportsAtMostOncePerInterval) {
    TimePoint t0{};
    ProgressMeter meter(1'000'000, 100ms, t0);
    EXPECT_TRUE(meter.update(1000, t0 + 1ms));
    EXPECT_FALSE(meter.update(2000, t0 + 50ms));
    EXPECT_FALSE(meter.update(3000, t0 + 100ms));
    EXPECT_TRUE(meter.update(4000, t0 + 101ms));
    int reports = 0;
    for (int ms = 102; ms < 1102; ++ms)
        reports += meter.update(4000 + ms, t0 + std::chrono::milliseconds(ms)) ? 1 : 0;
    EXPECT_LE(reports, 10);
    EXPECT_GE(reports, 9);
}

TEST(ProgressMeterTest, AlwaysReportsTheEndOnce) {
    TimePoint t0{};
    ProgressMeter meter(1000, 100ms, t0);
    ASSERT_TRUE(meter.update(10, t0 + 1ms));
    auto end = meter.update(1000, t0 + 2ms); // within the interval, still reported
    ASSERT_TRUE(end);
    EXPECT_TRUE(end->finished());
    EXPECT_EQ(end->secondsLeft, 0.0);
    EXPECT_FALSE(meter.update(1000, t0 + 500ms));
}

TEST(ProgressMeterTest, RateAndTimeLeftFollowRecentPace) {
    TimePoint t0{};
    ProgressMeter meter(100'000'000, 100ms, t0);
    // 1 MB per 100 ms = 10 MB/s for 3 seconds.
    std::optional<TransferProgress> last;
    for (int step = 1; step <= 30; ++step)
        last = meter.update(step * 1'000'000ull, t0 + step * 100ms);
    ASSERT_TRUE(last);
    EXPECT_NEAR(last->bytesPerSecond, 10e6, 1e3);
    ASSERT_TRUE(last->secondsLeft);
    EXPECT_NEAR(*last->secondsLeft, 7.0, 0.01);
    // Then twice as fast: after the 2-second window the rate is the new pace alone.
    for (int step = 1; step <= 25; ++step)
        last = meter.update(30'000'000ull + step * 2'000'000ull, t0 + 3s + step * 100ms);
    EXPECT_NEAR(last->bytesPerSecond, 20e6, 1e3);
}

TEST(ProgressMeterTest, NoRateNoTimeLeft) {
    TimePoint t0{};
    ProgressMeter meter(1000, 100ms, t0);
    auto first = meter.update(0, t0 + 1ms);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->bytesPerSecond, 0);
    EXPECT_FALSE(first->secondsLeft);
}

TEST(ProgressMeterTest, FinalRateIsTheWholeAverage) {
    TimePoint t0{};
    ProgressMeter meter(10'000'000, 100ms, t0);
    meter.update(9'000'000, t0 + 100ms); // a fast start
    auto end = meter.update(10'000'000, t0 + 2s);
    ASSERT_TRUE(end);
    EXPECT_NEAR(end->bytesPerSecond, 5e6, 1);
}

TEST(ProgressBarTest, RendersTheExampleLine) {
    auto progress = progressOf(45, 100, 12.3e6, 4.0);
    EXPECT_EQ(renderProgressBar(progress, 50),
              "[#######..........]   45%    11.7 MiB/s  0:04 left");
}

TEST(ProgressBarTest, LineHasExactlyTheWidthAndFiguresKeepTheirPlace) {
    for (std::size_t width : {45u, 60u, 80u, 120u}) {
        auto slow = renderProgressBar(progressOf(1, 3, 850, 75.0), width);
        auto fast = renderProgressBar(progressOf(2, 3, 999.9e6, 1.0), width);
        EXPECT_EQ(slow.size(), width);
        EXPECT_EQ(fast.size(), width);
        EXPECT_EQ(slow.find(']'), fast.find(']'));
    }
}

TEST(ProgressBarTest, EndsAndEdges) {
    EXPECT_EQ(renderProgressBar(progressOf(0, 100, 0, std::nullopt), 50),
              "[.................]    0%         0 B/s  -:-- left");
    EXPECT_EQ(renderProgressBar(progressOf(100, 100, 5e6, 0.0), 50),
              "[#################]  100%     4.8 MiB/s  0:00 left");
    // 99.9% is not "100%" and does not fill the bar.
    auto almost = renderProgressBar(progressOf(999, 1000, 1e6, 0.1), 50);
    EXPECT_NE(almost.find(" 99%"), std::string::npos);
    EXPECT_NE(almost.find(".]"), std::string::npos);
    // An empty file is complete.
    EXPECT_NE(renderProgressBar(progressOf(0, 0, 0, 0.0), 50).find("100%"), std::string::npos);
}

TEST(ProgressBarTest, NarrowWidthsDropTheBarThenTheFigures) {
    auto progress = progressOf(45, 100, 12.3e6, 4.0);
    EXPECT_EQ(renderProgressBar(progress, 30), " 45%    11.7 MiB/s  0:04 left");
    EXPECT_EQ(renderProgressBar(progress, 10), "45%");
    EXPECT_EQ(renderProgressBar(progress, 2), "45");
    EXPECT_EQ(renderProgressBar(progress, 0), "");
}

TEST(ProgressBarTest, RatesInBinaryUnits) {
    EXPECT_EQ(formatByteRate(0), "0 B/s");
    EXPECT_EQ(formatByteRate(-5), "0 B/s");
    EXPECT_EQ(formatByteRate(850), "850 B/s");
    EXPECT_EQ(formatByteRate(1023.4), "1023 B/s");
    EXPECT_EQ(formatByteRate(1024), "1.0 KiB/s");
    EXPECT_EQ(formatByteRate(12.34 * 1048576), "12.3 MiB/s");
    EXPECT_EQ(formatByteRate(1048575), "1.0 MiB/s"); // not "1024.0 KiB/s"
    EXPECT_EQ(formatByteRate(1.1 * 1073741824), "1.1 GiB/s");
}

TEST(ProgressBarTest, SizesInTheSameUnits) {
    EXPECT_EQ(formatByteSize(0), "0 bytes");
    EXPECT_EQ(formatByteSize(1), "1 byte");
    EXPECT_EQ(formatByteSize(1023), "1023 bytes");
    EXPECT_EQ(formatByteSize(1536), "1.5 KiB");
    EXPECT_EQ(formatByteSize(6u << 20), "6.0 MiB");
    EXPECT_EQ(formatByteSize(std::uint64_t{4} << 30), "4.0 GiB");
}

TEST(ProgressBarTest, TimeLeft) {
    EXPECT_EQ(formatTimeLeft(std::nullopt), "-:--");
    EXPECT_EQ(formatTimeLeft(0.0), "0:00");
    EXPECT_EQ(formatTimeLeft(3.2), "0:04");
    EXPECT_EQ(formatTimeLeft(75), "1:15");
    EXPECT_EQ(formatTimeLeft(3600 + 62), "1:01:02");
    EXPECT_EQ(formatTimeLeft(1.0 / 0.0), "-:--");
}
