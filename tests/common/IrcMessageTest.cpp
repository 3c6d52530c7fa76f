// IrcMessage: parsing and formatting IRC lines (tags, prefix, command, parameters, limits).

#include "common/IrcMessage.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

IrcMessage parsedOk(std::string_view line) {
    const IrcParseResult result = IrcMessage::parse(line);
    EXPECT_TRUE(result) << line << ": " << describe(result.error);
    return result.message;
}

IrcParseError parseError(std::string_view line) {
    return IrcMessage::parse(line).error;
}

TEST(IrcMessageTest, ParsesCommandAndMiddleParameters) {
    const IrcMessage m = parsedOk("USER guest 0 * :Ronnie Reagan");
    EXPECT_EQ(m.command, "USER");
    EXPECT_EQ(m.params, (std::vector<std::string>{"guest", "0", "*", "Ronnie Reagan"}));
    EXPECT_TRUE(m.prefix.empty());
    EXPECT_TRUE(m.tags.empty());
}

TEST(IrcMessageTest, ParsesPrefixAndTrailing) {
    const IrcMessage m = parsedOk(":yoda!yoda@toom PRIVMSG obiwan :hello there");
    EXPECT_EQ(m.prefix, "yoda!yoda@toom");
    EXPECT_EQ(m.verb(), "PRIVMSG");
    EXPECT_EQ(m.param(0), "obiwan");
    EXPECT_EQ(m.param(1), "hello there");
    EXPECT_EQ(m.param(2), ""); // absent
}

TEST(IrcMessageTest, TrailingMayBeEmptyOrStartWithAColon) {
    EXPECT_EQ(parsedOk("TOPIC #a :").params, (std::vector<std::string>{"#a", ""}));
    EXPECT_EQ(parsedOk("PRIVMSG a ::-)").param(1), ":-)");
}

TEST(IrcMessageTest, ToleratesRepeatedSpacesAndAFinalCr) {
    const IrcMessage m = parsedOk("  NICK    obiwan  \r");
    EXPECT_EQ(m.command, "NICK");
    EXPECT_EQ(m.params, (std::vector<std::string>{"obiwan"}));
}

TEST(IrcMessageTest, VerbIsUpperCased) {
    EXPECT_EQ(parsedOk("privmsg a b").verb(), "PRIVMSG");
    EXPECT_EQ(parsedOk("001 me :Welcome").verb(), "001");
}

TEST(IrcMessageTest, ParsesTagsWithEscapes) {
    const IrcMessage m = parsedOk("@time=2026-12-04T22:00:00.000Z;+draft/reply=a\\sb\\:c;flag "
                                  "PRIVMSG a :x");
    ASSERT_EQ(m.tags.size(), 3u);
    EXPECT_EQ(m.tag("time"), "2026-12-04T22:00:00.000Z");
    EXPECT_EQ(m.tag("+draft/reply"), "a b;c");
    EXPECT_EQ(m.tag("flag"), "");
    EXPECT_EQ(m.tag("missing"), std::nullopt);
}

TEST(IrcMessageTest, TagValueEscapesRoundTrip) {
    const std::string raw = "a;b c\\d\r\ne";
    EXPECT_EQ(escapeTagValue(raw), "a\\:b\\sc\\\\d\\r\\ne");
    EXPECT_EQ(unescapeTagValue(escapeTagValue(raw)), raw);
    EXPECT_EQ(unescapeTagValue("x\\y"), "xy");   // unknown escape keeps the character
    EXPECT_EQ(unescapeTagValue("end\\"), "end"); // lone final backslash dropped
}

TEST(IrcMessageTest, FormatsWithTrailingOnlyWhenNeeded) {
    EXPECT_EQ(IrcMessage("PING", {"token"}).format(), "PING token");
    EXPECT_EQ(IrcMessage("PRIVMSG", {"a", "two words"}).format(), "PRIVMSG a :two words");
    EXPECT_EQ(IrcMessage("PRIVMSG", {"a", ""}).format(), "PRIVMSG a :");
    EXPECT_EQ(IrcMessage("PRIVMSG", {"a", ":)"}).format(), "PRIVMSG a ::)");
    EXPECT_EQ(IrcMessage("001", {"me", "Welcome"}).from("toom").format(), ":toom 001 me Welcome");
}

