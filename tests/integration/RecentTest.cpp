// The latest without a time, over real sockets: READ, HISTORY <room> and HISTORY @user list
// the most recent posts and messages; EDIT and DELETE take a post number alone in the default
// profile while the seed profiles keep their timestamped forms; HELP finds any alias; an
// unknown command suggests the nearest one, also through toom-client.

#include "support/ChildProcess.h"
#include "support/ManualClock.h"
#include "support/TempDir.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom::test {
namespace {

using ::testing::HasSubstr;

std::shared_ptr<ManualClock> startClock() {
    return std::make_shared<ManualClock>(Poco::Timestamp::fromEpochTime(1685595601));
}

TEST(Recent, ReadAloneListsTheLatestPostsInOrder) {
    auto clock = startClock();
    TestServer server([](ServerOptions& o) { o.settings.recentRows = 3; }, clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("READ").final.text(), "no message on the board");
    for (const char* text : {"one", "two", "three", "four", "five"}) {
        ASSERT_TRUE(yoda.request(std::string("MSG ") + text).ok());
        clock->advanceSeconds(1);
    }
    Response latest = yoda.request("READ");
    ASSERT_TRUE(latest.ok()) << latest.final.format();
    EXPECT_EQ(latest.column("text"), (std::vector<std::string>{"three", "four", "five"}));
    EXPECT_EQ(latest.column("n"), (std::vector<std::string>{"3", "4", "5"}));
    EXPECT_EQ(latest.final.field("more"), "2");
    EXPECT_EQ(yoda.request("RDM b").column("text"), latest.column("text"));
    // The timestamped form is untouched.
    EXPECT_EQ(yoda.request("RDM 1 Jan 2000 00:00:00").rows.size(), 5u);
}

TEST(Recent, EditAndDeleteByNumberAloneInTheDefaultProfile) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    ASSERT_TRUE(yoda.request("MSG first").ok());
    ASSERT_TRUE(yoda.request("MSG second").ok());
    EXPECT_EQ(obiwan.request("EDIT 1 hijacked").code(), "FORBIDDEN");
    EXPECT_EQ(obiwan.request("DELETE 1").code(), "FORBIDDEN");
    EXPECT_EQ(yoda.request("EDIT 9 nothing there").code(), "UNKNOWN_MESSAGE");

    Response edited = yoda.request("EDIT #1 first,   reworded");
    ASSERT_TRUE(edited.ok()) << edited.final.format();
    auto event = obiwan.waitEvent("BOARD");
    while (event && event->field("action") != "edited")
        event = obiwan.waitEvent("BOARD");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->field("text"), "first,   reworded");

    ASSERT_TRUE(yoda.request("DLT 2").ok());
    Response left = obiwan.request("READ");
    EXPECT_EQ(left.column("text"), (std::vector<std::string>{"first,   reworded"}));
    EXPECT_EQ(left.column("edited"), (std::vector<std::string>{"1"}));
}

