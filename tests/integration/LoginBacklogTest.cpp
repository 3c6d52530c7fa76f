// The backlog at login over real sockets: after the welcome and the private messages that
// waited, what came on the board and in one's groups while away, marked backlog=1, with a
// count of the older ones and the command that reads them; never from a user one blocks. And
// toom-client on a terminal shows both kinds of waiting lines with their original time.

#include "common/SeedTime.h"
#include "support/ChildProcess.h"
#include "support/ManualClock.h"
#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>

namespace toom::test {
namespace {

using ::testing::HasSubstr;

/// Waits until `watcher` hears that `user` went offline: the logout is on record by then
/// (the notice is sent after the history is written).
bool waitOffline(TestClient& watcher, const std::string& user) {
    for (int i = 0; i < 20; ++i) {
        auto event = watcher.waitEvent("PRESENCE");
        if (!event)
            return false;
        if (event->field("user") == user && event->field("state") == "offline")
            return true;
    }
    return false;
}

/// yoda, in the group jedi with obiwan and blocking vader, logs out; obiwan sees it.
void yodaLeaves(TestServer& server, TestClient& obiwan) {
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(obiwan.request("CREATEGROUP jedi yoda").ok());
    ASSERT_TRUE(yoda.request("JOINGROUP jedi").ok());
    ASSERT_TRUE(yoda.request("block vader").ok());
    ASSERT_TRUE(obiwan.request("POST seen before leaving").ok());
    ASSERT_TRUE(yoda.request("OUT").ok());
    ASSERT_TRUE(waitOffline(obiwan, "yoda"));
}

TEST(LoginBacklog, WhatCameWhileAwayFollowsTheWelcomeAndTheMessagesThatWaited) {
    TestServer server; // toom-default: login.backlog = 10
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TestClient vader(server.port());
    vader.loginAs("vader");
    yodaLeaves(server, obiwan);

    for (int i = 1; i <= 12; ++i) {
        ASSERT_TRUE(obiwan.request("POST post " + std::to_string(i)).ok());
        if (i == 6) {
            ASSERT_TRUE(vader.request("POST from vader").ok());
        }
    }
    ASSERT_TRUE(obiwan.request("GROUPMSG jedi g1").ok());
    ASSERT_TRUE(obiwan.request("GROUPMSG jedi g2").ok());
    ASSERT_TRUE(obiwan.request("PM yoda waited for you").ok());

    TestClient yoda(server.port());
    ASSERT_TRUE(yoda.login("yoda", passwordOf("yoda")).ok());
    std::vector<ServerLine> events;
    for (int i = 0; i < 14; ++i) {
        auto event = yoda.nextEvent();
        ASSERT_TRUE(event) << "event " << i;
        events.push_back(*event);
    }
    // First the private message that waited.
    EXPECT_EQ(events[0].verb(), "MESSAGE");
    EXPECT_EQ(events[0].field("offline"), "1");
    EXPECT_EQ(events[0].field("text"), "waited for you");
    // Then the board: 12 posts came from users yoda does not block (vader's is left out); the
    // latest 10 are shown, after a count of the other 2.
    EXPECT_EQ(events[1].verb(), "BACKLOG");
    EXPECT_EQ(events[1].field("source"), "board");
    EXPECT_EQ(events[1].field("shown"), "10");
    EXPECT_EQ(events[1].field("more"), "2");
    for (int i = 0; i < 10; ++i) {
        const ServerLine& post = events[static_cast<std::size_t>(2 + i)];
        EXPECT_EQ(post.verb(), "BOARD");
        EXPECT_EQ(post.field("backlog"), "1");
        EXPECT_EQ(post.field("user"), "obiwan");
        EXPECT_EQ(post.field("text"), "post " + std::to_string(3 + i));
    }
    // Then the group, whole: no count.
    EXPECT_EQ(events[12].verb(), "ROOM");
    EXPECT_EQ(events[12].field("room"), "jedi");
    EXPECT_EQ(events[12].field("text"), "g1");
    EXPECT_EQ(events[12].field("backlog"), "1");
    EXPECT_EQ(events[13].field("text"), "g2");
    // Nothing else: the backlog is one push, so a round trip now finds it all received.
    ASSERT_TRUE(yoda.request("WHO").ok());
    EXPECT_EQ(yoda.pendingEvents(), 0u) << yoda.nextEvent(0ms)->format();

    // The command the count names reads the posts left out, from the second before the logout
    // on (READ compares to the second; "seen before leaving" may be in that second too).
    const std::string read = events[1].field("read").value_or("");
    ASSERT_EQ(read.rfind("READ ", 0), 0u) << read;
    const Response older = yoda.request(read);
    ASSERT_TRUE(older.ok()) << older.final.format();
    EXPECT_THAT(older.column("text"), ::testing::IsSupersetOf({"post 1", "post 2"}));
}

// A login that takes over one's own open session was never away: it brings no backlog.
TEST(LoginBacklog, TakingOverOnesOwnSessionBringsNone) {
    TestServer server;
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TestClient vader(server.port());
    vader.loginAs("vader");
    yodaLeaves(server, obiwan);
    TestClient first(server.port());
    first.loginAs("yoda");
    ASSERT_TRUE(obiwan.request("POST while yoda was here").ok());
    ASSERT_TRUE(first.waitEvent("BOARD"));
    TestClient second(server.port());
    second.loginAs("yoda");
    ASSERT_TRUE(second.request("WHO").ok());
    for (auto event = second.nextEvent(200ms); event; event = second.nextEvent(200ms)) {
        EXPECT_NE(event->verb(), "BOARD") << event->format();
        EXPECT_NE(event->verb(), "BACKLOG") << event->format();
    }
}

TEST(LoginBacklog, TheSeedProfilesHaveNone) {
    TestServer server(profile("tessenger"));
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        ASSERT_TRUE(obiwan.request("/creategroup jedi yoda").ok());
        ASSERT_TRUE(yoda.request("/joingroup jedi").ok());
        ASSERT_TRUE(yoda.request("/logout").ok());
        ASSERT_TRUE(yoda.waitClosed());
    }
    ASSERT_TRUE(obiwan.request("/groupmsg jedi while you were out").ok());
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(yoda.request("/activeuser").ok()); // A round trip after the login.
    for (auto event = yoda.nextEvent(200ms); event; event = yoda.nextEvent(200ms))
        EXPECT_NE(event->verb(), "ROOM") << event->format();
}

TEST(LoginBacklog, AnOffSettingSendsNone) {
    TestServer server([](ServerOptions& o) { o.settings.loginBacklog = 0; });
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TestClient vader(server.port());
    vader.loginAs("vader");
    yodaLeaves(server, obiwan);
    ASSERT_TRUE(obiwan.request("POST while you were out").ok());
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(yoda.request("WHO").ok());
    for (auto event = yoda.nextEvent(200ms); event; event = yoda.nextEvent(200ms)) {
        EXPECT_NE(event->verb(), "BOARD") << event->format();
        EXPECT_NE(event->verb(), "BACKLOG") << event->format();
    }
}

std::string localDayAndTime(const Poco::Timestamp& when) {
    const std::time_t t = when.epochTime();
    std::tm tm{};
    localtime_r(&t, &tm);
    char day[16];
    char time[16];
    std::strftime(day, sizeof day, "%e %b", &tm);
    std::strftime(time, sizeof time, "%H:%M", &tm);
    std::string text = day;
    return text.substr(text.find_first_not_of(' ')) + " " + time;
}

// toom-client on a terminal: a private message that waited and a board post that came while
// away both say so, each with its original day and time.
TEST(LoginBacklog, TheClientMarksWhatWaitedWithItsOriginalTime) {
    // Two days ago, so the time column carries the day as well.
    auto clock = std::make_shared<ManualClock>(Poco::Timestamp() - Poco::Timespan(2, 0, 0, 0, 0));
    TestServer server({}, clock);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        ASSERT_TRUE(yoda.request("OUT").ok());
        ASSERT_TRUE(yoda.waitClosed());
    }
    clock->advanceSeconds(60);
    const Poco::Timestamp sentAt = clock->now();
    // A round trip of obiwan's after yoda's close: the logout is on record before the post.
    ASSERT_TRUE(obiwan.request("WHO").ok());
    ASSERT_TRUE(obiwan.request("PM yoda are you there").ok());
    ASSERT_TRUE(obiwan.request("POST lunch at noon").ok());
    clock->advanceSeconds(3600);

