// /groupmsg / GROUPMSG: posting to a group the caller has joined, pushed to the other joined
// members only; D's wording for its errors and for what recipients see.

#include "commands/rooms/GroupMessageCommand.h"

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

class GroupMessageCommandTest : public ::testing::Test {
protected:
    GroupMessageCommandTest() {
        h.clock.set(localTime(2023, 6, 1, 16, 5, 0));
        group.id = 5;
        group.kind = RoomKind::Group;
        group.name = "learning3331";
        group.creator = "obiwan";
        group.members = {{"obiwan", true}, {"yoda", true}, {"hans", false}, {"luke", true}};
        ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
        ON_CALL(h.rooms, post(_, _, _))
            .WillByDefault(
                [this](const Room& r, const std::string& sender, const std::string& text) {
                    return RoomMessage{77, r.id, 3, sender, text, h.clock.now()};
                });
        ON_CALL(h.messenger, sendTo(_, _))
            .WillByDefault([this](const std::string& user, const ServerLine& event) {
                sent[user] = event;
                return true;
            });
    }

    void setMembers(std::vector<RoomMember> members) {
        group.members = std::move(members);
        ON_CALL(h.rooms, group("learning3331")).WillByDefault(Return(group));
    }

    std::vector<std::string> recipients() const {
        std::vector<std::string> out;
        for (const auto& [user, event] : sent)
            out.push_back(user);
        return out;
    }

    CommandHarness h;
    Room group;
    std::map<std::string, ServerLine> sent;
};

// --- refusals -------------------------------------------------------------------------------

TEST_F(GroupMessageCommandTest, MissingGroupUsesDsWording) {
    EXPECT_CALL(h.rooms, post(_, _, _)).Times(0);
    Reply reply = h.run("/groupmsg learning9331 hello");
    EXPECT_EQ(reply.final().code(), err::kUnknownRoom);
    EXPECT_EQ(reply.final().field("group"), "learning9331");
    EXPECT_EQ(reply.final().text(), "The group chat does not exist.");
}

TEST_F(GroupMessageCommandTest, NeverInvitedUsesDsWording) {
    setMembers({{"obiwan", true}, {"hans", false}});
    EXPECT_CALL(h.rooms, post(_, _, _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("/groupmsg learning3331 hello");
    EXPECT_EQ(reply.final().code(), err::kNotMember);
    EXPECT_EQ(reply.final().text(), "You are not in this group chat.");
}

TEST_F(GroupMessageCommandTest, InvitedButNotJoinedUsesDsWording) {
    setMembers({{"obiwan", true}, {"yoda", false}});
    EXPECT_CALL(h.rooms, post(_, _, _)).Times(0);
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    Reply reply = h.run("/groupmsg learning3331 hello");
    EXPECT_EQ(reply.final().code(), err::kNotJoined);
    EXPECT_EQ(reply.final().text(), "Please join the group before sending messages.");
}

// --- posting --------------------------------------------------------------------------------

TEST_F(GroupMessageCommandTest, PostsTheRestOfTheLine) {
    EXPECT_CALL(h.rooms, post(Field(&Room::id, 5), "yoda", "hello   there, group!"));
    Reply reply = h.run("/groupmsg learning3331 hello   there, group!");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "GROUPMSG");
    EXPECT_EQ(reply.final().text(), "Group chat message sent.");
    EXPECT_EQ(reply.final().field("group"), "learning3331");
    EXPECT_EQ(reply.final().intField("n"), 3);
    EXPECT_EQ(reply.final().field("ts"), isoTime(h.clock.now()));
}

TEST_F(GroupMessageCommandTest, GroupMsgIsTheSameAsD) {
    EXPECT_CALL(h.rooms, post(_, "yoda", "hi"));
    EXPECT_EQ(h.run("GROUPMSG learning3331 hi").final().text(), "Group chat message sent.");
}

// --- the push -------------------------------------------------------------------------------

TEST_F(GroupMessageCommandTest, PushesToJoinedMembersOnly) {
    EXPECT_CALL(h.messenger, sendTo("hans", _)).Times(0); // Invited, not joined.
    EXPECT_CALL(h.messenger, sendTo("yoda", _)).Times(0); // The sender.
    EXPECT_CALL(h.messenger, sendTo("obiwan", _));
    EXPECT_CALL(h.messenger, sendTo("luke", _));
    ASSERT_FALSE(h.run("/groupmsg learning3331 hello there").failed());
    EXPECT_THAT(recipients(), UnorderedElementsAre("obiwan", "luke"));
}

TEST_F(GroupMessageCommandTest, RoomEventCarriesTheGroupName) {
    h.run("/groupmsg learning3331 hello there");
    const ServerLine& event = sent["obiwan"];
    EXPECT_EQ(event.kind(), LineKind::Event);
    EXPECT_EQ(event.verb(), ev::kRoom);
    EXPECT_EQ(event.field("kind"), "group");
    EXPECT_EQ(event.field("room"), "learning3331");
    EXPECT_EQ(event.intField("n"), 3);
    EXPECT_EQ(event.field("from"), "yoda");
    EXPECT_EQ(event.field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(event.field("text"), "hello there");
    EXPECT_EQ(sent["luke"], event);
}

TEST_F(GroupMessageCommandTest, EventTextIsDsForm) {
    h.settings.messageStyle = MessageStyle::Timestamped;
    h.settings.padDay = true;
    h.run("/groupmsg learning3331 hello there");
    EXPECT_EQ(sent["obiwan"].text(), "01 Jun 2023 16:05:00, learning3331, yoda: hello there");
}

TEST_F(GroupMessageCommandTest, PlainEventTextHasNoTime) {
    h.settings.messageStyle = MessageStyle::Plain;
    h.run("/groupmsg learning3331 hello there");
    EXPECT_EQ(sent["obiwan"].text(), "learning3331, yoda: hello there");
}

TEST_F(GroupMessageCommandTest, OnlyAMembersOwnBlockOfTheSenderSkipsThem) {
    ON_CALL(h.blocks, isBlocking("obiwan", "yoda")).WillByDefault(Return(true));
    h.run("/groupmsg learning3331 hi");
    EXPECT_THAT(recipients(), UnorderedElementsAre("luke"));

    // One-way: that the sender blocked luke does not keep the sender's message from luke.
    sent.clear();
    ON_CALL(h.blocks, isBlocking("obiwan", "yoda")).WillByDefault(Return(false));
    ON_CALL(h.blocks, isBlocking("yoda", "luke")).WillByDefault(Return(true));
    h.run("/groupmsg learning3331 hi");
    EXPECT_THAT(recipients(), UnorderedElementsAre("obiwan", "luke"));
}

TEST_F(GroupMessageCommandTest, AloneInTheGroupIsOnlyStored) {
    setMembers({{"yoda", true}, {"hans", false}});
    EXPECT_CALL(h.rooms, post(_, "yoda", "anyone?"));
    EXPECT_CALL(h.messenger, sendTo(_, _)).Times(0);
    EXPECT_EQ(h.run("/groupmsg learning3331 anyone?").final().text(), "Group chat message sent.");
}

} // namespace
} // namespace toom
