// Open groups (what an IRC user's JOIN #name makes), JOIN and TOPIC over real sockets: a new
// name makes an open group, anyone joins it, its members are told who comes and goes and what
// the topic is, only its creator sets the topic, and D's invite-only groups stay closed.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

TEST(OpenGroups, JoinMakesAnOpenGroupThatAnyoneCanJoin) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");

    Response made = yoda.request("JOIN #jedi");
    ASSERT_TRUE(made.ok()) << made.final.format();
    EXPECT_EQ(made.final.field("created"), "1");
    EXPECT_EQ(made.final.field("already"), "0");
    EXPECT_EQ(made.final.field("open"), "1");
    EXPECT_EQ(made.final.field("creator"), "yoda");
    EXPECT_EQ(made.final.field("members"), "yoda");

    // Not invited, and yet in: the group is open. yoda is told.
    Response joined = luke.request("JOIN jedi");
    ASSERT_TRUE(joined.ok()) << joined.final.format();
    EXPECT_EQ(joined.final.field("created"), "0");
    EXPECT_EQ(joined.final.field("members"), "yoda,luke");
    auto told = yoda.waitEvent("GROUP");
    ASSERT_TRUE(told);
    EXPECT_EQ(told->field("action"), "joined");
    EXPECT_EQ(told->field("user"), "luke");
    EXPECT_EQ(told->field("group"), "jedi");

    // A second JOIN changes nothing and tells nobody.
    EXPECT_EQ(luke.request("JOIN jedi").final.field("already"), "1");
    ASSERT_TRUE(luke.request("GROUPMSG jedi hello master").ok());
    auto message = yoda.waitEvent("ROOM");
    ASSERT_TRUE(message);
    EXPECT_EQ(message->field("text"), "hello master");
    EXPECT_EQ(yoda.pendingEvents(), 0u) << "no second GROUP event";

    EXPECT_EQ(luke.request("ROOMS").column("open"), (std::vector<std::string>{"1"}));
    ASSERT_TRUE(luke.request("LEAVE #jedi").ok());
    auto left = yoda.waitEvent("GROUP");
    ASSERT_TRUE(left);
    EXPECT_EQ(left->field("action"), "left");
    EXPECT_EQ(left->field("user"), "luke");
}

TEST(OpenGroups, AnOpenGroupIsJoinedWithJoinGroupToo) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(yoda.request("JOIN jedi").ok());
    Response joined = luke.request("/joingroup jedi");
    ASSERT_TRUE(joined.ok()) << joined.final.format();
    EXPECT_EQ(joined.final.field("members"), "yoda,luke");
}

TEST(OpenGroups, InviteOnlyGroupsStayClosed) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    TestClient hans(server.port());
    hans.loginAs("hans");
    ASSERT_TRUE(yoda.request("/creategroup council luke").ok());
    EXPECT_EQ(hans.request("JOIN council").code(), "NOT_INVITED");
    EXPECT_EQ(hans.request("/joingroup council").code(), "NOT_INVITED");
    EXPECT_EQ(hans.request("TOPIC council").code(), "NOT_MEMBER");
    // The invited member joins with either command.
    Response joined = luke.request("JOIN council");
    ASSERT_TRUE(joined.ok()) << joined.final.format();
    EXPECT_EQ(joined.final.field("open"), "0");
    EXPECT_EQ(joined.final.field("members"), "yoda,luke");
}

TEST(OpenGroups, OnlyTheCreatorSetsTheTopicAndMembersAreTold) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(yoda.request("JOIN jedi").ok());
    ASSERT_TRUE(luke.request("JOIN jedi").ok());
    EXPECT_EQ(luke.request("TOPIC jedi").final.field("topic"), "");

    EXPECT_EQ(luke.request("TOPIC jedi the dark side").code(), "FORBIDDEN");
    Response set = yoda.request("TOPIC jedi Training at  dawn");
    ASSERT_TRUE(set.ok()) << set.final.format();
    auto told = luke.waitEvent("GROUP");
    ASSERT_TRUE(told);
    EXPECT_EQ(told->field("action"), "topic");
    EXPECT_EQ(told->field("topic"), "Training at  dawn");

    Response shown = luke.request("TOPIC #jedi");
    EXPECT_EQ(shown.final.field("topic"), "Training at  dawn");
    EXPECT_EQ(shown.final.field("topic_by"), "yoda");
    EXPECT_FALSE(shown.final.field("topic_at").value_or("").empty());
    EXPECT_EQ(yoda.request("TOPIC jedi " + std::string(301, 'x')).code(), "INVALID_ARGUMENT");
    ASSERT_TRUE(yoda.request("TOPIC jedi -").ok());
    EXPECT_EQ(luke.request("TOPIC jedi").final.field("topic"), "");
    EXPECT_EQ(luke.request("TOPIC nosuch").code(), "UNKNOWN_ROOM");
}

TEST(OpenGroups, OpennessTopicAndMembersSurviveARestart) {
    TestServer server;
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        ASSERT_TRUE(yoda.request("JOIN jedi").ok());
        ASSERT_TRUE(yoda.request("TOPIC jedi patience").ok());
    }
    server.restart();
    TestClient luke(server.port());
    luke.loginAs("luke");
    Response joined = luke.request("JOIN jedi");
    ASSERT_TRUE(joined.ok()) << joined.final.format();
    EXPECT_EQ(joined.final.field("created"), "0");
    EXPECT_EQ(joined.final.field("topic"), "patience");
    EXPECT_EQ(joined.final.field("members"), "yoda,luke");
}

TEST(OpenGroups, ABadNameIsRefusedAndTheConnectionStaysUsable) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("JOIN #no-dashes").code(), "INVALID_ARGUMENT");
    EXPECT_EQ(yoda.request("JOIN " + std::string(65, 'a')).code(), "INVALID_ARGUMENT");
    EXPECT_EQ(yoda.request("JOIN").code(), "BAD_ARGUMENTS");
    EXPECT_TRUE(yoda.request("JOIN ok1").ok());
}

} // namespace
} // namespace toom::test
