// Room: member lookups, joined flags, member names, labels; and the group-name rule.

#include "models/Room.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace toom {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Room makeGroup() {
    Room room;
    room.id = 7;
    room.kind = RoomKind::Group;
    room.name = "learning3331";
    room.creator = "yoda";
    room.members = {{"yoda", true}, {"hans", false}, {"obiwan", true}, {"luke", false}};
    return room;
}

Room makeSeparate(int number) {
    Room room;
    room.id = 3;
    room.kind = RoomKind::Separate;
    room.number = number;
    room.creator = "yoda";
    room.members = {{"yoda", true}, {"hans", true}};
    return room;
}

// --- members --------------------------------------------------------------------------------

TEST(RoomTest, MemberFindsTheEntryOfAnInvitedOrJoinedUser) {
    const Room room = makeGroup();
    const RoomMember* hans = room.member("hans");
    ASSERT_NE(hans, nullptr);
    EXPECT_EQ(hans->username, "hans");
    EXPECT_FALSE(hans->joined);
    const RoomMember* obiwan = room.member("obiwan");
    ASSERT_NE(obiwan, nullptr);
    EXPECT_TRUE(obiwan->joined);
    EXPECT_EQ(obiwan, &room.members[2]); // The entry itself, not a copy.
}

TEST(RoomTest, MemberIsNullForOthers) {
    const Room room = makeGroup();
    EXPECT_EQ(room.member("vader"), nullptr);
    EXPECT_EQ(room.member(""), nullptr);
    EXPECT_EQ(room.member("Yoda"), nullptr); // Names are case-sensitive.
}

TEST(RoomTest, IsMemberCountsInvitedAndJoined) {
    const Room room = makeGroup();
    EXPECT_TRUE(room.isMember("yoda"));
    EXPECT_TRUE(room.isMember("hans"));
    EXPECT_TRUE(room.isMember("luke"));
    EXPECT_FALSE(room.isMember("vader"));
}

TEST(RoomTest, HasJoinedOnlyForJoinedMembers) {
    const Room room = makeGroup();
    EXPECT_TRUE(room.hasJoined("yoda"));
    EXPECT_TRUE(room.hasJoined("obiwan"));
    EXPECT_FALSE(room.hasJoined("hans"));
    EXPECT_FALSE(room.hasJoined("vader"));
}

TEST(RoomTest, EmptyRoomHasNoMembers) {
    const Room room;
    EXPECT_FALSE(room.isMember("yoda"));
    EXPECT_FALSE(room.hasJoined("yoda"));
    EXPECT_THAT(room.memberNames(), IsEmpty());
    EXPECT_THAT(room.memberNames(true), IsEmpty());
}

TEST(RoomTest, MemberNamesKeepTheOrderOfAddition) {
    const Room room = makeGroup();
    EXPECT_THAT(room.memberNames(), ElementsAre("yoda", "hans", "obiwan", "luke"));
    EXPECT_THAT(room.memberNames(false), ElementsAre("yoda", "hans", "obiwan", "luke"));
}

TEST(RoomTest, MemberNamesJoinedOnlyLeavesOutTheInvited) {
    const Room room = makeGroup();
    EXPECT_THAT(room.memberNames(true), ElementsAre("yoda", "obiwan"));
}

// --- labels ---------------------------------------------------------------------------------

TEST(RoomTest, SeparateRoomLabelIsItsNumber) {
    EXPECT_EQ(makeSeparate(1).label(), "room 1");
    EXPECT_EQ(makeSeparate(42).label(), "room 42");
}

TEST(RoomTest, GroupLabelIsItsName) {
    EXPECT_EQ(makeGroup().label(), "learning3331");
}

TEST(RoomTest, DefaultRoomIsSeparate) {
    const Room room;
    EXPECT_EQ(room.kind, RoomKind::Separate);
    EXPECT_EQ(room.label(), "room 0");
}

// --- group names ----------------------------------------------------------------------------

TEST(RoomTest, GroupNamesOfLettersAndDigitsAreValid) {
    for (const char* name :
         {"learning3331", "Comp3331", "a", "Z", "abc", "3331learning", "1a1", "ABCdef123"})
        EXPECT_TRUE(isValidGroupName(name)) << name;
}

TEST(RoomTest, GroupNameLengthIsOneToTheLimitSixtyFourByDefault) {
    EXPECT_TRUE(isValidGroupName(std::string(64, 'a')));
    EXPECT_FALSE(isValidGroupName(std::string(65, 'a')));
    EXPECT_TRUE(isValidGroupName("a" + std::string(63, '9')));
    EXPECT_FALSE(isValidGroupName(""));
    EXPECT_TRUE(isValidGroupName(std::string(8, 'a'), 8));
    EXPECT_FALSE(isValidGroupName(std::string(9, 'a'), 8));
}

// Variant D: "/creategroup 3331 obiwan" works.
TEST(RoomTest, GroupNameMayBeAllDigits) {
    for (const char* name : {"1", "3331", "0000000000"})
        EXPECT_TRUE(isValidGroupName(name)) << name;
}

TEST(RoomTest, GroupNameRejectsSpacesAndPunctuation) {
    for (const char* name : {"learning 3331", " learning", "learning ", "comp-3331", "comp_3331",
                             "comp.3331", "comp!", "a/b", "a,b", "a;b", "\tab", "ab\n"})
        EXPECT_FALSE(isValidGroupName(name)) << name;
}

TEST(RoomTest, GroupNameRejectsNonAscii) {
    EXPECT_FALSE(isValidGroupName("caf\xc3\xa9"));
    EXPECT_FALSE(isValidGroupName("\xc3\xa9"));
}

} // namespace
} // namespace toom
