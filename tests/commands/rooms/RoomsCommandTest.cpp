// ROOMS / groups: the caller's separate rooms and groups with their joined and invited members.

#include "commands/rooms/RoomsCommand.h"

#include "common/Protocol.h"
#include "support/ModelValues.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using test::group;
using test::separate;
using ::testing::_;
using ::testing::Return;

class RoomsCommandTest : public ::testing::Test {
protected:
    CommandHarness h;
};

TEST_F(RoomsCommandTest, NoRoomsSaysSo) {
    EXPECT_CALL(h.rooms, roomsOf("yoda")).WillOnce(Return(std::vector<Room>{}));
    Reply reply = h.run("ROOMS");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().text(), "You are in no room or group chat");
}

TEST_F(RoomsCommandTest, ListsEachRoomInTheServicesOrder) {
    EXPECT_CALL(h.rooms, roomsOf("yoda"))
        .WillOnce(Return(std::vector<Room>{
            separate(1, 2, {{"hans", true}, {"yoda", true}}),
            group(2, "learning3331", {{"obiwan", true}, {"yoda", true}, {"luke", false}}),
            group(3, "Comp3331", {{"hans", true}, {"yoda", false}}),
        }));
    Reply reply = h.run("ROOMS");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 3u);
    EXPECT_EQ(reply.final().intField("count"), 3);

    const ServerLine& room = reply.rows()[0];
    EXPECT_EQ(room.kind(), LineKind::Data);
    EXPECT_EQ(room.verb(), "ROOMS");
    EXPECT_EQ(room.field("kind"), "separate");
    EXPECT_EQ(room.field("room"), "2");
    EXPECT_EQ(room.field("members"), "hans,yoda");
    EXPECT_EQ(room.field("invited"), "");
    EXPECT_EQ(room.intField("joined"), 1);
    EXPECT_EQ(room.text(), "room 2: hans, yoda");

    const ServerLine& joined = reply.rows()[1];
    EXPECT_EQ(joined.field("kind"), "group");
    EXPECT_EQ(joined.field("room"), "learning3331");
    EXPECT_EQ(joined.field("members"), "obiwan,yoda");
    EXPECT_EQ(joined.field("invited"), "luke");
    EXPECT_EQ(joined.intField("joined"), 1);
    EXPECT_EQ(joined.text(), "group learning3331: obiwan, yoda (invited: luke)");

    const ServerLine& invited = reply.rows()[2];
    EXPECT_EQ(invited.field("kind"), "group");
    EXPECT_EQ(invited.field("room"), "Comp3331");
    EXPECT_EQ(invited.field("members"), "hans");
    EXPECT_EQ(invited.field("invited"), "yoda");
    EXPECT_EQ(invited.intField("joined"), 0);
}

TEST_F(RoomsCommandTest, GroupsNameIsTheSame) {
    EXPECT_CALL(h.rooms, roomsOf("yoda"))
        .WillOnce(Return(std::vector<Room>{separate(1, 1, {{"yoda", true}, {"hans", true}})}));
    Reply reply = h.run("/groups");
    EXPECT_EQ(reply.final().verb(), "ROOMS");
    EXPECT_EQ(reply.rows().size(), 1u);
}

} // namespace
} // namespace toom
