// IrcTranslation and IrcWelcome: Toom events and failures as IRC lines, the welcome burst.

#include "server/irc/IrcTranslation.h"

#include "common/Protocol.h"
#include "server/irc/IrcWelcome.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

const IrcAddressing kToObiwan{"toom", "obiwan"};

TEST(IrcTranslationTest, AToomMessageIsAPrivmsgFromTheSender) {
    ServerLine event = ServerLine::event(std::string(ev::kMessage));
    event.with("from", "yoda").with("ts", "2026-12-04T22:00:00.000Z").with("offline", 0);
    event.with("text", "hello there").say("22:00 yoda: hello there");
    const auto line = ircLineForEvent(event, kToObiwan);
    ASSERT_TRUE(line);
    EXPECT_EQ(line->format(), ":yoda!yoda@toom PRIVMSG obiwan :hello there");
}

TEST(IrcTranslationTest, AnOfflineMessageSaysWhenItWasSent) {
    ServerLine event = ServerLine::event(std::string(ev::kMessage));
    event.with("from", "yoda").with("ts", "2026-12-04T22:00:00.000Z").with("offline", 1);
    event.with("text", "hi");
    EXPECT_EQ(ircLineForEvent(event, kToObiwan)->param(1), "[sent 2026-12-04T22:00:00.000Z] hi");
}

TEST(IrcTranslationTest, OtherEventsAreNotShownYet) {
    ServerLine presence = ServerLine::event(std::string(ev::kPresence));
    presence.with("user", "yoda").with("state", "online");
    EXPECT_FALSE(ircLineForEvent(presence, kToObiwan));
    EXPECT_FALSE(ircLineForEvent(ServerLine::ok("PM"), kToObiwan));
    // A message without a sender is not made up.
    ServerLine broken = ServerLine::event(std::string(ev::kMessage));
    broken.with("text", "x");
    EXPECT_FALSE(ircLineForEvent(broken, kToObiwan));
}

TEST(IrcTranslationTest, PrivateMessageIsThePmRequest) {
    EXPECT_EQ(toomPrivateMessage("yoda", "a  b"), "PM yoda a  b");
}

TEST(IrcTranslationTest, FailuresBecome401OrANotice) {
    Reply unknown("PM");
    unknown.fail(err::kUnknownUser).with("user", "nobody").say("No such user");
    EXPECT_EQ(ircLinesForPrivateMessageFailure(unknown, "nobody", kToObiwan).at(0).format(),
              ":toom 401 obiwan nobody :No such nick");
    Reply blocked("PM");
    blocked.fail(err::kBlocked).say("Your message could not be delivered");
    EXPECT_EQ(ircLinesForPrivateMessageFailure(blocked, "yoda", kToObiwan).at(0).format(),
              ":toom NOTICE obiwan :Your message could not be delivered");
}

TEST(IrcWelcomeTest, SendsTheNumericsInOrderWithIsupport) {
    const auto lines = ircWelcome(kToObiwan, {"Toom", "toom-0.1.0", "today", "Hello\nWorld"});
    std::vector<std::string> commands;
    for (const IrcMessage& m : lines)
        commands.push_back(m.command);
    EXPECT_EQ(commands, (std::vector<std::string>{"001", "002", "003", "004", "005", "375", "372",
                                                  "372", "376"}));
    EXPECT_EQ(lines[0].format(), ":toom 001 obiwan :Welcome to the Toom IRC Network, "
                                 "obiwan!obiwan@toom");
    const auto& isupport = lines[4].params;
    for (const char* token : {"CASEMAPPING=ascii", "CHANTYPES=#", "NETWORK=Toom", "NICKLEN=32"})
        EXPECT_NE(std::find(isupport.begin(), isupport.end(), token), isupport.end()) << token;
    EXPECT_EQ(isupport.back(), "are supported by this server");
}

TEST(IrcWelcomeTest, NoMotdIs422) {
    const auto lines = ircMotd(kToObiwan, "");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].command, "422");
}

} // namespace
} // namespace toom
