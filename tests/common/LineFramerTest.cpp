// LineFramer: LF/CRLF framing of a byte stream arriving in arbitrary pieces, bounded length.

#include "common/LineFramer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace toom {
namespace {

/// A unit as a string: the line text, or "<TOO LONG>".
std::string show(const FramedLine& unit) {
    return unit.kind == FramedLine::Kind::TooLong ? "<TOO LONG>" : unit.text;
}

/// Feeds `bytes` to `framer` in pieces of `chunk` bytes and returns every unit produced.
std::vector<std::string> feed(LineFramer& framer, std::string_view bytes, std::size_t chunk = 0) {
    std::vector<FramedLine> out;
    if (chunk == 0) {
        framer.feed(bytes, out);
    } else {
        for (std::size_t i = 0; i < bytes.size(); i += chunk)
            framer.feed(bytes.substr(i, chunk), out);
    }
    std::vector<std::string> shown;
    for (const auto& unit : out)
        shown.push_back(show(unit));
    return shown;
}

using Lines = std::vector<std::string>;

TEST(LineFramerTest, SplitsOnLf) {
    LineFramer framer(100);
    EXPECT_EQ(feed(framer, "ATU\nMSG hello\n"), (Lines{"ATU", "MSG hello"}));
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(LineFramerTest, CrLfEndingsLoseTheirCr) {
    LineFramer framer(100);
    EXPECT_EQ(feed(framer, "ATU\r\nOUT\r\n"), (Lines{"ATU", "OUT"}));
}

TEST(LineFramerTest, MixedEndings) {
    LineFramer framer(100);
    EXPECT_EQ(feed(framer, "a\r\nb\nc\r\n"), (Lines{"a", "b", "c"}));
}

TEST(LineFramerTest, OnlyATrailingCrIsRemoved) {
    LineFramer framer(100);
    EXPECT_EQ(feed(framer, "a\rb\n"), (Lines{"a\rb"}));
    EXPECT_EQ(feed(framer, "x\r\r\n"), (Lines{"x\r"}));
}

TEST(LineFramerTest, EmptyLines) {
    LineFramer framer(100);
    EXPECT_EQ(feed(framer, "\n\r\n\nx\n"), (Lines{"", "", "", "x"}));
}

TEST(LineFramerTest, IncompleteLineWaitsForItsLf) {
    LineFramer framer(100);
    EXPECT_TRUE(feed(framer, "hel").empty());
    EXPECT_EQ(framer.pendingBytes(), 3u);
    EXPECT_TRUE(feed(framer, "lo").empty());
    EXPECT_EQ(feed(framer, "\nwor"), (Lines{"hello"}));
    EXPECT_EQ(framer.pendingBytes(), 3u);
    EXPECT_EQ(feed(framer, "ld\n"), (Lines{"world"}));
}

TEST(LineFramerTest, ByteByByteGivesTheSameLines) {
    const std::string stream = "MSG hi there\r\n\nATU\nRDM 1 Jun 2023 10:00:00\r\n";
    for (std::size_t chunk : {1u, 2u, 3u, 5u, 7u}) {
        LineFramer framer(100);
        EXPECT_EQ(feed(framer, stream, chunk),
                  (Lines{"MSG hi there", "", "ATU", "RDM 1 Jun 2023 10:00:00"}))
            << "chunk " << chunk;
    }
}

TEST(LineFramerTest, CrAndLfInSeparateFeeds) {
    LineFramer framer(100);
    EXPECT_TRUE(feed(framer, "ATU\r").empty());
    EXPECT_EQ(feed(framer, "\n"), (Lines{"ATU"}));
}

TEST(LineFramerTest, ExactlyAtTheLimitIsALine) {
    const std::string line(8, 'x');
    for (const char* ending : {"\n", "\r\n"}) {
        for (std::size_t chunk : {0u, 1u}) {
            LineFramer framer(8);
            EXPECT_EQ(feed(framer, line + ending, chunk), (Lines{line}))
                << "ending " << (ending[0] == '\r' ? "CRLF" : "LF") << " chunk " << chunk;
        }
    }
}

TEST(LineFramerTest, OneOverTheLimitIsTooLong) {
    const std::string line(9, 'x');
    for (const char* ending : {"\n", "\r\n"}) {
        for (std::size_t chunk : {0u, 1u}) {
            LineFramer framer(8);
            EXPECT_EQ(feed(framer, line + ending + "ok\n", chunk), (Lines{"<TOO LONG>", "ok"}))
                << "ending " << (ending[0] == '\r' ? "CRLF" : "LF") << " chunk " << chunk;
        }
    }
}

TEST(LineFramerTest, OverLongLineIsReportedOnceAndTheNextLineWorks) {
    LineFramer framer(10);
    EXPECT_EQ(feed(framer, std::string(1000, 'a') + "\nATU\n"), (Lines{"<TOO LONG>", "ATU"}));
}

TEST(LineFramerTest, OverLongLineSplitAcrossManyFeeds) {
    LineFramer framer(10);
    std::vector<std::string> all;
    for (int i = 0; i < 100; ++i) {
        for (auto& unit : feed(framer, "0123456789abcdef"))
            all.push_back(unit);
        EXPECT_LE(framer.pendingBytes(), 11u) << "memory must stay bounded";
    }
    for (auto& unit : feed(framer, "tail\nATU\n"))
        all.push_back(unit);
    EXPECT_EQ(all, (Lines{"<TOO LONG>", "ATU"}));
}

TEST(LineFramerTest, OverLongLineByteByByte) {
    LineFramer framer(4);
    EXPECT_EQ(feed(framer, "abcdefghij\r\nok\r\n", 1), (Lines{"<TOO LONG>", "ok"}));
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(LineFramerTest, SeveralOverLongLinesAreEachReported) {
    LineFramer framer(3);
    EXPECT_EQ(feed(framer, "aaaaa\nbb\ncccccc\n\n"), (Lines{"<TOO LONG>", "bb", "<TOO LONG>", ""}));
}

TEST(LineFramerTest, TooLongUnitsHaveNoText) {
    LineFramer framer(2);
    std::vector<FramedLine> out;
    framer.feed("abcdef\n", out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].kind, FramedLine::Kind::TooLong);
    EXPECT_TRUE(out[0].text.empty());
    EXPECT_EQ(framer.maxLineBytes(), 2u);
}

TEST(LineFramerTest, FeedAppendsToExistingOutput) {
    LineFramer framer(10);
    std::vector<FramedLine> out;
    framer.feed("a\n", out);
    framer.feed("b\n", out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1].text, "b");
}

TEST(LineFramerTest, BytesAreKeptAsTheyAre) {
    LineFramer framer(100);
    const std::string utf8 = "caf\xc3\xa9 \xf0\x9f\x98\x80\ttab";
    EXPECT_EQ(feed(framer, utf8 + "\n", 1), (Lines{utf8}));
}

} // namespace
} // namespace toom
