// RDM s (variant C): messages later than a time in every separate room the caller is in, or in
// one room; groups are not part of it.

#include "commands/board/ReadBoardCommand.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/LocalTime.h"
#include "support/ModelValues.h"
#include "support/mocks/MockServices.h"

#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Field;
using ::testing::InSequence;
using ::testing::Return;

using test::localTime;
using test::separate;

RoomMessage message(std::int64_t roomId, int number, const std::string& sender,
                    const std::string& text, Poco::Timestamp time) {
    return RoomMessage{roomId * 100 + number, roomId, number, sender, text, time};
}

RoomService::Page pageOf(std::vector<RoomMessage> messages, bool more = false) {
    RoomService::Page page;
    page.messages = std::move(messages);
    page.more = more;
    return page;
}

class ReadBoardRoomsTest : public ::testing::Test {
protected:
    ReadBoardRoomsTest() {
        room1 = separate(11, 1, {{"yoda", true}, {"hans", true}});
        room2 = separate(12, 2, {{"obiwan", true}, {"yoda", true}});
        group.id = 13;
        group.kind = RoomKind::Group;
        group.name = "learning3331";
        group.members = {{"yoda", true}, {"hans", true}};
        ON_CALL(h.rooms, roomsOf("yoda"))
            .WillByDefault(Return(std::vector<Room>{room1, group, room2}));
        ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room1));
        ON_CALL(h.rooms, separateRoom(2)).WillByDefault(Return(room2));
        ON_CALL(h.rooms, messagesSince(Field(&Room::id, 11), _, _))
            .WillByDefault(Return(pageOf(
                {message(11, 1, "hans", "Hello", t1), message(11, 2, "yoda", "Hi hans", t2)})));
        ON_CALL(h.rooms, messagesSince(Field(&Room::id, 12), _, _))
            .WillByDefault(Return(pageOf({message(12, 1, "obiwan", "Room two", t3)})));
        ON_CALL(h.rooms, messagesSince(Field(&Room::id, 13), _, _))
            .WillByDefault(Return(pageOf({message(13, 1, "hans", "group talk", t3)})));
    }

    CommandHarness h;
    Room room1;
    Room room2;
    Room group;
    Poco::Timestamp t1 = localTime(2022, 6, 1, 21, 39, 4);
    Poco::Timestamp t2 = localTime(2022, 6, 1, 21, 40, 0);
    Poco::Timestamp t3 = localTime(2022, 6, 1, 21, 41, 30);
    std::int64_t since = epochSeconds(localTime(2022, 6, 1, 21, 39, 0));
};

// --- every room -------------------------------------------------------------------------------

TEST_F(ReadBoardRoomsTest, ReadsEverySeparateRoomOfTheCallerInRoomOrder) {
    EXPECT_CALL(h.board, since(_, _)).Times(0);
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 13), _, _)).Times(0);
    {
        InSequence order;
        EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 11), since, h.settings.maxReadRows));
        EXPECT_CALL(h.rooms,
                    messagesSince(Field(&Room::id, 12), since, h.settings.maxReadRows - 2));
    }
    Reply reply = h.run("RDM s 1 Jun 2022 21:39:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 3u);
    EXPECT_EQ(reply.rows()[0].intField("room"), 1);
    EXPECT_EQ(reply.rows()[0].intField("n"), 1);
    EXPECT_EQ(reply.rows()[1].intField("room"), 1);
    EXPECT_EQ(reply.rows()[1].intField("n"), 2);
    EXPECT_EQ(reply.rows()[2].intField("room"), 2);
    EXPECT_EQ(reply.rows()[2].intField("n"), 1);
    EXPECT_EQ(reply.final().intField("count"), 3);
    EXPECT_EQ(reply.final().intField("more"), 0);
}

TEST_F(ReadBoardRoomsTest, RowsCarryEachMessage) {
    h.settings.padDay = false;
    Reply reply = h.run("RDM s 1 Jun 2022 21:39:00");
    ASSERT_EQ(reply.rows().size(), 3u);
    const ServerLine& row = reply.rows()[0];
    EXPECT_EQ(row.kind(), LineKind::Data);
    EXPECT_EQ(row.verb(), "READ");
    EXPECT_EQ(row.field("kind"), "separate");
    EXPECT_EQ(row.intField("room"), 1);
    EXPECT_EQ(row.intField("n"), 1);
    EXPECT_EQ(row.field("user"), "hans");
    EXPECT_EQ(row.field("ts"), isoTime(t1));
    EXPECT_EQ(row.field("text"), "Hello");
    EXPECT_EQ(row.text(), "room 1: 1; 1 Jun 2022 21:39:04; hans; Hello");
    EXPECT_EQ(reply.rows()[2].text(), "room 2: 1; 1 Jun 2022 21:41:30; obiwan; Room two");
}