TEST(IrcMessageTest, FormatsTags) {
    IrcMessage m("PRIVMSG", {"a", "hi"});
    m.tags = {{"time", "now"}, {"+x", "a b"}, {"flag", ""}};
    EXPECT_EQ(m.format(), "@time=now;+x=a\\sb;flag PRIVMSG a hi");
}

TEST(IrcMessageTest, FormatNeverWritesALineBreak) {
    const IrcMessage m("PRIVMSG", {"a", std::string("one\r\ntwo\0three", 14)});
    EXPECT_EQ(m.format(), "PRIVMSG a :one  two three");
    EXPECT_EQ(IrcMessage("PRIVMSG", {"a", "x\ny"}).format(), "PRIVMSG a :x y");
}

TEST(IrcMessageTest, RoundTripsParsedLines) {
    for (const char* line : {"PING :x y", ":a!b@c PRIVMSG #c :hi", "@a=1;b CAP REQ :sasl", "NICK x",
                             "CAP LS 302", "AUTHENTICATE +", "TOPIC #t :"}) {
        const IrcMessage m = parsedOk(line);
        EXPECT_EQ(parsedOk(m.format()), m) << line;
    }
    EXPECT_EQ(parsedOk(":a!b@c PRIVMSG #c :hi").format(), ":a!b@c PRIVMSG #c hi");
}

TEST(IrcMessageTest, BadInputGetsAClearError) {
    EXPECT_EQ(parseError(""), IrcParseError::Empty);
    EXPECT_EQ(parseError("   "), IrcParseError::Empty);
    EXPECT_EQ(parseError("@"), IrcParseError::BadTags);
    EXPECT_EQ(parseError("@ PING"), IrcParseError::BadTags);
    EXPECT_EQ(parseError("@=x PING"), IrcParseError::BadTags);
    EXPECT_EQ(parseError("@a b=c PING"), IrcParseError::BadCommand); // "b=c" as the command
    EXPECT_EQ(parseError("@a;b!c PING"), IrcParseError::BadTags);
    EXPECT_EQ(parseError("@a"), IrcParseError::NoCommand);
    EXPECT_EQ(parseError(": PING"), IrcParseError::BadPrefix);
    EXPECT_EQ(parseError(":nick"), IrcParseError::NoCommand);
    EXPECT_EQ(parseError("PRIV-MSG x"), IrcParseError::BadCommand);
    EXPECT_EQ(parseError("1234 x"), IrcParseError::BadCommand);
    EXPECT_EQ(parseError(std::string("PING a\0b", 8)), IrcParseError::BadCharacter);
    EXPECT_EQ(parseError("PING a\rb"), IrcParseError::BadCharacter);
}

TEST(IrcMessageTest, AtMostFifteenParameters) {
    std::string line = "X";
    for (int i = 0; i < 15; ++i)
        line += " p";
    EXPECT_EQ(parsedOk(line).params.size(), 15u);
    EXPECT_EQ(parseError(line + " p"), IrcParseError::TooManyParams);
    EXPECT_EQ(parseError(line + " :trailing"), IrcParseError::TooManyParams);
}

TEST(IrcMessageTest, BodyIsAtMost510Bytes) {
    const std::string head = "PRIVMSG a :";
    const std::string fits = head + std::string(IrcMessage::kMaxBodyBytes - head.size(), 'x');
    EXPECT_TRUE(IrcMessage::parse(fits));
    EXPECT_TRUE(IrcMessage::parse(fits + "\r")); // the CR is not counted
    EXPECT_EQ(parseError(fits + "x"), IrcParseError::TooLong);
    // Tags do not count toward the 510.
    EXPECT_TRUE(IrcMessage::parse("@a=" + std::string(1000, 'v') + " " + fits));
}

TEST(IrcMessageTest, TagDataIsAtMost4094Bytes) {
    const std::string fits = "a=" + std::string(IrcMessage::kMaxClientTagBytes - 2, 'v');
    EXPECT_TRUE(IrcMessage::parse("@" + fits + " PING x"));
    EXPECT_EQ(parseError("@" + fits + "v PING x"), IrcParseError::TagsTooLong);
}

TEST(IrcMessageTest, EveryErrorIsDescribed) {
    for (int e = 0; e <= static_cast<int>(IrcParseError::BadCharacter); ++e)
        EXPECT_FALSE(describe(static_cast<IrcParseError>(e)).empty());
}

} // namespace
} // namespace toom
