// JOIN: a group by name as IRC's JOIN joins a channel: made open when new, joined when open or
// invited, refused when invite-only; the other members told.

#include "commands/rooms/JoinCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

class JoinCommandTest : public ::testing::Test {
protected:
    JoinCommandTest() {
        group.id = 7;
        group.kind = RoomKind::Group;
        group.name = "jedi";
        group.creator = "obiwan";
        group.open = true;
        group.members = {{"obiwan", true}, {"luke", true}};
        ON_CALL(h.rooms, group("jedi")).WillByDefault([this](const std::string&) {
            return std::optional<Room>(group);
        });
        ON_CALL(h.rooms, join(_, _))
            .WillByDefault([this](const std::string&, const std::string& user) {
                Room joined = group;
                joined.members.push_back({user, true});
                return joined;
            });
    }

    CommandHarness h;
    Room group;
};

TEST_F(JoinCommandTest, ANewNameMakesAnOpenGroupWithTheCallerAsCreator) {
    ON_CALL(h.rooms, group("padawans")).WillByDefault(Return(std::nullopt));
    Room made;
    made.kind = RoomKind::Group;
    made.name = "padawans";
    made.creator = "yoda";
    made.open = true;
    made.members = {{"yoda", true}};
    EXPECT_CALL(h.rooms, createOpenGroup("yoda", "padawans"))
        .WillOnce(Return(RoomService::Created{RoomService::Created::Outcome::Created, made}));
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0); // Nobody else to tell.
    Reply reply = h.run("JOIN #padawans");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("created"), "1");
    EXPECT_EQ(reply.final().field("already"), "0");
    EXPECT_EQ(reply.final().field("open"), "1");
    EXPECT_EQ(reply.final().field("creator"), "yoda");
    EXPECT_EQ(reply.final().field("members"), "yoda");
}

TEST_F(JoinCommandTest, AnOpenGroupIsJoinedAndItsMembersAreTold) {
    EXPECT_CALL(h.rooms, join("jedi", "yoda"));
    std::vector<std::string> told;
    EXPECT_CALL(h.messenger, sendTo(_, _))
        .WillRepeatedly([&](const std::string& user, const ServerLine& event) {
            EXPECT_EQ(event.verb(), ev::kGroup);
            EXPECT_EQ(event.field("action"), "joined");
            EXPECT_EQ(event.field("user"), "yoda");
            told.push_back(user);
            return true;
        });
    Reply reply = h.run("JOIN jedi");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("created"), "0");
    EXPECT_EQ(reply.final().field("already"), "0");
    EXPECT_EQ(reply.final().field("members"), "obiwan,luke,yoda");
    EXPECT_EQ(told, (std::vector<std::string>{"obiwan", "luke"}));
}

TEST_F(JoinCommandTest, AMemberWhoBlockedTheJoinerIsNotTold) {
    ON_CALL(h.blocks, isBlocking("luke", "yoda")).WillByDefault(Return(true));
    std::vector<std::string> told;
    ON_CALL(h.messenger, sendTo(_, _)).WillByDefault([&](const std::string& user, auto&) {
        told.push_back(user);
        return true;
    });
    ASSERT_FALSE(h.run("JOIN jedi").failed());
    EXPECT_EQ(told, (std::vector<std::string>{"obiwan"}));
}

TEST_F(JoinCommandTest, JoiningAgainChangesNothingAndTellsNobody) {
    group.members.push_back({"yoda", true});
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("JOIN jedi");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("already"), "1");
}

TEST_F(JoinCommandTest, AnInviteOnlyGroupNeedsAnInvitation) {
    group.open = false;
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    EXPECT_EQ(h.run("JOIN jedi").final().code(), err::kNotInvited);
    group.members.push_back({"yoda", false}); // Invited: JOIN accepts it.
    EXPECT_CALL(h.rooms, join("jedi", "yoda"));
    EXPECT_FALSE(h.run("JOIN jedi").failed());
}

TEST_F(JoinCommandTest, AFullGroupIsRefused) {
    h.settings.maxRoomMembers = 2;
    EXPECT_CALL(h.rooms, join(_, _)).Times(0);
    Reply reply = h.run("JOIN jedi");
    EXPECT_EQ(reply.final().code(), err::kLimitReached);
    EXPECT_EQ(reply.final().field("max"), "2");
}

TEST_F(JoinCommandTest, ANameThatIsNoGroupNameIsRefused) {
    EXPECT_CALL(h.rooms, createOpenGroup(_, _)).Times(0);
    EXPECT_EQ(h.run("JOIN #a-b").final().code(), err::kInvalidArgument);
    EXPECT_EQ(h.run("JOIN " + std::string(65, 'x')).final().code(), err::kInvalidArgument);
}

TEST_F(JoinCommandTest, ANameTakenMeanwhileIsJoinedAsItIs) {
    ON_CALL(h.rooms, group("jedi")).WillByDefault(Return(std::nullopt));
    EXPECT_CALL(h.rooms, createOpenGroup("yoda", "jedi"))
        .WillOnce(Return(RoomService::Created{RoomService::Created::Outcome::NameTaken, group}));
    EXPECT_CALL(h.rooms, join("jedi", "yoda"));
    Reply reply = h.run("JOIN jedi");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("created"), "0");
}

} // namespace
} // namespace toom