TEST_F(ReadBoardRoomsTest, ReadIsTheSameAsRdm) {
    Reply reply = h.run("READ s 1 Jun 2022 21:39:00");
    EXPECT_EQ(reply.rows().size(), 3u);
}

TEST_F(ReadBoardRoomsTest, GroupsAloneGiveNoMessages) {
    ON_CALL(h.rooms, roomsOf("yoda")).WillByDefault(Return(std::vector<Room>{group}));
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    Reply reply = h.run("RDM s 1 Jun 2022 21:39:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().text(), "no new message");
}

TEST_F(ReadBoardRoomsTest, LimitIsOverAllRooms) {
    h.settings.maxReadRows = 3;
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 11), since, 3u));
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 12), since, 1u))
        .WillOnce(Return(pageOf({message(12, 1, "obiwan", "Room two", t3)}, true)));
    Reply reply = h.run("RDM s 1 Jun 2022 21:39:00");
    EXPECT_EQ(reply.rows().size(), 3u);
    EXPECT_EQ(reply.final().intField("count"), 3);
    EXPECT_EQ(reply.final().intField("more"), 1);
}

TEST_F(ReadBoardRoomsTest, AFullFirstRoomStopsTheRead) {
    h.settings.maxReadRows = 2;
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 11), since, 2u))
        .WillOnce(Return(pageOf(
            {message(11, 1, "hans", "Hello", t1), message(11, 2, "yoda", "Hi hans", t2)}, true)));
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 12), _, _)).Times(0);
    Reply reply = h.run("RDM s 1 Jun 2022 21:39:00");
    EXPECT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.final().intField("more"), 1);
}

TEST_F(ReadBoardRoomsTest, MoreInAnEarlierRoomIsReported) {
    h.settings.maxReadRows = 5;
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 11), since, 5u))
        .WillOnce(Return(pageOf({message(11, 1, "hans", "Hello", t1)}, true)));
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 12), since, 4u));
    Reply reply = h.run("RDM s 1 Jun 2022 21:39:00");
    EXPECT_EQ(reply.final().intField("count"), 2);
    EXPECT_EQ(reply.final().intField("more"), 1);
}

// When the rows exactly fill maxReadRows and no room has anything more, more is 0.
TEST_F(ReadBoardRoomsTest, ExactlyTheLimitWithNothingLeftIsNotMore) {
    h.settings.maxReadRows = 3;
    Reply reply = h.run("RDM s 1 Jun 2022 21:39:00"); // 2 + 1 rows, nothing beyond them.
    EXPECT_EQ(reply.final().intField("count"), 3);
    EXPECT_EQ(reply.final().intField("more"), 0);
}

// --- one room ---------------------------------------------------------------------------------

TEST_F(ReadBoardRoomsTest, OneRoomReadsOnlyIt) {
    EXPECT_CALL(h.rooms, roomsOf(_)).Times(0);
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 11), _, _)).Times(0);
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 12), since, h.settings.maxReadRows));
    Reply reply = h.run("RDM s 2 1 Jun 2022 21:39:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 1u);
    EXPECT_EQ(reply.rows()[0].intField("room"), 2);
    EXPECT_EQ(reply.rows()[0].field("text"), "Room two");
    EXPECT_EQ(reply.final().intField("count"), 1);
}

TEST_F(ReadBoardRoomsTest, OneUnknownRoomIsRefused) {
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    for (const char* line : {"RDM s 3 1 Jun 2022 21:39:00", "RDM s x 1 Jun 2022 21:39:00",
                             "RDM s learning3331 1 Jun 2022 21:39:00"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kUnknownRoom) << line;
        EXPECT_EQ(reply.final().text(), "The separate room does not exist") << line;
    }
}

TEST_F(ReadBoardRoomsTest, OneRoomOfOthersIsRefused) {
    ON_CALL(h.rooms, separateRoom(3))
        .WillByDefault(Return(separate(14, 3, {{"hans", true}, {"obiwan", true}})));
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    Reply reply = h.run("RDM s 3 1 Jun 2022 21:39:00");
    EXPECT_EQ(reply.final().code(), err::kNotMember);
    EXPECT_EQ(reply.final().field("room"), "3");
    EXPECT_EQ(reply.final().text(), "You are not in this separate room chat");
}

TEST_F(ReadBoardRoomsTest, BadTimestampIsCheckedBeforeTheRooms) {
    EXPECT_CALL(h.rooms, roomsOf(_)).Times(0);
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    EXPECT_EQ(h.run("RDM s 1 Jux 2022 21:39:00").final().code(), err::kBadTimestamp);
    EXPECT_EQ(h.run("RDM s 1 1 Jux 2022 21:39:00").final().code(), err::kBadTimestamp);
}

} // namespace
} // namespace toom
