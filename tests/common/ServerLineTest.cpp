// ServerLine: formatting and parsing of the server's wire lines.

#include "common/ServerLine.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

ServerLine roundTrip(const ServerLine& line) {
    auto parsed = ServerLine::parse(line.format());
    EXPECT_TRUE(parsed.has_value()) << line.format();
    return parsed.value_or(ServerLine());
}

TEST(ServerLineTest, FormatsEachKind) {
    EXPECT_EQ(ServerLine::ok("WHO").format(), "OK WHO");
    EXPECT_EQ(ServerLine::fail("WHO", "BAD_ARGUMENTS").format(), "FAIL WHO BAD_ARGUMENTS");
    EXPECT_EQ(ServerLine::data("WHO").format(), "DATA WHO");
    EXPECT_EQ(ServerLine::event("PRESENCE").format(), "EVENT PRESENCE");
    EXPECT_EQ(ServerLine(LineKind::Hello, "TOOM/1").format(), "HELLO TOOM/1");
}

TEST(ServerLineTest, FormatsFieldsThenText) {
    ServerLine line = ServerLine::ok("WHO");
    line.with("count", 2).with("user", "yoda").say("two users");
    EXPECT_EQ(line.format(), "OK WHO count=2 user=yoda :two users");
}

TEST(ServerLineTest, EmptyVerbAndCodeHaveDefaults) {
    EXPECT_EQ(ServerLine::ok("").format(), "OK *");
    EXPECT_EQ(ServerLine::fail("X", "").format(), "FAIL X ERROR");
}

TEST(ServerLineTest, FieldsAreEscaped) {
    ServerLine line = ServerLine::data("MSG");
    line.with("text", "a b\\c\r\nd");
    EXPECT_EQ(line.format(), "DATA MSG text=a\\sb\\\\c\\r\\nd");
}

TEST(ServerLineTest, TextStaysOnOneLine) {
    ServerLine line = ServerLine::ok("X");
    line.say("one\ntwo\r\nthree");
    EXPECT_EQ(line.text(), "one two  three");
    EXPECT_EQ(line.format().find('\n'), std::string::npos);
}

TEST(ServerLineTest, RoundTripsEveryKind) {
    for (ServerLine line :
         {ServerLine::ok("OUT"), ServerLine::fail("MSG", "UNKNOWN_USER"), ServerLine::data("ATU"),
          ServerLine::event("PRESENCE"), ServerLine(LineKind::Hello, "TOOM/1")}) {
        line.with("user", "yoda").say("hi");
        EXPECT_EQ(roundTrip(line), line) << line.format();
    }
}

TEST(ServerLineTest, RoundTripsAwkwardFieldValues) {
    for (const std::string& value :
         {std::string("two words"), std::string("back\\slash"), std::string("trailing\\"),
          std::string("\\s literally"), std::string("line\nbreak\r\n"), std::string(" :colon"),
          std::string("a=b=c"), std::string(":"), std::string("  "), std::string(),
          std::string("caf\xc3\xa9")}) {
        ServerLine line = ServerLine::data("MSG");
        line.with("text", value).with("n", 1);
        ServerLine back = roundTrip(line);
        EXPECT_EQ(back.field("text"), value) << line.format();
        EXPECT_EQ(back.intField("n"), 1) << line.format();
    }
}

// Field values are split from each other on blanks, and a blank is a space *or a tab*.
TEST(ServerLineTest, RoundTripsATabInAFieldValue) {
    ServerLine line = ServerLine::data("MSG");
    line.with("text", "a\tb");
    auto back = ServerLine::parse(line.format());
    ASSERT_TRUE(back.has_value()) << line.format();
    EXPECT_EQ(back->field("text"), "a\tb");
}

TEST(ServerLineTest, TextMayContainSpaceColonAndKeepsItsSpacing) {
    ServerLine line = ServerLine::event("MSG");
    line.with("from", "luke").say("  ratio :  3 :1  ");
    ServerLine back = roundTrip(line);
    EXPECT_EQ(back.text(), "  ratio :  3 :1  ");
    EXPECT_EQ(back.field("from"), "luke");
}

TEST(ServerLineTest, TextStartingWithAColon) {
    ServerLine line = ServerLine::ok("X");
    line.say(":-)");
    EXPECT_EQ(line.format(), "OK X ::-)");
    EXPECT_EQ(roundTrip(line).text(), ":-)");
}

TEST(ServerLineTest, ParsesFieldsAndCode) {
    auto line = ServerLine::parse("FAIL PASS INVALID_PASSWORD attempts_left=2 :Invalid Password");
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->kind(), LineKind::Fail);
    EXPECT_EQ(line->verb(), "PASS");
    EXPECT_EQ(line->code(), "INVALID_PASSWORD");
    EXPECT_EQ(line->intField("attempts_left"), 2);
    EXPECT_EQ(line->text(), "Invalid Password");
    ASSERT_EQ(line->fields().size(), 1u);
}

