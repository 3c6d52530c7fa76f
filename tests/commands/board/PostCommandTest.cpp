// MSG / BCM / broadcast / POST: posting to the public board and pushing it to everyone online.

#include "commands/board/PostCommand.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/LocalTime.h"
#include "support/mocks/MockServices.h"

#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

using test::localTime;

class PostCommandTest : public ::testing::Test {
protected:
    PostCommandTest() {
        h.clock.set(localTime(2021, 2, 23, 15, 0, 1));
        ON_CALL(h.board, post(_, _))
            .WillByDefault([this](const std::string& author, const std::string& text) {
                BoardPost p;
                p.id = 11;
                p.number = 1;
                p.author = author;
                p.text = text;
                p.time = h.clock.now();
                return p;
            });
    }

    /// Makes messenger.broadcast offer the event to `viewers` through the accept function,
    /// recording the event, the excluded user and who was accepted.
    void broadcastTo(std::vector<std::string> viewers) {
        ON_CALL(h.messenger, broadcast(_, _, _))
            .WillByDefault([this, viewers](const ServerLine& event, const std::string& except,
                                           const std::function<bool(const std::string&)>& accept) {
                sent = event;
                excluded = except;
                std::size_t count = 0;
                for (const auto& viewer : viewers) {
                    if (accept(viewer)) {
                        accepted.push_back(viewer);
                        ++count;
                    }
                }
                return count;
            });
    }

    CommandHarness h;
    ServerLine sent;
    std::string excluded;
    std::vector<std::string> accepted;
};

// --- empty text -------------------------------------------------------------------------------

TEST_F(PostCommandTest, NoTextIsEmptyMessage) {
    EXPECT_CALL(h.board, post(_, _)).Times(0);
    EXPECT_CALL(h.messenger, broadcast(_, _, _)).Times(0);
    for (const char* line : {"MSG", "MSG    ", "BCM", "broadcast", "POST  \t "}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kEmptyMessage) << line;
    }
}

// --- what is posted -------------------------------------------------------------------------

TEST_F(PostCommandTest, PostsTheRestOfTheLineWithSpacingKept) {
    EXPECT_CALL(h.board, post("yoda", "Hello   there,  world!"));
    Reply reply = h.run("MSG Hello   there,  world!");
    EXPECT_FALSE(reply.failed()) << reply.wire();
}

TEST_F(PostCommandTest, EveryNamePostsToTheBoard) {
    EXPECT_CALL(h.board, post("yoda", "hi")).Times(4);
    for (const char* line : {"MSG hi", "BCM hi", "broadcast hi", "POST hi"})
        EXPECT_FALSE(h.run(line).failed()) << line;
}

// --- wording per name typed -------------------------------------------------------------------

TEST_F(PostCommandTest, MsgWordingIsVariantB) {
    Reply reply = h.run("MSG Hello");
    EXPECT_EQ(reply.final().text(), "Message #1 posted at 23 Feb 2021 15:00:01.");
}

TEST_F(PostCommandTest, PostUsesTheSameWordingAsMsg) {
    Reply reply = h.run("POST Hello");
    EXPECT_EQ(reply.final().text(), "Message #1 posted at 23 Feb 2021 15:00:01.");
}

TEST_F(PostCommandTest, BcmWordingIsVariantC) {
    Reply reply = h.run("BCM Hello");
    EXPECT_EQ(reply.final().text(), "Broadcast message, #1 broadcast at 23 Feb 2021 15:00:01.");
}

TEST_F(PostCommandTest, BroadcastHasNoText) {
    Reply reply = h.run("broadcast Hello");
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().text(), "");
}

TEST_F(PostCommandTest, NameIsCaseInsensitive) {
    Reply reply = h.run("msg Hello");
    EXPECT_EQ(reply.final().text(), "Message #1 posted at 23 Feb 2021 15:00:01.");
}

TEST_F(PostCommandTest, PadDaySettingIsRespected) {
    h.clock.set(localTime(2023, 6, 1, 15, 0, 1));
    h.settings.padDay = true;
    EXPECT_EQ(h.run("MSG hi").final().text(), "Message #1 posted at 01 Jun 2023 15:00:01.");
    h.settings.padDay = false;
    EXPECT_EQ(h.run("MSG hi").final().text(), "Message #1 posted at 1 Jun 2023 15:00:01.");
    EXPECT_EQ(h.run("BCM hi").final().text(),
              "Broadcast message, #1 broadcast at 1 Jun 2023 15:00:01.");
}

// --- fields ---------------------------------------------------------------------------------

TEST_F(PostCommandTest, ReplyFieldsCarryNumberTimeAndBlockedCount) {
    ON_CALL(h.board, post(_, _)).WillByDefault([this](const std::string&, const std::string& t) {
        return BoardPost{42, 7, "yoda", t, h.clock.now(), false};
    });
    Reply reply = h.run("MSG hi");
    ASSERT_FALSE(reply.failed());
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().verb(), "POST");
    EXPECT_EQ(reply.final().intField("n"), 7);
    EXPECT_EQ(reply.final().field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(reply.final().intField("blocked"), 0);
    EXPECT_EQ(reply.final().text(), "Message #7 posted at 23 Feb 2021 15:00:01.");
}

// --- the live push --------------------------------------------------------------------------

