// /creategroup / CREATEGROUP: a named group with the creator joined and the listed online users
// invited (and told at once); D's wording for its errors.

#include "commands/rooms/CreateGroupCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace toom {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using ::testing::Return;
using ::testing::UnorderedElementsAre;
using CreateOutcome = RoomService::Created::Outcome;

class CreateGroupCommandTest : public ::testing::Test {
protected:
    CreateGroupCommandTest() {
        for (const char* name : {"yoda", "hans", "obiwan", "luke"}) {
            ON_CALL(h.accounts, exists(name)).WillByDefault(Return(true));
            ON_CALL(h.presence, find(name))
                .WillByDefault(Return(OnlineUser{name, "127.0.0.1", 0, h.clock.now()}));
        }
        ON_CALL(h.rooms, createGroup(_, _, _))
            .WillByDefault([](const std::string& creator, const std::string& name,
                              const std::vector<std::string>& invitees) {
                Room room;
                room.id = 5;
                room.kind = RoomKind::Group;
                room.name = name;
                room.creator = creator;
                room.members.push_back({creator, true});
                for (const auto& invitee : invitees)
                    room.members.push_back({invitee, false});
                return RoomService::Created{CreateOutcome::Created, room};
            });
        ON_CALL(h.messenger, sendTo(_, _))
            .WillByDefault([this](const std::string& user, const ServerLine& event) {
                sent[user] = event;
                return true;
            });
    }

    std::vector<std::string> recipients() const {
        std::vector<std::string> out;
        for (const auto& [user, event] : sent)
            out.push_back(user);
        return out;
    }

    CommandHarness h;
    std::map<std::string, ServerLine> sent;
};

// --- refusals -------------------------------------------------------------------------------

TEST_F(CreateGroupCommandTest, NoUsersUsesDsWording) {
    EXPECT_CALL(h.rooms, createGroup(_, _, _)).Times(0);
    Reply reply = h.run("/creategroup learning3331");
    EXPECT_EQ(reply.final().code(), err::kBadArguments);
    EXPECT_EQ(reply.final().text(), "Please enter at least one more active users.");
}

TEST_F(CreateGroupCommandTest, InvalidNameIsInvalidArgument) {
    EXPECT_CALL(h.rooms, createGroup(_, _, _)).Times(0);
    for (const char* line : {"/creategroup comp-3331 hans", "/creategroup ##3331 hans",
                             "/creategroup comp_3331 hans", "/creategroup a!b hans"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kInvalidArgument) << line;
        EXPECT_EQ(reply.final().field("argument"), "name") << line;
    }
    const std::string tooLong = "/creategroup " + std::string(65, 'a') + " hans";
    EXPECT_EQ(h.run(tooLong).final().code(), err::kInvalidArgument);
}

TEST_F(CreateGroupCommandTest, NameLengthFollowsTheSetting) {
    h.settings.maxGroupNameLength = 8;
    Reply reply = h.run("/creategroup abcdefghi hans");
    EXPECT_EQ(reply.final().code(), err::kInvalidArgument);
    EXPECT_EQ(reply.final().intField("max"), 8);
    EXPECT_EQ(reply.final().text(),
              "Invalid group name 'abcdefghi': use 1 to 8 letters and digits");
}

// Variant D allows any letters and digits; "#3331" is the same name written as a group.
TEST_F(CreateGroupCommandTest, AllDigitNamesAndTheHashFormAreAccepted) {
    EXPECT_CALL(h.rooms, createGroup("yoda", "3331", ElementsAre("hans"))).Times(2);
    EXPECT_FALSE(h.run("/creategroup 3331 hans").final().code() == err::kInvalidArgument);
    EXPECT_FALSE(h.run("/creategroup #3331 hans").final().code() == err::kInvalidArgument);
}

TEST_F(CreateGroupCommandTest, NameTakenUsesDsWording) {
    Room existing;
    existing.id = 5;
    existing.kind = RoomKind::Group;
    existing.name = "learning3331";
    existing.creator = "obiwan";
    existing.members = {{"obiwan", true}, {"yoda", false}};
    EXPECT_CALL(h.rooms, createGroup("yoda", "learning3331", ElementsAre("hans")))
        .WillOnce(Return(RoomService::Created{CreateOutcome::NameTaken, existing}));
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("/creategroup learning3331 hans");
    EXPECT_EQ(reply.final().code(), err::kNameTaken);
    EXPECT_EQ(reply.final().field("group"), "learning3331");
    EXPECT_EQ(reply.final().text(),
              "Failed to create the group chat learning3331: group name exists!");
}

