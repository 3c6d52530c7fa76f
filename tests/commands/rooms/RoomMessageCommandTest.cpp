// SRM / ROOMMSG: posting to a separate room the caller is in, and pushing the message to the
// room's other members (never across a block).

#include "commands/rooms/RoomMessageCommand.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/LocalTime.h"
#include "support/mocks/MockServices.h"

#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Field;
using ::testing::Return;
using ::testing::UnorderedElementsAre;

using test::localTime;

class RoomMessageCommandTest : public ::testing::Test {
protected:
    RoomMessageCommandTest() {
        h.clock.set(localTime(2022, 6, 1, 21, 39, 4));
        room.id = 11;
        room.kind = RoomKind::Separate;
        room.number = 1;
        room.creator = "yoda";
        room.members = {{"yoda", true}, {"hans", true}, {"obiwan", true}};
        ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
        ON_CALL(h.rooms, post(_, _, _))
            .WillByDefault(
                [this](const Room& r, const std::string& sender, const std::string& text) {
                    return RoomMessage{99, r.id, 1, sender, text, h.clock.now()};
                });
        ON_CALL(h.messenger, sendTo(_, _))
            .WillByDefault([this](const std::string& user, const ServerLine& event) {
                sent[user] = event;
                return true;
            });
    }

    /// The users something was pushed to.
    std::vector<std::string> recipients() const {
        std::vector<std::string> out;
        for (const auto& [user, event] : sent)
            out.push_back(user);
        return out;
    }

    CommandHarness h;
    Room room;
    std::map<std::string, ServerLine> sent;
};

// --- refusals -------------------------------------------------------------------------------

