// Separate rooms (variant C) and named groups (variant D) over real sockets, with the tutor's
// test-plan steps and D's example 2 as scenarios, and what users of any team chat expect:
// listing, leaving, history, persistence.

#include "common/SeedTime.h"
#include "support/Files.h"
#include "support/ManualClock.h"
#include "support/SeedTimes.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

// C tutor plan: SRB errors, creation, deduplication, SRM to rooms 1 and 2, RDM s before/after.
TEST(SeedC, SeparateRoomsTutorPlan) {
    auto clock = std::make_shared<ManualClock>(Poco::Timestamp::fromEpochTime(1654095600));
    TestServer server(profile("toom-rooms"), clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");

    EXPECT_EQ(yoda.request("SRB").code(), "BAD_ARGUMENTS");
    EXPECT_EQ(yoda.request("SRB yoda").code(), "SELF");
    Response offline = yoda.request("SRB gandalf");
    EXPECT_EQ(offline.code(), "USER_OFFLINE");
    EXPECT_EQ(offline.final.text(), "gandalf is offline");
    EXPECT_EQ(yoda.request("SRB nobody").code(), "UNKNOWN_USER");

    Response room1 = yoda.request("SRB hans");
    ASSERT_TRUE(room1.ok()) << room1.final.format();
    EXPECT_EQ(room1.final.text(),
              "Separate chat room has been created, room ID: 1, users in this room: yoda, hans");
    Response again = hans.request("SRB yoda");
    EXPECT_EQ(again.final.text(), "a separate room (ID: 1) already created for these users");
    Response room2 = yoda.request("SRB hans obiwan");
    EXPECT_EQ(room2.final.field("room"), "2");

    const std::string before = formatSeedTime(clock->now(), false);
    clock->advanceSeconds(5);
    Response m1 = yoda.request("SRM 1 Hello hans");
    ASSERT_TRUE(m1.ok()) << m1.final.format();
    auto pushed = hans.waitEvent("ROOM");
    ASSERT_TRUE(pushed);
    EXPECT_EQ(pushed->field("room"), "1");
    EXPECT_EQ(pushed->field("text"), "Hello hans");
    EXPECT_TRUE(obiwan.request("SRM 2 Hi all").ok());
    EXPECT_EQ(obiwan.request("SRM 1 let me in").final.text(),
              "You are not in this separate room chat");
    EXPECT_EQ(obiwan.request("SRM 9 anyone").final.text(), "The separate room does not exist");

    // hans is in both rooms: RDM s lists both, grouped by room; a later time lists nothing.
    Response all = hans.request("RDM s " + before);
    EXPECT_EQ(all.column("room"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(all.column("text"), (std::vector<std::string>{"Hello hans", "Hi all"}));
    Response one = hans.request("RDM s 2 " + before);
    EXPECT_EQ(one.column("text"), (std::vector<std::string>{"Hi all"}));
    Response future = hans.request("RDM s 1 Jan 2030 00:00:00");
    EXPECT_EQ(future.final.text(), "no new message");

    // The room log, in C's format with unpadded days.
    auto log = readLines(server.file("SR_1_messageLog.txt"));
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0], "1; " + unpaddedSeedTime(m1.final) + "; yoda; Hello hans");
}

// D example 2: create, join, message, and the error paths.
TEST(SeedD, GroupChatExample) {
    TestServer server(profile("tessenger"));
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");

    EXPECT_EQ(obiwan.request("/creategroup learning3331").final.text(),
              "Please enter at least one more active users.");
    Response created = obiwan.request("/creategroup learning3331 yoda");
    EXPECT_EQ(created.final.text(), "Group chat created learning3331");
    auto invite = yoda.waitEvent("INVITE");
    ASSERT_TRUE(invite);
    EXPECT_EQ(invite->field("group"), "learning3331");
    EXPECT_EQ(obiwan.request("/creategroup learning3331 hans").final.text(),
              "Failed to create the group chat learning3331: group name exists!");

    EXPECT_EQ(yoda.request("/groupmsg learning3331 too early").final.text(),
              "Please join the group before sending messages.");
    EXPECT_EQ(hans.request("/groupmsg learning3331 not invited").final.text(),
              "You are not in this group chat.");
    EXPECT_EQ(yoda.request("/joingroup learning9331").final.text(),
              "Groupchat learning9331 doesn't exist.");
    EXPECT_EQ(yoda.request("/joingroup learning3331").final.text(),
              "Joined the group chat: learning3331 successfully.");
    EXPECT_EQ(yoda.request("/joingroup learning3331").final.text(),
              "You have already joined Groupchat learning3331");

    Response sent = yoda.request("/groupmsg learning3331 hello there");
    EXPECT_EQ(sent.final.text(), "Group chat message sent.");
    auto got = obiwan.waitEvent("ROOM"); // The creator is joined without /joingroup.
    ASSERT_TRUE(got);
    EXPECT_NE(got->text().find(", learning3331, yoda: hello there"), std::string::npos)
        << got->text();
    EXPECT_FALSE(hans.waitEvent("ROOM", 200ms));
    EXPECT_EQ(yoda.request("/groupmsg nogroup hi").final.text(), "The group chat does not exist.");

    auto log = readLines(server.file("learning3331_messageLog.txt"));
    ASSERT_EQ(log.size(), 1u);
    EXPECT_NE(log[0].find("; yoda; hello there"), std::string::npos);
}

// Variant D allows group names of letters and digits, all digits included; "#3331" tells such
// a group from separate room 3331 where either could be meant (LEAVE, HISTORY).
TEST(SeedD, AllDigitGroupNamesWorkAndTheHashFormDisambiguates) {
    TestServer server(profile("tessenger"));
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(obiwan.request("/creategroup 3331 yoda").final.text(), "Group chat created 3331");
    EXPECT_EQ(yoda.request("/joingroup 3331").final.text(),
              "Joined the group chat: 3331 successfully.");
    EXPECT_EQ(yoda.request("/groupmsg 3331 hello digits").final.text(), "Group chat message sent.");
    auto got = obiwan.waitEvent("ROOM");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->field("kind"), "group");
    EXPECT_EQ(got->field("room"), "3331");

    Response history = yoda.request("HISTORY #3331 1 Jan 2000 00:00:00");
    ASSERT_TRUE(history.ok()) << history.final.format();
    EXPECT_EQ(history.column("text"), (std::vector<std::string>{"hello digits"}));
    // A bare number is a separate room, and there is no room 3331.
    EXPECT_EQ(yoda.request("LEAVE 3331").code(), "UNKNOWN_ROOM");
    EXPECT_TRUE(yoda.request("LEAVE #3331").ok());
    EXPECT_EQ(yoda.request("/groupmsg 3331 gone").code(), "NOT_MEMBER");

    const std::string longest(64, '7');
    EXPECT_TRUE(obiwan.request("/creategroup " + longest + " yoda").ok());
    EXPECT_EQ(obiwan.request("/creategroup " + longest + "7 yoda").code(), "INVALID_ARGUMENT");
}