TEST_F(CreateGroupCommandTest, ListingYourselfIsSelf) {
    EXPECT_CALL(h.rooms, createGroup(_, _, _)).Times(0);
    Reply reply = h.run("/creategroup learning3331 hans yoda");
    EXPECT_EQ(reply.final().code(), err::kSelf);
    EXPECT_EQ(reply.final().field("user"), "yoda");
}

TEST_F(CreateGroupCommandTest, UnknownUserIsNamed) {
    EXPECT_CALL(h.rooms, createGroup(_, _, _)).Times(0);
    Reply reply = h.run("/creategroup learning3331 vader");
    EXPECT_EQ(reply.final().code(), err::kUnknownUser);
    EXPECT_EQ(reply.final().field("user"), "vader");
}

TEST_F(CreateGroupCommandTest, OfflineUserIsNamed) {
    ON_CALL(h.presence, find("hans")).WillByDefault(Return(std::nullopt));
    EXPECT_CALL(h.rooms, createGroup(_, _, _)).Times(0);
    Reply reply = h.run("/creategroup learning3331 obiwan hans");
    EXPECT_EQ(reply.final().code(), err::kUserOffline);
    EXPECT_EQ(reply.final().text(), "hans is offline");
}

TEST_F(CreateGroupCommandTest, UserWhoBlockedTheCallerIsBlocked) {
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    EXPECT_CALL(h.rooms, createGroup(_, _, _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("/creategroup learning3331 hans");
    EXPECT_EQ(reply.final().code(), err::kBlocked);
    EXPECT_EQ(reply.final().field("user"), "hans");
}

TEST_F(CreateGroupCommandTest, MoreUsersThanTheLimitIsLimitReached) {
    h.settings.maxRoomMembers = 2;
    EXPECT_CALL(h.rooms, createGroup(_, _, _)).Times(0);
    Reply reply = h.run("/creategroup learning3331 hans obiwan");
    EXPECT_EQ(reply.final().code(), err::kLimitReached);
    EXPECT_EQ(reply.final().intField("max"), 2);
}

TEST_F(CreateGroupCommandTest, ExactlyTheLimitIsAllowed) {
    h.settings.maxRoomMembers = 2; // The creator counts.
    EXPECT_CALL(h.rooms, createGroup("yoda", "learning3331", ElementsAre("hans")));
    EXPECT_FALSE(h.run("/creategroup learning3331 hans").failed());
}

// --- success --------------------------------------------------------------------------------

TEST_F(CreateGroupCommandTest, CreatesTheGroupWithDsWording) {
    EXPECT_CALL(h.rooms, createGroup("yoda", "learning3331", ElementsAre("hans", "obiwan")));
    Reply reply = h.run("/creategroup learning3331 hans obiwan");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "CREATEGROUP");
    EXPECT_EQ(reply.final().text(), "Group chat created learning3331");
    EXPECT_EQ(reply.final().field("group"), "learning3331");
    EXPECT_EQ(reply.final().field("members"), "yoda,hans,obiwan");
}

TEST_F(CreateGroupCommandTest, CreateGroupIsTheSameAsD) {
    EXPECT_CALL(h.rooms, createGroup("yoda", "Comp3331", ElementsAre("hans")));
    Reply reply = h.run("CREATEGROUP Comp3331 hans");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().text(), "Group chat created Comp3331");
}

TEST_F(CreateGroupCommandTest, InvitesEveryInvitedMemberButNotTheCreator) {
    EXPECT_CALL(h.messenger, sendTo("yoda", _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo("hans", _));
    EXPECT_CALL(h.messenger, sendTo("obiwan", _));
    h.run("/creategroup learning3331 hans obiwan");
    EXPECT_THAT(recipients(), UnorderedElementsAre("hans", "obiwan"));
    const ServerLine& invite = sent["hans"];
    EXPECT_EQ(invite.kind(), LineKind::Event);
    EXPECT_EQ(invite.verb(), ev::kInvite);
    EXPECT_EQ(invite.field("group"), "learning3331");
    EXPECT_EQ(invite.field("from"), "yoda");
    EXPECT_EQ(invite.field("members"), "yoda,hans,obiwan");
    EXPECT_THAT(invite.text(), ::testing::HasSubstr("/joingroup learning3331"));
    EXPECT_EQ(sent["obiwan"], invite);
}

TEST_F(CreateGroupCommandTest, SpecNamesEveryDialect) {
    const CommandSpec s = CreateGroupCommand::spec();
    EXPECT_EQ(s.canonical, "CREATEGROUP");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, UnorderedElementsAre("CREATEGROUP", "/creategroup"));
}

} // namespace
} // namespace toom
