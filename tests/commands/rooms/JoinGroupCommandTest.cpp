// /joingroup / JOINGROUP: accepting an invitation to a group; D's wording for its errors.

#include "commands/rooms/JoinGroupCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

class JoinGroupCommandTest : public ::testing::Test {
protected:
    JoinGroupCommandTest() {
        group.id = 5;
        group.kind = RoomKind::Group;
        group.name = "learning3331";
        group.creator = "obiwan";
        group.members = {{"obiwan", true}, {"yoda", false}, {"hans", false}};
        ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
        ON_CALL(h.rooms, join(_, _)).WillByDefault([this](const std::string&, const std::string&) {
            Room joined = group;
            joined.members[1].joined = true;
            return joined;
        });
    }

    CommandHarness h;
    Room group;
};

TEST_F(JoinGroupCommandTest, MissingGroupUsesDsWording) {
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    Reply reply = h.run("/joingroup learning9331");
    EXPECT_EQ(reply.final().code(), err::kUnknownRoom);
    EXPECT_EQ(reply.final().field("group"), "learning9331");
    EXPECT_EQ(reply.final().text(), "Groupchat learning9331 doesn't exist.");
}

TEST_F(JoinGroupCommandTest, NotInvitedIsRefused) {
    group.members = {{"obiwan", true}, {"hans", false}};
    ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    Reply reply = h.run("/joingroup learning3331");
    EXPECT_EQ(reply.final().code(), err::kNotInvited);
    EXPECT_EQ(reply.final().field("group"), "learning3331");
}

TEST_F(JoinGroupCommandTest, JoiningAgainUsesDsWording) {
    group.members[1].joined = true;
    ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    Reply reply = h.run("/joingroup learning3331");
    EXPECT_EQ(reply.final().code(), err::kAlreadyJoined);
    EXPECT_EQ(reply.final().text(), "You have already joined Groupchat learning3331");
}

TEST_F(JoinGroupCommandTest, TheCreatorHasAlreadyJoined) {
    group.creator = "yoda";
    group.members = {{"yoda", true}, {"obiwan", false}};
    ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
    EXPECT_EQ(h.run("/joingroup learning3331").final().code(), err::kAlreadyJoined);
}

TEST_F(JoinGroupCommandTest, JoinsAnInvitedMember) {
    EXPECT_CALL(h.rooms, join("learning3331", "yoda"));
    Reply reply = h.run("/joingroup learning3331");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "JOINGROUP");
    EXPECT_EQ(reply.final().text(), "Joined the group chat: learning3331 successfully.");
    EXPECT_EQ(reply.final().field("group"), "learning3331");
    // The joined members after the join; hans is still only invited.
    EXPECT_EQ(reply.final().field("members"), "obiwan,yoda");
}

TEST_F(JoinGroupCommandTest, JoinGroupIsTheSameAsD) {
    EXPECT_CALL(h.rooms, join("learning3331", "yoda"));
    EXPECT_FALSE(h.run("JOINGROUP learning3331").failed());
}

TEST_F(JoinGroupCommandTest, GroupNamesAreCaseSensitive) {
    ON_CALL(h.rooms, group("Learning3331")).WillByDefault(Return(std::nullopt));
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    EXPECT_EQ(h.run("/joingroup Learning3331").final().code(), err::kUnknownRoom);
}

} // namespace
} // namespace toom