TEST_F(RoomMessageCommandTest, UnknownRoomIsRefused) {
    ON_CALL(h.rooms, separateRoom(2)).WillByDefault(Return(std::nullopt));
    EXPECT_CALL(h.rooms, post(_, _, _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("SRM 2 hello");
    EXPECT_EQ(reply.final().code(), err::kUnknownRoom);
    EXPECT_EQ(reply.final().field("room"), "2");
    EXPECT_EQ(reply.final().text(), "The separate room does not exist");
}

TEST_F(RoomMessageCommandTest, NonNumericRoomIsUnknownWithoutALookup) {
    EXPECT_CALL(h.rooms, separateRoom(_)).Times(0);
    EXPECT_CALL(h.rooms, post(_, _, _)).Times(0);
    for (const char* line : {"SRM abc hello", "SRM 0 hello", "SRM -1 hello", "SRM 1x hello",
                             "SRM learning3331 hello"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kUnknownRoom) << line;
        EXPECT_EQ(reply.final().text(), "The separate room does not exist") << line;
    }
}

TEST_F(RoomMessageCommandTest, NonMemberIsRefused) {
    room.members = {{"hans", true}, {"obiwan", true}};
    ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
    EXPECT_CALL(h.rooms, post(_, _, _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("SRM 1 hello");
    EXPECT_EQ(reply.final().code(), err::kNotMember);
    EXPECT_EQ(reply.final().intField("room"), 1);
    EXPECT_EQ(reply.final().text(), "You are not in this separate room chat");
}

// --- posting --------------------------------------------------------------------------------

TEST_F(RoomMessageCommandTest, PostsTheRestOfTheLine) {
    EXPECT_CALL(h.rooms, post(Field(&Room::id, 11), "yoda", "Hello   there,  room!"));
    Reply reply = h.run("SRM 1 Hello   there,  room!");
    EXPECT_FALSE(reply.failed()) << reply.wire();
}

TEST_F(RoomMessageCommandTest, ReplyCarriesRoomNumberAndTime) {
    ON_CALL(h.rooms, post(_, _, _))
        .WillByDefault([this](const Room& r, const std::string& sender, const std::string& text) {
            return RoomMessage{99, r.id, 7, sender, text, h.clock.now()};
        });
    Reply reply = h.run("SRM 1 hello");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "ROOMMSG");
    EXPECT_EQ(reply.final().intField("room"), 1);
    EXPECT_EQ(reply.final().intField("n"), 7);
    EXPECT_EQ(reply.final().field("ts"), isoTime(h.clock.now()));
    EXPECT_TRUE(reply.rows().empty());
}

TEST_F(RoomMessageCommandTest, ReplyTextFollowsPadDay) {
    h.settings.padDay = false;
    EXPECT_EQ(h.run("SRM 1 hi").final().text(),
              "Separate room message, #1 issued at 1 Jun 2022 21:39:04.");
    h.settings.padDay = true;
    EXPECT_EQ(h.run("ROOMMSG 1 hi").final().text(),
              "Separate room message, #1 issued at 01 Jun 2022 21:39:04.");
}

// --- the push -------------------------------------------------------------------------------

TEST_F(RoomMessageCommandTest, PushesARoomEventToTheOtherMembers) {
    Reply reply = h.run("SRM 1 hello  there");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_THAT(recipients(), UnorderedElementsAre("hans", "obiwan"));
    const ServerLine& event = sent["hans"];
    EXPECT_EQ(event.kind(), LineKind::Event);
    EXPECT_EQ(event.verb(), ev::kRoom);
    EXPECT_EQ(event.field("kind"), "separate");
    EXPECT_EQ(event.field("room"), "1");
    EXPECT_EQ(event.intField("n"), 1);
    EXPECT_EQ(event.field("from"), "yoda");
    EXPECT_EQ(event.field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(event.field("text"), "hello  there");
    EXPECT_EQ(sent["obiwan"], event);
}

TEST_F(RoomMessageCommandTest, EventTextFollowsTheMessageStyle) {
    h.settings.messageStyle = MessageStyle::Plain;
    h.run("SRM 1 hi");
    EXPECT_EQ(sent["hans"].text(), "room 1, yoda: hi");

    h.settings.messageStyle = MessageStyle::Timestamped;
    h.settings.padDay = false;
    h.run("SRM 1 hi");
    EXPECT_EQ(sent["hans"].text(), "1 Jun 2022 21:39:04, room 1, yoda: hi");
}

TEST_F(RoomMessageCommandTest, NothingIsPushedToTheSender) {
    EXPECT_CALL(h.messenger, sendTo("yoda", _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo("hans", _));
    EXPECT_CALL(h.messenger, sendTo("obiwan", _));
    EXPECT_FALSE(h.run("SRM 1 hi").failed());
}

TEST_F(RoomMessageCommandTest, OfflineMembersAreSkippedQuietly) {
    // The messenger knows who is online: a member it cannot reach just misses the push.
    EXPECT_CALL(h.messenger, sendTo("hans", _)).WillOnce(Return(false));
    EXPECT_CALL(h.messenger, sendTo("obiwan", _)).WillOnce(Return(true));
    Reply reply = h.run("SRM 1 hi");
    EXPECT_FALSE(reply.failed()) << reply.wire();
}

TEST_F(RoomMessageCommandTest, MemberWhoBlockedTheSenderGetsNothing) {
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    Reply reply = h.run("SRM 1 hi");
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_THAT(recipients(), UnorderedElementsAre("obiwan"));
}

// One-way: the sender's own block does not hold back what the sender says.
TEST_F(RoomMessageCommandTest, MemberTheSenderBlockedStillGetsIt) {
    ON_CALL(h.blocks, isBlocking("yoda", "obiwan")).WillByDefault(Return(true));
    Reply reply = h.run("SRM 1 hi");
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_THAT(recipients(), UnorderedElementsAre("hans", "obiwan"));
}

TEST_F(RoomMessageCommandTest, BlocksBetweenOtherMembersDoNotMatter) {
    ON_CALL(h.blocks, isBlocking("hans", "obiwan")).WillByDefault(Return(true));
    ON_CALL(h.blocks, isBlocking("obiwan", "hans")).WillByDefault(Return(true));
    h.run("SRM 1 hi");
    EXPECT_THAT(recipients(), UnorderedElementsAre("hans", "obiwan"));
}

TEST_F(RoomMessageCommandTest, MessageIsStoredEvenWhenNobodyGetsIt) {
    ON_CALL(h.messenger, sendTo(_, _)).WillByDefault(Return(false));
    EXPECT_CALL(h.rooms, post(_, "yoda", "hi"));
    EXPECT_FALSE(h.run("SRM 1 hi").failed());
}

TEST_F(RoomMessageCommandTest, SpecNamesEveryDialect) {
    const CommandSpec s = RoomMessageCommand::spec();
    EXPECT_EQ(s.canonical, "ROOMMSG");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, ::testing::UnorderedElementsAre("ROOMMSG", "SRM"));
    EXPECT_TRUE(s.lastArgIsText);
}

} // namespace
} // namespace toom