TEST(ServerLineTest, RejectsMalformedLines) {
    for (const char* bad : {"", "OK", "NOPE WHO", "ok WHO", "FAIL WHO", "OK WHO notafield",
                            "OK WHO =value", " :text only"}) {
        EXPECT_FALSE(ServerLine::parse(bad).has_value()) << "'" << bad << "'";
    }
}

// parse() takes exactly what format() writes: anything else is malformed, so a line that parses
// always formats back to the same bytes (tests/fuzz/fuzz_server_line checks this at random).
TEST(ServerLineTest, RejectsWhatFormatNeverWrites) {
    for (const char* bad : {
             "OK\tWHO",     // a TAB between words
             "OK  WHO",     // two spaces
             "OK WHO ",     // a trailing space
             " OK WHO",     // a leading space
             "OK :WHO",     // a verb starting with ':' is free text, so no verb
             "OK WHO\tx=1", // a TAB inside a verb
             "FAIL WHO CO\x01"
             "DE",            // a control character in a code
             "OK WHO Key=1",  // keys are lower-case
             "OK WHO a-b=1",  // keys are [a-z0-9_]
             "OK WHO a=x\\q", // an escape that escapeValue never writes
             "OK WHO a=x\\",  // a lone trailing backslash
             "OK WHO :",      // " :" with no text after it
         }) {
        EXPECT_FALSE(ServerLine::parse(bad).has_value()) << "'" << bad << "'";
    }
}

TEST(ServerLineTest, EveryLineThatParsesFormatsBackToItself) {
    for (const char* good : {"OK WHO", "FAIL PM UNKNOWN_USER user=x :Error. Invalid user",
                             "DATA * a= b=c=d", "EVENT MSG from=yoda text=a\\sb\\tc\\\\ :x  y",
                             "HELLO TOOM/1 profile=toom-default :welcome :) ", "OK V :\t"}) {
        auto line = ServerLine::parse(good);
        ASSERT_TRUE(line.has_value()) << good;
        EXPECT_EQ(line->format(), good);
    }
}

TEST(ServerLineTest, FieldLookup) {
    ServerLine line = ServerLine::ok("X");
    line.with("a", "1").with("a", "2").with("n", "12x").with("e", "").with("neg", -5);
    EXPECT_EQ(line.field("a"), "1"); // The first one wins.
    EXPECT_FALSE(line.field("missing").has_value());
    EXPECT_FALSE(line.intField("n").has_value());
    EXPECT_FALSE(line.intField("e").has_value());
    EXPECT_FALSE(line.intField("missing").has_value());
    EXPECT_EQ(line.intField("neg"), -5);
}

TEST(ServerLineTest, EscapeAndUnescape) {
    EXPECT_EQ(escapeValue("a b"), "a\\sb");
    EXPECT_EQ(unescapeValue("a\\sb"), "a b");
    EXPECT_EQ(unescapeValue("\\q"), "q");       // Unknown escapes keep the character.
    EXPECT_EQ(unescapeValue("end\\"), "end\\"); // A lone trailing backslash is kept.
    EXPECT_EQ(escapeValue(""), "");
}

// The escaper appends runs of plain bytes whole: escapes at either end, side by side and
// alone must come out as the per-byte definition says.
TEST(ServerLineTest, EscapesAtTheEdgesAndSideBySide) {
    EXPECT_EQ(escapeValue(" "), "\\s");
    EXPECT_EQ(escapeValue(" a"), "\\sa");
    EXPECT_EQ(escapeValue("a "), "a\\s");
    EXPECT_EQ(escapeValue("\r\n\t\\ "), "\\r\\n\\t\\\\\\s");
    EXPECT_EQ(escapeValue("ab  cd\\"), "ab\\s\\scd\\\\");
    std::string out = "k=";
    appendEscapedValue(out, "x y");
    EXPECT_EQ(out, "k=x\\sy");
    for (const std::string value : {"plain", " lead", "trail ", "mid dle", "\\\\", "a\tb\nc\rd"})
        EXPECT_EQ(unescapeValue(escapeValue(value)), value);
}

TEST(ServerLineTest, KindWords) {
    EXPECT_EQ(kindWord(LineKind::Hello), "HELLO");
    EXPECT_EQ(kindWord(LineKind::Ok), "OK");
    EXPECT_EQ(kindWord(LineKind::Fail), "FAIL");
    EXPECT_EQ(kindWord(LineKind::Data), "DATA");
    EXPECT_EQ(kindWord(LineKind::Event), "EVENT");
}

} // namespace
} // namespace toom
