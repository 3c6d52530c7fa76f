// SRB / CREATEROOM: making a separate room of the caller and online users; every failure names
// the user and makes no room; the same member set is not made twice.

#include "commands/rooms/CreateRoomCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using ::testing::Return;
using CreateOutcome = RoomService::Created::Outcome;

class CreateRoomCommandTest : public ::testing::Test {
protected:
    CreateRoomCommandTest() {
        for (const char* name : {"yoda", "hans", "obiwan", "luke"}) {
            ON_CALL(h.accounts, exists(name)).WillByDefault(Return(true));
            ON_CALL(h.presence, find(name))
                .WillByDefault(Return(OnlineUser{name, "127.0.0.1", 0, h.clock.now()}));
        }
        ON_CALL(h.rooms, createSeparate(_, _))
            .WillByDefault([](const std::string& creator, const std::vector<std::string>& others) {
                Room room;
                room.id = 11;
                room.number = 1;
                room.creator = creator;
                room.members.push_back({creator, true});
                for (const auto& other : others)
                    room.members.push_back({other, true});
                return RoomService::Created{CreateOutcome::Created, room};
            });
    }

    CommandHarness h;
};

// --- arguments --------------------------------------------------------------------------------

// Members typed in another case join under their accounts' spelling.
TEST_F(CreateRoomCommandTest, MembersInAnyCaseAreStoredUnderTheirOwnSpelling) {
    ON_CALL(h.accounts, storedName("HANS")).WillByDefault(Return(std::string("hans")));
    EXPECT_CALL(h.rooms, createSeparate("yoda", ElementsAre("hans", "luke")));
    Reply reply = h.run("CREATEROOM HANS luke");
    EXPECT_FALSE(reply.failed()) << reply.wire();
}

TEST_F(CreateRoomCommandTest, NoUsersIsBadArguments) {
    EXPECT_CALL(h.rooms, createSeparate(_, _)).Times(0);
    Reply reply = h.run("SRB");
    EXPECT_EQ(reply.final().code(), err::kBadArguments);
    EXPECT_EQ(h.run("CREATEROOM   ").final().code(), err::kBadArguments);
}

TEST_F(CreateRoomCommandTest, ListingYourselfIsSelf) {
    EXPECT_CALL(h.rooms, createSeparate(_, _)).Times(0);
    Reply reply = h.run("SRB yoda");
    EXPECT_EQ(reply.final().code(), err::kSelf);
    EXPECT_EQ(reply.final().field("user"), "yoda");
    EXPECT_EQ(h.run("SRB hans yoda").final().code(), err::kSelf);
}

TEST_F(CreateRoomCommandTest, UnknownUserIsNamed) {
    EXPECT_CALL(h.rooms, createSeparate(_, _)).Times(0);
    Reply reply = h.run("SRB hans vader");
    EXPECT_EQ(reply.final().code(), err::kUnknownUser);
    EXPECT_EQ(reply.final().field("user"), "vader");
    EXPECT_THAT(reply.final().text(), ::testing::HasSubstr("vader"));
}

TEST_F(CreateRoomCommandTest, OfflineUserIsNamed) {
    ON_CALL(h.presence, find("hans")).WillByDefault(Return(std::nullopt));
    EXPECT_CALL(h.rooms, createSeparate(_, _)).Times(0);
    Reply reply = h.run("SRB obiwan hans");
    EXPECT_EQ(reply.final().code(), err::kUserOffline);
    EXPECT_EQ(reply.final().field("user"), "hans");
    EXPECT_EQ(reply.final().text(), "hans is offline");
}

TEST_F(CreateRoomCommandTest, UserWhoBlockedTheCallerIsBlocked) {
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    EXPECT_CALL(h.rooms, createSeparate(_, _)).Times(0);
    Reply reply = h.run("SRB hans");
    EXPECT_EQ(reply.final().code(), err::kBlocked);
    EXPECT_EQ(reply.final().field("user"), "hans");
}

