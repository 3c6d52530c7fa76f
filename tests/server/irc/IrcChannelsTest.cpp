// IrcChannels: Toom's group replies and events as the channel lines IRC clients expect.

#include "server/irc/IrcChannels.h"

#include "common/Protocol.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

const IrcAddressing kToLuke{"toom", "luke"};

ServerLine describedGroup(std::string members, std::string topic = "") {
    ServerLine ok = ServerLine::ok("JOIN");
    ok.with("group", "jedi").with("open", 1).with("creator", "yoda").with("members", members);
    ok.with("topic", topic);
    if (!topic.empty())
        ok.with("topic_by", "yoda").with("topic_at", "2023-06-01T05:00:01.000Z");
    return ok;
}

std::vector<std::string> formatted(const std::vector<IrcMessage>& lines) {
    std::vector<std::string> out;
    for (const auto& m : lines)
        out.push_back(m.format());
    return out;
}

TEST(IrcChannelsTest, AChannelIsAHashAndAGroupName) {
    EXPECT_EQ(groupOfChannel("#jedi"), "jedi");
    EXPECT_FALSE(groupOfChannel("#"));
    EXPECT_FALSE(groupOfChannel("&jedi"));
    EXPECT_FALSE(groupOfChannel("jedi"));
}

TEST(IrcChannelsTest, ListsDropEmptyItemsAndStopAtTheLimit) {
    EXPECT_EQ(ircListItems("#a,,#b,", 5), (std::vector<std::string>{"#a", "#b"}));
    EXPECT_EQ(ircListItems("a,b,c", 2), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(ircListItems("", 4).empty());
}

TEST(IrcChannelsTest, AJoinShowsTheTopicAndTheNamesWithTheCreatorAsOperator) {
    EXPECT_EQ(formatted(ircLinesForJoined(describedGroup("yoda,luke", "Training"), kToLuke)),
              (std::vector<std::string>{
                  ":luke!luke@toom JOIN #jedi",
                  ":toom 332 luke #jedi Training",
                  ":toom 333 luke #jedi yoda 1685595601",
                  ":toom 353 luke = #jedi :@yoda luke",
                  ":toom 366 luke #jedi :End of /NAMES list",
              }));
}

TEST(IrcChannelsTest, NoTopicIs331) {
    EXPECT_EQ(formatted(ircTopicLines(describedGroup("yoda"), kToLuke)),
              (std::vector<std::string>{":toom 331 luke #jedi :No topic is set"}));
}

TEST(IrcChannelsTest, ManyNamesAreSplitOverLinesThatFit) {
    std::string members;
    for (int i = 0; i < 100; ++i)
        members += (i ? "," : "") + std::string("padawan") + std::to_string(i);
    const auto lines = ircNamesLines(describedGroup(members), kToLuke);
    ASSERT_GT(lines.size(), 2u);
    for (const auto& m : lines)
        EXPECT_LE(m.format().size(), 510u);
    EXPECT_EQ(lines.back().command, "366");
}

TEST(IrcChannelsTest, GroupEventsAreJoinPartTopicPrivmsgAndInvite) {
    ServerLine joined = ServerLine::event(std::string(ev::kGroup));
    joined.with("group", "jedi").with("user", "hans").with("action", "joined");
    EXPECT_EQ(ircLineForGroupEvent(joined, kToLuke)->format(), ":hans!hans@toom JOIN #jedi");

    ServerLine topic = ServerLine::event(std::string(ev::kGroup));
    topic.with("group", "jedi").with("user", "yoda").with("action", "topic");
    topic.with("topic", "Training at dawn");
    EXPECT_EQ(ircLineForGroupEvent(topic, kToLuke)->format(),
              ":yoda!yoda@toom TOPIC #jedi :Training at dawn");

    ServerLine said = ServerLine::event(std::string(ev::kRoom));
    said.with("kind", "group").with("room", "jedi").with("from", "yoda").with("text", "hi");
    EXPECT_EQ(ircLineForGroupEvent(said, kToLuke)->format(), ":yoda!yoda@toom PRIVMSG #jedi hi");

    ServerLine separate = ServerLine::event(std::string(ev::kRoom));
    separate.with("kind", "separate").with("room", "3").with("from", "yoda").with("text", "hi");
    EXPECT_FALSE(ircLineForGroupEvent(separate, kToLuke)); // Not shown on the IRC door yet.

    ServerLine invite = ServerLine::event(std::string(ev::kInvite));
    invite.with("group", "council").with("from", "yoda").with("members", "yoda,luke");
    EXPECT_EQ(ircLineForGroupEvent(invite, kToLuke)->format(),
              ":yoda!yoda@toom INVITE luke #council");
}

TEST(IrcChannelsTest, ToomFailuresAreTheChannelNumerics) {
    const auto codeFor = [](std::string_view code) {
        Reply reply("JOIN");
        reply.fail(code).say("words");
        return ircLinesForChannelFailure(reply, "#jedi", kToLuke).front().command;
    };
    EXPECT_EQ(codeFor(err::kUnknownRoom), "403");
    EXPECT_EQ(codeFor(err::kNotJoined), "442");
    EXPECT_EQ(codeFor(err::kNotInvited), "473");
    EXPECT_EQ(codeFor(err::kLimitReached), "471");
    EXPECT_EQ(codeFor(err::kForbidden), "482");
    EXPECT_EQ(codeFor(err::kBlocked), "NOTICE");
}

} // namespace
} // namespace toom