TEST(Rooms, InvitedMembersGetMessagesOnlyAfterJoining) {
    TestServer server;
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    obiwan.request("CREATEGROUP jedi yoda");
    obiwan.request("GROUPMSG jedi before you joined");
    EXPECT_FALSE(yoda.waitEvent("ROOM", 200ms));
    yoda.request("JOINGROUP jedi");
    obiwan.request("GROUPMSG jedi welcome");
    auto got = yoda.waitEvent("ROOM");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->field("text"), "welcome");
}

TEST(Rooms, CannotInviteSomeoneWhoBlockedYou) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    hans.request("block yoda");
    EXPECT_EQ(yoda.request("/creategroup council hans").code(), "BLOCKED");
    EXPECT_EQ(yoda.request("SRB hans").code(), "BLOCKED");
    EXPECT_TRUE(hans.request("/creategroup council yoda").ok()); // The other way is fine.
}

TEST(Rooms, ListLeaveAndHistory) {
    auto clock = std::make_shared<ManualClock>(Poco::Timestamp::fromEpochTime(1685610000));
    TestServer server({}, clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    TestClient leia(server.port());
    leia.loginAs("leia");
    yoda.request("SRB luke");
    yoda.request("/creategroup rebels luke leia");
    luke.request("/joingroup rebels");

    Response rooms = luke.request("ROOMS");
    EXPECT_EQ(rooms.column("room"), (std::vector<std::string>{"1", "rebels"}));
    EXPECT_EQ(rooms.column("invited"), (std::vector<std::string>{"", "leia"}));

    const std::string start = formatSeedTime(clock->now(), true);
    clock->advanceSeconds(1);
    yoda.request("/groupmsg rebels one");
    ASSERT_EQ(luke.waitEvent("ROOM")->field("text"), "one");
    clock->advanceSeconds(1);
    luke.request("/groupmsg rebels two");
    Response history = luke.request("HISTORY rebels " + start);
    EXPECT_EQ(history.column("text"), (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(history.column("from"), (std::vector<std::string>{"yoda", "luke"}));
    EXPECT_EQ(leia.request("HISTORY 1 " + start).code(), "NOT_MEMBER");

    EXPECT_EQ(luke.request("LEAVE rebels").final.text(), "You left rebels");
    EXPECT_EQ(luke.request("LEAVE rebels").code(), "NOT_MEMBER");
    EXPECT_EQ(luke.request("ROOMS").column("room"), (std::vector<std::string>{"1"}));
    yoda.request("/groupmsg rebels three");
    EXPECT_FALSE(luke.waitEvent("ROOM", 200ms));
    EXPECT_EQ(luke.request("LEAVE 7").code(), "UNKNOWN_ROOM");
}

TEST(Rooms, RoomsAndMessagesSurviveRestart) {
    TestServer server;
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        TestClient luke(server.port());
        luke.loginAs("luke");
        ASSERT_TRUE(yoda.request("SRB luke").ok());
        ASSERT_TRUE(yoda.request("SRM 1 remember me").ok());
        ASSERT_TRUE(yoda.request("/creategroup order luke").ok());
    }
    server.restart();
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    EXPECT_EQ(luke.request("HISTORY 1 1 Jan 2000 00:00:00").column("text"),
              (std::vector<std::string>{"remember me"}));
    EXPECT_EQ(yoda.request("SRB luke").final.field("created"), "0"); // Still room 1.
    EXPECT_TRUE(luke.request("/joingroup order").ok());              // The invitation survived.
    EXPECT_EQ(yoda.request("SRM 1 again").final.field("n"), "2");
}

} // namespace
} // namespace toom::test
