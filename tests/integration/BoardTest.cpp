// The public board over real sockets: posting with live push, edit and delete by the author
// only, renumbering, reading since a time, blocks, durability and messagelog.txt.

#include "support/Files.h"
#include "support/ManualClock.h"
#include "support/SeedTimes.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

struct BoardFixture : ::testing::Test {
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(Poco::Timestamp::fromEpochTime(1614092401));
    TestServer server{
        [](ServerOptions& o) { o.settings = ServerSettings::fromProfile(*findProfile("toom")); },
        clock};
};

TEST_F(BoardFixture, PostIsNumberedConfirmedAndPushedToOthers) {
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    Response first = yoda.request("MSG Hello   there");
    ASSERT_TRUE(first.ok()) << first.final.format();
    EXPECT_EQ(first.final.field("n"), "1");
    EXPECT_EQ(first.final.text(), "Message #1 posted at " + seedTime(first.final) + ".");
    auto pushed = obiwan.waitEvent("BOARD");
    ASSERT_TRUE(pushed);
    EXPECT_EQ(pushed->field("action"), "posted");
    EXPECT_EQ(pushed->field("user"), "yoda");
    EXPECT_EQ(pushed->field("text"), "Hello   there");
    EXPECT_FALSE(yoda.waitEvent("BOARD", 200ms)); // Not echoed to the author.

    Response second = obiwan.request("BCM Second post");
    EXPECT_EQ(second.final.field("n"), "2");
    EXPECT_EQ(second.final.text().rfind("Broadcast message, #2 broadcast at ", 0), 0u);
    EXPECT_EQ(yoda.request("MSG").code(), "EMPTY_MESSAGE");
}

TEST_F(BoardFixture, OnlyTheAuthorEditsWithTheRightTimestamp) {
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    Response posted = yoda.request("MSG Computer Network Rocks");
    const std::string ts = seedTime(posted.final);
    clock->advanceSeconds(5);

    Response forbidden = obiwan.request("EDT #1 " + ts + " hijacked");
    EXPECT_EQ(forbidden.code(), "FORBIDDEN");
    EXPECT_EQ(forbidden.final.text(), "Unauthorised to edit Message #1.");
    EXPECT_EQ(yoda.request("EDT 1 1 Jan 2020 10:00:00 wrong time").code(), "TIMESTAMP_MISMATCH");
    EXPECT_EQ(yoda.request("EDT 9 " + ts + " no such").code(), "UNKNOWN_MESSAGE");
    EXPECT_EQ(yoda.request("EDT 1 yesterday at noon new text").code(), "BAD_TIMESTAMP");
    EXPECT_EQ(yoda.request("EDT 1 x").code(), "BAD_ARGUMENTS");

    Response edited = yoda.request("EDT #1 " + ts + " Database Rocks");
    ASSERT_TRUE(edited.ok()) << edited.final.format();
    EXPECT_EQ(edited.final.text(), "Message #1 edited at " + seedTime(edited.final) + ".");
    EXPECT_NE(seedTime(edited.final), ts);
    ASSERT_EQ(obiwan.waitEvent("BOARD")->field("action"), "posted");
    auto event = obiwan.waitEvent("BOARD");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->field("action"), "edited");
    EXPECT_EQ(event->field("text"), "Database Rocks");

    Response read = obiwan.request("RDM 1 Jan 2000 00:00:00");
    ASSERT_EQ(read.rows.size(), 1u);
    EXPECT_EQ(read.rows[0].field("edited"), "1");
    EXPECT_EQ(read.rows[0].text(),
              "#1; yoda: \"Database Rocks\" edited at " + seedTime(edited.final) + ".");
}

TEST_F(BoardFixture, DeleteRenumbersLaterPostsAndTheLog) {
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    std::vector<std::string> times;
    for (const char* text : {"one", "two", "three", "four"}) {
        times.push_back(seedTime(yoda.request(std::string("MSG ") + text).final));
        clock->advanceSeconds(1);
    }
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    EXPECT_EQ(obiwan.request("DLT #2 " + times[1]).code(), "FORBIDDEN");
    Response deleted = yoda.request("DLT #2 " + times[1]);
    ASSERT_TRUE(deleted.ok()) << deleted.final.format();
    EXPECT_EQ(deleted.final.text().rfind("Message #2 deleted at ", 0), 0u);

    Response all = yoda.request("RDM 1 Jan 2000 00:00:00");
    EXPECT_EQ(all.column("text"), (std::vector<std::string>{"one", "three", "four"}));
    EXPECT_EQ(all.column("n"), (std::vector<std::string>{"1", "2", "3"}));
    // "three" is now #2, and keeps its own time.
    EXPECT_TRUE(yoda.request("DLT 2 " + times[2]).ok());

    auto log = readLines(server.file("messagelog.txt"));
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0], "1; " + times[0] + "; yoda; one; no");
    EXPECT_EQ(log[1], "2; " + times[3] + "; yoda; four; no");
}