    TempDir dir;
    TerminalProcess yoda(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                         dir.path(), 80, "xterm", {"NO_COLOR=1"});
    ASSERT_TRUE(yoda.waitFor("Username: ")) << yoda.output();
    yoda.type("yoda\r");
    ASSERT_TRUE(yoda.waitFor("Password: ")) << yoda.output();
    yoda.type("wise@!man\r");
    ASSERT_TRUE(yoda.waitFor("lunch at noon")) << yoda.output();
    const std::string when = localDayAndTime(sentAt);
    EXPECT_THAT(yoda.output(),
                HasSubstr(when + " [msg, sent while you were away] obiwan: are you there"));
    EXPECT_THAT(yoda.output(),
                HasSubstr(when + " [board #1, while you were away] obiwan: lunch at noon"));
    // The welcome first, then what waited, as they came on the wire (the reader thread shows
    // events at once; the session holds them until it has printed the login's reply).
    const std::size_t welcome = yoda.output().find("Welcome to Toom!");
    ASSERT_NE(welcome, std::string::npos) << yoda.output();
    EXPECT_LT(welcome, yoda.output().find("are you there")) << yoda.output();
    EXPECT_LT(welcome, yoda.output().find("lunch at noon")) << yoda.output();
    yoda.type("OUT\r");
    EXPECT_EQ(yoda.waitExit(), 0) << yoda.output();
}

// Variant A's `message` alias confirms in the default profile, and toom-client prints it.
TEST(LoginBacklog, TheMessageAliasConfirmsInTheClient) {
    TestServer server;
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TempDir dir;
    auto [code, output] =
        ChildProcess::run(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                          dir.path(), "yoda\nwise@!man\nmessage obiwan hi\nOUT\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_THAT(output, HasSubstr("message sent at "));

    // And on a terminal.
    TerminalProcess yoda(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                         dir.path(), 80, "xterm", {"NO_COLOR=1"});
    ASSERT_TRUE(yoda.waitFor("Username: ")) << yoda.output();
    yoda.type("yoda\r");
    ASSERT_TRUE(yoda.waitFor("Password: ")) << yoda.output();
    yoda.type("wise@!man\r");
    ASSERT_TRUE(yoda.waitFor("Welcome to Toom!")) << yoda.output();
    yoda.type("message obiwan hello again\r");
    ASSERT_TRUE(yoda.waitFor("message sent at ")) << yoda.output();
    ASSERT_TRUE(obiwan.waitEvent("MESSAGE"));
    yoda.type("OUT\r");
    EXPECT_EQ(yoda.waitExit(), 0) << yoda.output();
}

} // namespace
} // namespace toom::test