TEST_F(CreateRoomCommandTest, UserTheCallerBlockedMayBeListed) {
    // Only a block by the listed user stops the room; the caller's own blocks do not.
    ON_CALL(h.blocks, isBlocking("yoda", "hans")).WillByDefault(Return(true));
    EXPECT_CALL(h.rooms, createSeparate("yoda", ElementsAre("hans")));
    EXPECT_FALSE(h.run("SRB hans").failed());
}

TEST_F(CreateRoomCommandTest, FirstFailingUserIsTheOneNamed) {
    ON_CALL(h.presence, find("luke")).WillByDefault(Return(std::nullopt));
    Reply reply = h.run("SRB hans vader luke");
    EXPECT_EQ(reply.final().code(), err::kUnknownUser);
    EXPECT_EQ(reply.final().field("user"), "vader");
}

TEST_F(CreateRoomCommandTest, MoreUsersThanTheLimitIsLimitReached) {
    h.settings.maxRoomMembers = 3; // The caller counts.
    EXPECT_CALL(h.rooms, createSeparate(_, _)).Times(0);
    Reply reply = h.run("SRB hans obiwan luke");
    EXPECT_EQ(reply.final().code(), err::kLimitReached);
    EXPECT_EQ(reply.final().intField("max"), 3);
}

TEST_F(CreateRoomCommandTest, ExactlyTheLimitIsAllowed) {
    h.settings.maxRoomMembers = 3;
    EXPECT_CALL(h.rooms, createSeparate("yoda", ElementsAre("hans", "obiwan")));
    EXPECT_FALSE(h.run("SRB hans obiwan").failed());
}

// --- success ----------------------------------------------------------------------------------

TEST_F(CreateRoomCommandTest, CreatesTheRoomWithTheListedUsers) {
    EXPECT_CALL(h.rooms, createSeparate("yoda", ElementsAre("hans")));
    Reply reply = h.run("SRB hans");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().text(),
              "Separate chat room has been created, room ID: 1, users in this room: yoda, hans");
    EXPECT_EQ(reply.final().intField("room"), 1);
    EXPECT_EQ(reply.final().field("members"), "yoda,hans");
    EXPECT_EQ(reply.final().intField("created"), 1);
    EXPECT_TRUE(reply.rows().empty());
}

TEST_F(CreateRoomCommandTest, SeveralUsersInTheOrderTyped) {
    EXPECT_CALL(h.rooms, createSeparate("yoda", ElementsAre("obiwan", "hans")));
    Reply reply = h.run("SRB obiwan hans");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("members"), "yoda,obiwan,hans");
    EXPECT_EQ(reply.final().text(), "Separate chat room has been created, room ID: 1, users in "
                                    "this room: yoda, obiwan, hans");
}

TEST_F(CreateRoomCommandTest, CreateRoomIsTheSameAsSrb) {
    EXPECT_CALL(h.rooms, createSeparate("yoda", ElementsAre("hans")));
    Reply reply = h.run("CREATEROOM hans");
    EXPECT_EQ(reply.final().verb(), "CREATEROOM");
    EXPECT_EQ(reply.final().intField("created"), 1);
}

TEST_F(CreateRoomCommandTest, SameMembersAgainIsAlreadyCreated) {
    Room existing;
    existing.id = 11;
    existing.number = 1;
    existing.creator = "hans";
    existing.members = {{"hans", true}, {"yoda", true}};
    EXPECT_CALL(h.rooms, createSeparate("yoda", ElementsAre("hans")))
        .WillOnce(Return(RoomService::Created{CreateOutcome::AlreadyExists, existing}));
    Reply reply = h.run("SRB hans");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().text(), "a separate room (ID: 1) already created for these users");
    EXPECT_EQ(reply.final().intField("room"), 1);
    EXPECT_EQ(reply.final().field("members"), "hans,yoda");
    EXPECT_EQ(reply.final().intField("created"), 0);
}

TEST_F(CreateRoomCommandTest, SpecNamesEveryDialect) {
    const CommandSpec s = CreateRoomCommand::spec();
    EXPECT_EQ(s.canonical, "CREATEROOM");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, ::testing::UnorderedElementsAre("CREATEROOM", "SRB"));
}

} // namespace
} // namespace toom
