// TOPIC: shown to members (and to anyone for an open group), set and cleared by the creator
// only, bounded in bytes; the other joined members told.

#include "commands/rooms/TopicCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Field;
using ::testing::Return;

class TopicCommandTest : public ::testing::Test {
protected:
    TopicCommandTest() {
        group.id = 7;
        group.kind = RoomKind::Group;
        group.name = "jedi";
        group.creator = "yoda";
        group.members = {{"yoda", true}, {"luke", true}, {"hans", false}};
        ON_CALL(h.rooms, group("jedi")).WillByDefault([this](const std::string&) {
            return std::optional<Room>(group);
        });
        ON_CALL(h.rooms, setTopic(_, _))
            .WillByDefault([this](const std::string&, const RoomTopic& topic) {
                Room changed = group;
                changed.topic = topic;
                return std::optional<Room>(changed);
            });
    }

    CommandHarness h;
    Room group;
};

TEST_F(TopicCommandTest, TheCreatorSetsItAndTheJoinedMembersAreTold) {
    EXPECT_CALL(h.rooms, setTopic("jedi", Field(&RoomTopic::text, "Training at dawn")));
    std::vector<std::string> told;
    EXPECT_CALL(h.messenger, sendTo(_, _))
        .WillRepeatedly([&](const std::string& user, const ServerLine& event) {
            EXPECT_EQ(event.field("action"), "topic");
            EXPECT_EQ(event.field("topic"), "Training at dawn");
            told.push_back(user);
            return true;
        });
    Reply reply = h.run("TOPIC #jedi Training at dawn");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("topic"), "Training at dawn");
    EXPECT_EQ(reply.final().field("topic_by"), "yoda");
    EXPECT_EQ(told, (std::vector<std::string>{"luke"})); // hans is only invited.
}

TEST_F(TopicCommandTest, ADashClearsIt) {
    EXPECT_CALL(h.rooms, setTopic("jedi", Field(&RoomTopic::text, "")));
    EXPECT_FALSE(h.run("TOPIC jedi -").failed());
}

TEST_F(TopicCommandTest, OnlyTheCreatorSetsIt) {
    group.creator = "luke";
    EXPECT_CALL(h.rooms, setTopic(_, _)).Times(0);
    Reply reply = h.run("TOPIC jedi mine now");
    EXPECT_EQ(reply.final().code(), err::kForbidden);
    EXPECT_EQ(reply.final().field("creator"), "luke");
}

TEST_F(TopicCommandTest, ItIsSetOnlyAfterJoining) {
    group.members = {{"yoda", false}};
    EXPECT_CALL(h.rooms, setTopic(_, _)).Times(0);
    EXPECT_EQ(h.run("TOPIC jedi hello").final().code(), err::kNotJoined);
}

TEST_F(TopicCommandTest, ATopicIsBoundedInBytes) {
    EXPECT_CALL(h.rooms, setTopic(_, _)).Times(0);
    Reply reply = h.run("TOPIC jedi " + std::string(TopicCommand::kMaxTopicBytes + 1, 'x'));
    EXPECT_EQ(reply.final().code(), err::kInvalidArgument);
    EXPECT_EQ(reply.final().field("argument"), "topic");
}

TEST_F(TopicCommandTest, ShowingItNeedsMembershipUnlessTheGroupIsOpen) {
    group.members = {{"luke", true}};
    group.topic = {"patience", "luke", testEpoch()};
    EXPECT_EQ(h.run("TOPIC jedi").final().code(), err::kNotMember);
    group.open = true;
    Reply reply = h.run("TOPIC jedi");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("topic"), "patience");
    EXPECT_EQ(reply.final().field("topic_by"), "luke");
}

TEST_F(TopicCommandTest, AnUnknownGroupIsSaidSo) {
    ON_CALL(h.rooms, group("sith")).WillByDefault(Return(std::nullopt));
    EXPECT_EQ(h.run("TOPIC sith").final().code(), err::kUnknownRoom);
}

} // namespace
} // namespace toom