TEST(Recent, SeedProfilesKeepTheTimestampedFormsOnly) {
    TestServer server(profile("toom"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(yoda.request("MSG first").ok());
    Response edit = yoda.request("EDT 1 new text");
    EXPECT_EQ(edit.code(), "BAD_ARGUMENTS");
    EXPECT_EQ(edit.final.text(), "Usage: EDT <n> <d Mmm yyyy hh:mm:ss> <message>");
    EXPECT_EQ(yoda.request("DLT 1").code(), "BAD_ARGUMENTS");
    EXPECT_EQ(yoda.request("RDM").code(), "BAD_ARGUMENTS");
    EXPECT_EQ(yoda.request("RDM b").code(), "BAD_TIMESTAMP");
    EXPECT_EQ(yoda.request("RDM 1 Jan 2000 00:00:00").column("text"),
              (std::vector<std::string>{"first"}));
}

TEST(Recent, HistoryOfARoomOrGroupAloneListsItsLatest) {
    TestServer server([](ServerOptions& o) { o.settings.recentRows = 2; });
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(yoda.request("/creategroup jedi luke").ok());
    ASSERT_TRUE(luke.request("/joingroup jedi").ok());
    EXPECT_EQ(yoda.request("HISTORY #jedi").final.field("count"), "0");
    for (const char* text : {"a", "b", "c"})
        ASSERT_TRUE(yoda.request(std::string("/groupmsg jedi ") + text).ok());
    Response history = luke.request("HISTORY jedi");
    ASSERT_TRUE(history.ok()) << history.final.format();
    EXPECT_EQ(history.column("text"), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(history.column("n"), (std::vector<std::string>{"2", "3"}));
    EXPECT_EQ(history.final.field("more"), "1");
    TestClient leia(server.port());
    leia.loginAs("leia");
    EXPECT_EQ(leia.request("HISTORY jedi").code(), "NOT_MEMBER");
}

TEST(Recent, PrivateHistoryShowsBothDirectionsWithTimesAndSurvivesARestart) {
    auto clock = startClock();
    TestServer server({}, clock);
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        TestClient obiwan(server.port());
        obiwan.loginAs("obiwan");
        ASSERT_TRUE(yoda.request("PM obiwan hello  obiwan").ok());
        clock->advanceSeconds(1);
        ASSERT_TRUE(obiwan.request("/msgto yoda hi yoda").ok());
        clock->advanceSeconds(1);
        ASSERT_TRUE(yoda.request("PM luke not for obiwan").ok());
        ASSERT_TRUE(obiwan.request("OUT").ok());
        clock->advanceSeconds(1);
        // Waiting for obiwan's next login: part of the conversation already.
        ASSERT_EQ(yoda.request("message obiwan are you there?").final.field("delivered"), "0");

        Response history = yoda.request("HISTORY @obiwan");
        ASSERT_TRUE(history.ok()) << history.final.format();
        EXPECT_EQ(history.column("text"),
                  (std::vector<std::string>{"hello  obiwan", "hi yoda", "are you there?"}));
        EXPECT_EQ(history.column("from"), (std::vector<std::string>{"yoda", "obiwan", "yoda"}));
        EXPECT_EQ(history.column("ts")[1], "2023-06-01T05:00:02.000Z");
        EXPECT_THAT(history.rows[1].text(), HasSubstr(", obiwan: hi yoda"));
        EXPECT_EQ(yoda.request("HISTORY @nobodyhere").code(), "UNKNOWN_USER");
        EXPECT_EQ(yoda.request("HISTORY @yoda").code(), "SELF");
    }
    server.restart();
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    ASSERT_TRUE(obiwan.waitEvent("MESSAGE")); // "are you there?", delivered at login.
    Response again = obiwan.request("HISTORY @YODA");
    EXPECT_EQ(again.final.field("with"), "yoda");
    EXPECT_EQ(again.column("text"),
              (std::vector<std::string>{"hello  obiwan", "hi yoda", "are you there?"}));
}

TEST(Recent, HelpFindsAnyAliasWithOrWithoutItsSlash) {
    TestServer server;
    TestClient yoda(server.port());
    for (const char* line : {"HELP /msgto", "HELP msgto", "HELP PM", "HELP /pm", "help message"}) {
        Response help = yoda.request(line);
        ASSERT_TRUE(help.ok()) << line << ": " << help.final.format();
        EXPECT_EQ(help.column("command"), (std::vector<std::string>{"PM"})) << line;
    }
    EXPECT_EQ(yoda.request("HELP /mgsto").final.field("suggestion"), "/msgto");
}

// Every profile names the suggestion in a field; only the default one words it, the seeds
// keep the error text their specs fix.
TEST(Recent, AnUnknownCommandSuggestsTheNearestInEveryProfile) {
    for (const char* name : {"toom-default", "toom", "tessenger"}) {
        TestServer server(profile(name));
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        Response slip = yoda.request("/mgsto obiwan hi");
        EXPECT_EQ(slip.code(), "UNKNOWN_COMMAND") << name;
        EXPECT_EQ(slip.final.field("suggestion"), "/msgto") << name;
        const Profile known = *findProfile(name); // findProfile gives a copy.
        const std::string seedText = known.invalidCommand;
        const std::string expected =
            known.suggestCommands ? "Unknown command /mgsto: did you mean /msgto?" : seedText;
        EXPECT_EQ(slip.final.text(), expected) << name;
        EXPECT_EQ(std::string(name) == "toom-default", known.suggestCommands) << name;
        EXPECT_EQ(yoda.request("ATUU").final.field("suggestion"), "ATU") << name;
        // Far from every name: the profile's own wording, as before.
        EXPECT_EQ(yoda.request("Whatsthedate").final.text(),
                  ServerSettings::fromProfile(*findProfile(name)).profile.invalidCommand)
            << name;
    }
}

TEST(Recent, TheClientShowsHelpForAnyAliasAndTheSuggestion) {
    TestServer server;
    TempDir dir;
    auto [code, output] = ChildProcess::run(
        TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())}, dir.path(),
        "yoda\nwise@!man\n/help msgto\nHELP /PM\n/mgsto obiwan hi\nREAD\nOUT\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_THAT(output, HasSubstr("PM, message, /msgto <user> <message>"));
    EXPECT_THAT(output, HasSubstr("Unknown command /mgsto: did you mean /msgto?"));
    EXPECT_THAT(output, HasSubstr("no message on the board"));
}

} // namespace
} // namespace toom::test