TEST_F(BoardFixture, ReadSinceIsStrictlyLaterAndAcceptsBothSeedForms) {
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    Response a = yoda.request("MSG early");
    clock->advanceSeconds(10);
    yoda.request("MSG late");
    const std::string firstTime = seedTime(a.final);

    Response b = yoda.request("RDM " + firstTime);
    EXPECT_EQ(b.column("text"), (std::vector<std::string>{"late"}));
    Response c = yoda.request("RDM b " + firstTime);
    EXPECT_EQ(c.column("text"), (std::vector<std::string>{"late"}));
    Response unpadded = yoda.request("RDM 23 feb 2021 15:00:00");
    EXPECT_EQ(unpadded.rows.size(), 2u);
    Response none = yoda.request("RDM 1 Jan 2030 00:00:00");
    EXPECT_TRUE(none.rows.empty());
    EXPECT_EQ(none.final.text(), "no new message");
    Response bad = yoda.request("RDM 31 Feb 2021 10:00:00");
    EXPECT_EQ(bad.code(), "BAD_TIMESTAMP");
    EXPECT_NE(bad.final.text().find("d Mmm yyyy hh:mm:ss"), std::string::npos);
    EXPECT_TRUE(yoda.request("RDM s 1 Jan 2000 00:00:00").rows.empty());
}

TEST_F(BoardFixture, ReadsAreBoundedAndSayWhatRemains) {
    TestServer small([](ServerOptions& o) { o.settings.maxReadRows = 3; });
    TestClient yoda(small.port());
    yoda.loginAs("yoda");
    for (int i = 0; i < 5; ++i)
        yoda.request("POST post " + std::to_string(i));
    Response read = yoda.request("READ 1 Jan 2000 00:00:00");
    EXPECT_EQ(read.rows.size(), 3u);
    EXPECT_EQ(read.final.field("more"), "2");
}

TEST_F(BoardFixture, BoardSurvivesRestart) {
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        yoda.request("MSG durable");
    }
    server.restart();
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("RDM 1 Jan 2000 00:00:00").column("text"),
              (std::vector<std::string>{"durable"}));
    EXPECT_EQ(yoda.request("MSG next").final.field("n"), "2");
}

// Variant A's broadcast rule, one-way: a push is withheld from a viewer only when the viewer
// has blocked the author. Yoda blocks hans: yoda's posts still reach hans; hans's do not reach
// yoda, and hans is told.
TEST(Board, BroadcastIsWithheldOnlyFromViewersWhoBlockedTheAuthor) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(yoda.request("block hans").ok());

    Response fromYoda = yoda.request("broadcast Hello everyone");
    EXPECT_EQ(fromYoda.final.field("blocked"), "0");
    EXPECT_EQ(fromYoda.final.text(), "");
    auto hansGot = hans.waitEvent("BOARD");
    ASSERT_TRUE(hansGot) << "the blocker's own broadcast must reach the user it blocked";
    EXPECT_EQ(hansGot->field("user"), "yoda");
    EXPECT_TRUE(luke.waitEvent("BOARD"));

    Response fromHans = hans.request("broadcast Hi from hans");
    EXPECT_EQ(fromHans.final.field("blocked"), "1");
    EXPECT_EQ(fromHans.final.text(), "Your message could not be delivered to some recipients");
    EXPECT_TRUE(luke.waitEvent("BOARD"));
    // Round trip instead of a sleep: luke's later post is the next push yoda gets.
    ASSERT_TRUE(luke.request("broadcast from luke").ok());
    auto yodaGot = yoda.waitEvent("BOARD");
    ASSERT_TRUE(yodaGot);
    EXPECT_EQ(yodaGot->field("user"), "luke") << "hans's post reached yoda, who blocked hans";
}

// The same one rule for room and group messages.
TEST(Board, RoomMessagesFollowTheSameOneWayRule) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    ASSERT_TRUE(hans.request("SRB yoda").ok()); // Room 1: hans and yoda.
    ASSERT_TRUE(yoda.request("block hans").ok());
    ASSERT_TRUE(yoda.request("SRM 1 from yoda").ok());
    auto hansGot = hans.waitEvent("ROOM");
    ASSERT_TRUE(hansGot) << "the blocker's room message must reach the user it blocked";
    EXPECT_EQ(hansGot->field("from"), "yoda");

    ASSERT_TRUE(hans.request("SRM 1 from hans").ok());
    ASSERT_TRUE(yoda.request("unblock hans").ok());
    ASSERT_TRUE(hans.request("SRM 1 after unblock").ok());
    auto yodaGot = yoda.waitEvent("ROOM");
    ASSERT_TRUE(yodaGot);
    EXPECT_EQ(yodaGot->field("text"), "after unblock")
        << "hans's message reached yoda while blocked";
}

} // namespace
} // namespace toom::test
