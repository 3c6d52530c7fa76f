#include "client/session/CompletionFeed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom;
using namespace toom::client;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {
ServerLine parsedLine(const std::string& text) {
    auto line = ServerLine::parse(text);
    if (!line)
        throw std::runtime_error("bad test line: " + text);
    return *line;
}

ServerReply replyOf(std::vector<std::string> rows, const std::string& final) {
    ServerReply reply;
    for (const auto& row : rows)
        reply.rows.push_back(parsedLine(row));
    reply.final = parsedLine(final);
    return reply;
}

ServerReply helpReply() {
    return replyOf({"DATA HELP command=PM names=PM,message,/msgto syntax=<user>\\s<message>",
                    "DATA HELP command=WHO names=WHO,ATU,whoelse,/activeuser",
                    "DATA HELP command=UDPPORT names=UDPPORT syntax=<udp_port>",
                    "DATA HELP command=JOINGROUP names=JOINGROUP,/joingroup syntax=<name>"},
                   "OK HELP count=4 more=0");
}

/// A feed logged in as yoda, asking through a script of replies and a clock the test moves.
struct FeedScene {
    FeedScene() {
        feed.learn(replyOf({}, "OK PASS user=yoda"));
        feed.askWith([this](std::string_view line) -> std::optional<ServerReply> {
            asked.emplace_back(line);
            if (line == "HELP")
                return helpReply();
            if (line == "WHO")
                return who;
            if (line == "ROOMS")
                return rooms;
            return std::nullopt;
        });
    }
    std::vector<std::string> candidates(std::string_view line) {
        return feed.complete(line, line.size()).candidates;
    }
    CompletionFeed::Clock::time_point now{};
    CompletionFeed feed{{shapeOf({"/msg"}, "<user> <text>")}, [this] { return now; }};
    std::vector<std::string> asked;
    ServerReply who =
        replyOf({"DATA WHO user=obiwan", "DATA WHO user=luke"}, "OK WHO count=2 more=0");
    ServerReply rooms =
        replyOf({"DATA ROOMS kind=group room=jedi", "DATA ROOMS kind=separate room=3"},
                "OK ROOMS count=2 more=0");
};
} // namespace

TEST(CompletionFeedTest, TheCommandsAreAskedForOnceWhenFirstNeededAndUdpportIsHidden) {
    FeedScene scene;
    EXPECT_THAT(scene.candidates("m"), ElementsAre("message"));
    EXPECT_THAT(scene.candidates("/m"), ElementsAre("/msg", "/msgto"));
    EXPECT_THAT(scene.candidates("U"), IsEmpty());
    EXPECT_THAT(scene.asked, ElementsAre("HELP"));
}

TEST(CompletionFeedTest, UsersComeFromWhoWhenNoneMatchesAndPresenceKeepsThemCurrent) {
    FeedScene scene;
    EXPECT_THAT(scene.candidates("PM o"), ElementsAre("obiwan"));
    EXPECT_THAT(scene.asked, ElementsAre("HELP", "WHO"));
    scene.feed.learn(parsedLine("EVENT PRESENCE user=leia state=online"));
    scene.feed.learn(parsedLine("EVENT PRESENCE user=obiwan state=offline"));
    EXPECT_THAT(scene.candidates("/msg l"), ElementsAre("leia", "luke"));
    // No match: WHO again, but not twice within a few seconds.
    EXPECT_THAT(scene.candidates("PM o"), IsEmpty());
    EXPECT_THAT(scene.asked, ElementsAre("HELP", "WHO"));
    scene.now += CompletionFeed::kAskAgainAfter;
    EXPECT_THAT(scene.candidates("PM o"), ElementsAre("obiwan"));
    EXPECT_THAT(scene.asked, ElementsAre("HELP", "WHO", "WHO"));
}

TEST(CompletionFeedTest, GroupsComeFromRoomsJoinsAndInvitations) {
    FeedScene scene;
    EXPECT_THAT(scene.candidates("/joingroup j"), ElementsAre("jedi"));
    EXPECT_THAT(scene.asked, ElementsAre("HELP", "ROOMS"));
    scene.feed.learn(parsedLine("EVENT INVITE group=rebels from=leia members=leia"));
    scene.feed.learn(replyOf({}, "OK JOINGROUP group=sith members=yoda"));
    EXPECT_THAT(scene.feed.vocabulary().groups, ElementsAre("jedi", "rebels", "sith"));
}

TEST(CompletionFeedTest, NothingIsAskedBeforeTheLogin) {
    CompletionFeed feed;
    int asked = 0;
    feed.askWith([&asked](std::string_view) -> std::optional<ServerReply> {
        ++asked;
        return std::nullopt;
    });
    EXPECT_THAT(feed.complete("HE", 2).candidates, IsEmpty());
    EXPECT_EQ(asked, 0);
}

TEST(CompletionFeedTest, OneselfAndMalformedNamesAreNeverOfferedAndTheSetsAreBounded) {
    FeedScene scene;
    scene.feed.learn(parsedLine("EVENT MESSAGE from=yoda text=hi"));
    scene.feed.learn(parsedLine("EVENT MESSAGE from=han offline=1 text=old"));
    scene.feed.learn(parsedLine("EVENT PRESENCE user=a,b state=online"));
    scene.feed.learn(parsedLine("EVENT PRESENCE user=" + std::string(65, 'x') + " state=online"));
    EXPECT_THAT(scene.feed.vocabulary().users, IsEmpty());
    for (std::size_t i = 0; i < CompletionFeed::kMaxUsers + 10; ++i)
        scene.feed.learn(parsedLine("EVENT PRESENCE user=u" + std::to_string(i) + " state=online"));
    EXPECT_EQ(scene.feed.vocabulary().users.size(), CompletionFeed::kMaxUsers);
}
