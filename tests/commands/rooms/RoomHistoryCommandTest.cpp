// HISTORY: one room's or group's messages later than a time, for its members.

#include "commands/rooms/RoomHistoryCommand.h"

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
using ::testing::Field;
using ::testing::Return;

using test::localTime;

class RoomHistoryCommandTest : public ::testing::Test {
protected:
    RoomHistoryCommandTest() {
        room.id = 11;
        room.kind = RoomKind::Separate;
        room.number = 1;
        room.members = {{"hans", true}, {"yoda", true}};
        group.id = 12;
        group.kind = RoomKind::Group;
        group.name = "learning3331";
        group.members = {{"obiwan", true}, {"yoda", true}};
        ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
        ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
        page.messages = {
            RoomMessage{1, 11, 1, "hans", "Hello", localTime(2022, 6, 1, 21, 39, 4)},
            RoomMessage{2, 11, 2, "yoda", "Hi  hans", localTime(2022, 6, 1, 21, 40, 9)}};
        ON_CALL(h.rooms, messagesSince(_, _, _)).WillByDefault(Return(page));
    }

    CommandHarness h;
    Room room;
    Room group;
    RoomService::Page page;
    std::int64_t since = epochSeconds(localTime(2022, 6, 1, 21, 39, 0));
};

TEST_F(RoomHistoryCommandTest, ReadsARoomFromTheTypedTime) {
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 11), since, h.settings.maxReadRows));
    Reply reply = h.run("HISTORY 1 1 Jun 2022 21:39:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.final().intField("count"), 2);
    EXPECT_EQ(reply.final().intField("more"), 0);
}

TEST_F(RoomHistoryCommandTest, RowsCarryEachMessage) {
    h.settings.padDay = false;
    Reply reply = h.run("HISTORY 1 1 Jun 2022 21:39:00");
    ASSERT_EQ(reply.rows().size(), 2u);
    const ServerLine& first = reply.rows()[0];
    EXPECT_EQ(first.kind(), LineKind::Data);
    EXPECT_EQ(first.verb(), "HISTORY");
    EXPECT_EQ(first.field("room"), "1");
    EXPECT_EQ(first.intField("n"), 1);
    EXPECT_EQ(first.field("from"), "hans");
    EXPECT_EQ(first.field("ts"), isoTime(localTime(2022, 6, 1, 21, 39, 4)));
    EXPECT_EQ(first.field("text"), "Hello");
    EXPECT_EQ(first.text(), "1; 1 Jun 2022 21:39:04; hans; Hello");
    const ServerLine& second = reply.rows()[1];
    EXPECT_EQ(second.intField("n"), 2);
    EXPECT_EQ(second.field("from"), "yoda");
    EXPECT_EQ(second.field("text"), "Hi  hans");
}

TEST_F(RoomHistoryCommandTest, ReadsAGroupByName) {
    EXPECT_CALL(h.rooms, messagesSince(Field(&Room::id, 12), since, _));
    Reply reply = h.run("HISTORY learning3331 1 Jun 2022 21:39:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.rows()[0].field("room"), "learning3331");
}

TEST_F(RoomHistoryCommandTest, LimitIsMaxReadRowsAndMoreIsPassedOn) {
    h.settings.maxReadRows = 2;
    page.more = true;
    EXPECT_CALL(h.rooms, messagesSince(_, since, 2u)).WillOnce(Return(page));
    Reply reply = h.run("HISTORY 1 1 Jun 2022 21:39:00");
    EXPECT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.final().intField("more"), 1);
}

TEST_F(RoomHistoryCommandTest, NothingNewSaysSo) {
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).WillOnce(Return(RoomService::Page{}));
    Reply reply = h.run("HISTORY 1 1 Jun 2022 21:39:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().intField("more"), 0);
    EXPECT_EQ(reply.final().text(), "no new message");
}

TEST_F(RoomHistoryCommandTest, NonMemberIsRefused) {
    room.members = {{"hans", true}, {"obiwan", true}};
    ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    Reply reply = h.run("HISTORY 1 1 Jun 2022 21:39:00");
    EXPECT_EQ(reply.final().code(), err::kNotMember);
    EXPECT_EQ(reply.final().text(), "You are not in room 1");
}

TEST_F(RoomHistoryCommandTest, UnknownRoomIsRefused) {
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    EXPECT_EQ(h.run("HISTORY 2 1 Jun 2022 21:39:00").final().code(), err::kUnknownRoom);
    EXPECT_EQ(h.run("HISTORY learning9331 1 Jun 2022 21:39:00").final().code(), err::kUnknownRoom);
}

TEST_F(RoomHistoryCommandTest, BadTimestampIsRefused) {
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    for (const char* line : {"HISTORY 1 32 Jun 2022 21:39:00", "HISTORY 1 1 Jux 2022 21:39:00",
                             "HISTORY 1 1 Jun 2022 25:39:00", "HISTORY 1 1 Jun 2022 noon"})
        EXPECT_EQ(h.run(line).final().code(), err::kBadTimestamp) << line;
}

// --- without a time: the latest ------------------------------------------------------------

TEST_F(RoomHistoryCommandTest, ARoomAloneReadsItsLatestMessages) {
    RoomService::Page latest = page;
    latest.more = true;
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    EXPECT_CALL(h.rooms, latestMessages(Field(&Room::id, 12), h.settings.recentRows))
        .WillOnce(Return(latest));
    Reply reply = h.run("HISTORY #learning3331");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[1].field("text"), "Hi  hans");
    EXPECT_EQ(reply.rows()[1].field("room"), "#learning3331");
    EXPECT_EQ(reply.final().intField("more"), 1);
}

TEST_F(RoomHistoryCommandTest, TheLatestWorkInEveryProfile) {
    // HISTORY is Toom's own command: no seed form to keep.
    h.settings.shortForms = false;
    EXPECT_CALL(h.rooms, latestMessages(Field(&Room::id, 11), _)).WillOnce(Return(page));
    EXPECT_EQ(h.run("HISTORY 1").rows().size(), 2u);
}

TEST_F(RoomHistoryCommandTest, AnEmptyRoomSaysSo) {
    ON_CALL(h.rooms, latestMessages(_, _)).WillByDefault(Return(RoomService::Page{}));
    Reply reply = h.run("HISTORY 1");
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_THAT(reply.final().text(), ::testing::StartsWith("no message in "));
}

TEST_F(RoomHistoryCommandTest, TheLatestStillCheckMembership) {
    EXPECT_CALL(h.rooms, latestMessages(_, _)).Times(0);
    EXPECT_EQ(h.run("HISTORY 2").final().code(), err::kUnknownRoom);
    room.members = {{"hans", true}};
    ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
    EXPECT_EQ(h.run("HISTORY 1").final().code(), err::kNotMember);
}

TEST_F(RoomHistoryCommandTest, AnIncompleteTimeIsBadTimestamp) {
    EXPECT_EQ(h.run("HISTORY 1 1 Jun 2022").final().code(), err::kBadTimestamp);
}

} // namespace
} // namespace toom
