// The direct protocol's lines: what goes on the wire and what is refused on the way in.

#include "p2p/chat/PeerLine.h"

#include <gtest/gtest.h>

using toom::p2p::chat::PeerLine;
using toom::p2p::chat::StopReason;

TEST(PeerLineTest, FormatsEachLine) {
    EXPECT_EQ(PeerLine::hello("yoda", "t0k").format(), "HELLO TOOM-P2P/1 from=yoda token=t0k");
    EXPECT_EQ(PeerLine::accepted("hans").format(), "OK HELLO user=hans");
    EXPECT_EQ(PeerLine::refused("BAD_TOKEN", "unknown token").format(),
              "FAIL HELLO BAD_TOKEN :unknown token");
    EXPECT_EQ(PeerLine::message("hi  there").format(), "EVENT MSG :hi  there");
    EXPECT_EQ(PeerLine::stop(StopReason::Stopped).format(), "EVENT STOP reason=stopped");
    EXPECT_EQ(PeerLine::stop(StopReason::Leaving).format(), "EVENT STOP reason=leaving");
}

TEST(PeerLineTest, EveryLineParsesBackToItself) {
    for (const auto& line :
         {PeerLine::hello("yoda", "t0k"), PeerLine::accepted("hans"),
          PeerLine::refused("SESSION_LIMIT", "too many"), PeerLine::message("a :b: c"),
          PeerLine::message(""), PeerLine::stop(StopReason::Stopped),
          PeerLine::stop(StopReason::Leaving)}) {
        auto parsed = PeerLine::parse(line.format());
        ASSERT_TRUE(parsed) << line.format();
        EXPECT_EQ(*parsed, line) << line.format();
    }
}

TEST(PeerLineTest, FieldValuesWithSpacesAndBackslashesSurvive) {
    auto line = PeerLine::hello("odd name\\", "a b\tc");
    auto parsed = PeerLine::parse(line.format());
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->name, "odd name\\");
    EXPECT_EQ(parsed->token, "a b\tc");
}

TEST(PeerLineTest, LineBreaksInATextBecomeSpaces) {
    auto formatted = PeerLine::message("one\ntwo\r\nthree").format();
    EXPECT_EQ(formatted.find('\n'), std::string::npos);
    EXPECT_EQ(formatted.find('\r'), std::string::npos);
    auto parsed = PeerLine::parse(formatted);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->text, "one two  three");
}

TEST(PeerLineTest, ControlCharactersOtherThanLineBreaksAreCarriedAsTheyAre) {
    // Harmless on the wire; the console neutralises them when printing.
    auto parsed = PeerLine::parse(PeerLine::message("\x1b[2Jboo\x07").format());
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->text, "\x1b[2Jboo\x07");
}

TEST(PeerLineTest, AnUnknownStopReasonStillStops) {
    auto parsed = PeerLine::parse("EVENT STOP reason=bored");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->type, PeerLine::Type::Stop);
    EXPECT_EQ(parsed->reason, StopReason::Stopped);
    EXPECT_EQ(PeerLine::parse("EVENT STOP")->type, PeerLine::Type::Stop);
}

TEST(PeerLineTest, RefusesLinesThatAreNotTheProtocol) {
    for (const char* raw : {
             "",
             "GET / HTTP/1.1",
             "\x16\x03\x01\x02\x00\x01",       // a TLS ClientHello
             "HELLO TOOM/1 from=yoda token=t", // the server's protocol, not ours
             "HELLO TOOM-P2P/2 from=yoda token=t",
             "HELLO TOOM-P2P/1 token=t",
             "HELLO TOOM-P2P/1 from=yoda",
             "HELLO TOOM-P2P/1 from= token=t",
             "HELLO TOOM-P2P/1 from=yoda token=t junk",
             "OK HELLO",
             "OK PASS user=hans",
             "FAIL PM BLOCKED :no",
             "EVENT MESSAGE :hi",
             "DATA MSG :hi",
             "P2P MSG :hi",
         }) {
        EXPECT_FALSE(PeerLine::parse(raw)) << raw;
    }
}
