// LEAVE / /leavegroup: leaving a separate room (by number) or a group (by name).

#include "commands/rooms/LeaveRoomCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

class LeaveRoomCommandTest : public ::testing::Test {
protected:
    LeaveRoomCommandTest() {
        room.id = 11;
        room.kind = RoomKind::Separate;
        room.number = 1;
        room.members = {{"hans", true}, {"yoda", true}};
        group.id = 12;
        group.kind = RoomKind::Group;
        group.name = "learning3331";
        group.members = {{"obiwan", true}, {"yoda", false}};
        ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
        ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
        ON_CALL(h.rooms, leave(_, _)).WillByDefault(Return(true));
    }

    CommandHarness h;
    Room room;
    Room group;
};

TEST_F(LeaveRoomCommandTest, LeavesASeparateRoomByNumber) {
    EXPECT_CALL(h.rooms, group(_)).Times(0);
    EXPECT_CALL(h.rooms, leave(11, "yoda"));
    Reply reply = h.run("LEAVE 1");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("room"), "1");
    EXPECT_EQ(reply.final().text(), "You left room 1");
}

TEST_F(LeaveRoomCommandTest, LeavesAGroupByName) {
    EXPECT_CALL(h.rooms, separateRoom(_)).Times(0);
    EXPECT_CALL(h.rooms, leave(12, "yoda"));
    Reply reply = h.run("LEAVE learning3331");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("room"), "learning3331");
    EXPECT_EQ(reply.final().text(), "You left learning3331");
}

// A bare number is a separate room; "#3331" is the group called 3331.
TEST_F(LeaveRoomCommandTest, HashNamesAGroupEvenWhenItsNameIsANumber) {
    Room digits = group;
    digits.id = 13;
    digits.name = "3331";
    ON_CALL(h.rooms, group("3331")).WillByDefault(Return(digits));
    EXPECT_CALL(h.rooms, separateRoom(_)).Times(0);
    EXPECT_CALL(h.rooms, leave(13, "yoda"));
    EXPECT_FALSE(h.run("LEAVE #3331").failed());
}

TEST_F(LeaveRoomCommandTest, ABareNumberIsASeparateRoomEvenWhenAGroupHasThatName) {
    Room digits = group;
    digits.name = "1";
    ON_CALL(h.rooms, group("1")).WillByDefault(Return(digits));
    EXPECT_CALL(h.rooms, group(_)).Times(0);
    EXPECT_CALL(h.rooms, leave(11, "yoda"));
    EXPECT_EQ(h.run("LEAVE 1").final().text(), "You left room 1");
}

TEST_F(LeaveRoomCommandTest, LeaveGroupIsTheSame) {
    EXPECT_CALL(h.rooms, leave(12, "yoda"));
    Reply reply = h.run("/leavegroup learning3331");
    EXPECT_EQ(reply.final().verb(), "LEAVE");
    EXPECT_FALSE(reply.failed()) << reply.wire();
}

TEST_F(LeaveRoomCommandTest, UnknownRoomOrGroupIsRefused) {
    EXPECT_CALL(h.rooms, leave(_, _)).Times(0);
    for (const char* line : {"LEAVE 2", "LEAVE learning9331"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kUnknownRoom) << line;
    }
    EXPECT_EQ(h.run("LEAVE 2").final().field("room"), "2");
}

TEST_F(LeaveRoomCommandTest, NonMemberIsRefused) {
    room.members = {{"hans", true}, {"obiwan", true}};
    ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
    ON_CALL(h.rooms, leave(11, "yoda")).WillByDefault(Return(false));
    Reply reply = h.run("LEAVE 1");
    EXPECT_EQ(reply.final().code(), err::kNotMember);
    EXPECT_EQ(reply.final().field("room"), "1");
    EXPECT_EQ(reply.final().text(), "You are not in room 1");
}

TEST_F(LeaveRoomCommandTest, NonMemberOfAGroupIsRefused) {
    group.members = {{"obiwan", true}, {"hans", false}};
    ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
    ON_CALL(h.rooms, leave(12, "yoda")).WillByDefault(Return(false));
    Reply reply = h.run("LEAVE learning3331");
    EXPECT_EQ(reply.final().code(), err::kNotMember);
    EXPECT_EQ(reply.final().text(), "You are not in learning3331");
}

} // namespace
} // namespace toom