TEST_F(PostCommandTest, BroadcastsABoardEventExcludingTheAuthor) {
    broadcastTo({"obiwan", "luke"});
    EXPECT_CALL(h.messenger, broadcast(_, "yoda", _));
    Reply reply = h.run("MSG Hello  world");
    ASSERT_FALSE(reply.failed());

    EXPECT_EQ(excluded, "yoda");
    EXPECT_EQ(sent.kind(), LineKind::Event);
    EXPECT_EQ(sent.verb(), ev::kBoard);
    EXPECT_EQ(sent.field("action"), "posted");
    EXPECT_EQ(sent.intField("n"), 1);
    EXPECT_EQ(sent.field("user"), "yoda");
    EXPECT_EQ(sent.field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(sent.intField("edited"), 0);
    EXPECT_EQ(sent.field("text"), "Hello  world");
    EXPECT_THAT(accepted, ::testing::ElementsAre("obiwan", "luke"));
}

TEST_F(PostCommandTest, EventTextFollowsTheMessageStyle) {
    broadcastTo({"obiwan"});
    h.settings.messageStyle = MessageStyle::Plain;
    h.run("broadcast Hello");
    EXPECT_EQ(sent.text(), "yoda: Hello");

    h.settings.messageStyle = MessageStyle::Timestamped;
    h.settings.padDay = true;
    h.run("MSG Hello");
    EXPECT_THAT(sent.text(), ::testing::HasSubstr("23 Feb 2021 15:00:01, yoda: Hello"));
}

// One-way (variant A's broadcast rule): the author's own block does not hold back the post.
TEST_F(PostCommandTest, AcceptTakesUsersTheAuthorHasBlocked) {
    ON_CALL(h.blocks, isBlocking("yoda", "hans")).WillByDefault(Return(true));
    broadcastTo({"hans", "luke"});
    Reply reply = h.run("MSG Hello");
    EXPECT_THAT(accepted, ::testing::ElementsAre("hans", "luke"));
    EXPECT_EQ(reply.final().intField("blocked"), 0);
    EXPECT_EQ(reply.final().text(), "Message #1 posted at 23 Feb 2021 15:00:01.");
}

TEST_F(PostCommandTest, AcceptRefusesAViewerWhoBlockedTheAuthorAndTellsTheAuthor) {
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    bool acceptsHans = true;
    bool acceptsObiwan = false;
    EXPECT_CALL(h.messenger, broadcast(_, "yoda", _))
        .WillOnce([&](const ServerLine&, const std::string&,
                      const std::function<bool(const std::string&)>& given) {
            acceptsHans = given("hans");
            acceptsObiwan = given("obiwan");
            return std::size_t{1};
        });
    Reply reply = h.run("MSG Hello");
    EXPECT_FALSE(acceptsHans);
    EXPECT_TRUE(acceptsObiwan);
    ASSERT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().intField("blocked"), 1);
    EXPECT_EQ(reply.final().text(), "Message #1 posted at 23 Feb 2021 15:00:01. "
                                    "Your message could not be delivered to some recipients");
}

TEST_F(PostCommandTest, AcceptRefusesUsersWhoBlockedTheAuthor) {
    // Variant A: a broadcast skips those who blocked the sender, and the sender is told.
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    broadcastTo({"hans", "luke"});
    Reply reply = h.run("MSG Hello");
    EXPECT_THAT(accepted, ::testing::ElementsAre("luke"));
    EXPECT_EQ(reply.final().intField("blocked"), 1);
}

TEST_F(PostCommandTest, BlocksBetweenOtherUsersDoNotMatter) {
    ON_CALL(h.blocks, isBlocking("hans", "luke")).WillByDefault(Return(true));
    ON_CALL(h.blocks, isBlocking("luke", "hans")).WillByDefault(Return(true));
    broadcastTo({"hans", "luke"});
    Reply reply = h.run("MSG Hello");
    EXPECT_THAT(accepted, ::testing::ElementsAre("hans", "luke"));
    EXPECT_EQ(reply.final().intField("blocked"), 0);
    EXPECT_EQ(reply.final().text(), "Message #1 posted at 23 Feb 2021 15:00:01.");
}

TEST_F(PostCommandTest, BroadcastSaysSomeWereSkippedInVariantAWording) {
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    broadcastTo({"hans", "luke"});
    Reply reply = h.run("broadcast Hello");
    ASSERT_FALSE(reply.failed());
    EXPECT_THAT(accepted, ::testing::ElementsAre("luke"));
    EXPECT_EQ(reply.final().intField("blocked"), 1);
    EXPECT_EQ(reply.final().text(), "Your message could not be delivered to some recipients");
}

TEST_F(PostCommandTest, BlockedCountsEveryUserSkipped) {
    ON_CALL(h.blocks, isBlocking(_, "yoda")).WillByDefault(Return(true));
    broadcastTo({"hans", "luke", "obiwan"});
    Reply reply = h.run("BCM Hello");
    EXPECT_TRUE(accepted.empty());
    EXPECT_EQ(reply.final().intField("blocked"), 3);
    EXPECT_EQ(reply.final().text(), "Broadcast message, #1 broadcast at 23 Feb 2021 15:00:01. "
                                    "Your message could not be delivered to some recipients");
}

TEST_F(PostCommandTest, SpecNamesEveryDialect) {
    const CommandSpec s = PostCommand::spec();
    EXPECT_EQ(s.canonical, "POST");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, ::testing::UnorderedElementsAre("POST", "MSG", "BCM", "broadcast"));
    EXPECT_TRUE(s.requiresLogin);
    EXPECT_TRUE(s.lastArgIsText);
}

} // namespace
} // namespace toom
