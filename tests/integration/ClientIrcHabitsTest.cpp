// toom-client's irssi habits against a real server: what each one sends is seen by the other
// user, over real sockets, from a scripted client (the habits work in scripts too).

#include "support/ChildProcess.h"
#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ClientIrcHabits, MsgQueryMeJoinPartNamesAndWhoisReachTheServerAsToomRequests) {
    TestServer server;
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TempDir dir;
    ChildProcess yoda(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())}, dir.path());
    yoda.write("yoda\nwise@!man\n");
    ASSERT_TRUE(yoda.waitFor("Welcome to").has_value()) << yoda.output();
    ASSERT_TRUE(obiwan.request("CREATEGROUP jedi yoda").ok()); // yoda must be online for it.
    yoda.write("/msg obiwan first\n"
               "/query obiwan\n"
               "ATU is what I typed\n"
               "/me bows\n"
               "/query\n"
               "/names\n" // before /join: everyone online
               "/join #jedi\n"
               "/me waves\n"
               "/names\n" // after /join: the group joined last
               "/names jedi\n"
               "/whois obiwan\n"
               "/whois vader\n"
               "/part\n"
               "/quit see you\n");
    yoda.closeInput();
    const int code = yoda.wait();
    const std::string output = yoda.output();
    EXPECT_EQ(code, 0) << output;

    std::vector<std::string> heard;
    while (auto event = obiwan.nextEvent(std::chrono::milliseconds(2000))) {
        if (auto text = event->field("text"))
            heard.push_back(event->verb() + " " + *text);
        if (heard.size() == 4)
            break;
    }
    EXPECT_THAT(heard, ::testing::ElementsAre("MESSAGE first", "MESSAGE ATU is what I typed",
                                              "MESSAGE * yoda bows", "ROOM * yoda waves"))
        << output;
    EXPECT_THAT(output, HasSubstr("Query with obiwan: lines without a / go to obiwan"));
    EXPECT_THAT(output, HasSubstr("Online (2): yoda, obiwan"));
    EXPECT_THAT(output, HasSubstr("#jedi: "));
    EXPECT_EQ(output.find("Online (2)"), output.rfind("Online (2)")) << output;
    EXPECT_THAT(output, HasSubstr("obiwan is online since "));
    EXPECT_THAT(output, HasSubstr("vader is not online."));
    EXPECT_THAT(output, HasSubstr("Bye, yoda!"));
    // /part left the group: obiwan is its only member now.
    auto rooms = obiwan.request("ROOMS");
    ASSERT_TRUE(rooms.ok());
    ASSERT_EQ(rooms.rows.size(), 1u);
    EXPECT_EQ(rooms.rows[0].field("members"), "obiwan");
}

// On a terminal HELP is grouped and wrapped, lists the habits and never UDPPORT; the prompt
// shows whom a query talks to.
TEST(ClientIrcHabits, OnATerminalHelpIsLaidOutAndTheQueryShowsInThePrompt) {
    TestServer server;
    TempDir dir;
    TerminalProcess yoda(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                         dir.path(), 60, "xterm", {"NO_COLOR=1"});
    ASSERT_TRUE(yoda.waitFor("Username: ")) << yoda.output();
    yoda.type("yoda\r");
    ASSERT_TRUE(yoda.waitFor("Password: ")) << yoda.output();
    yoda.type("wise@!man\r");
    ASSERT_TRUE(yoda.waitFor("Welcome to Toom!")) << yoda.output();
    yoda.type("HELP\r");
    ASSERT_TRUE(yoda.waitFor("/whois <user>")) << yoda.output();
    EXPECT_THAT(yoda.output(), HasSubstr("Irssi habits (toom-client)"));
    EXPECT_THAT(yoda.output(), Not(HasSubstr("UDPPORT")));
    // No printed line is wider than the terminal.
    std::size_t start = 0;
    while (start < yoda.output().size()) {
        std::size_t end = yoda.output().find("\r\n", start);
        if (end == std::string::npos)
            break;
        const std::string line = yoda.output().substr(start, end - start);
        if (line.find('\x1b') == std::string::npos) {
            EXPECT_LE(line.size(), 60u) << line;
        }
        start = end + 2;
    }
    yoda.type("/query obiwan\r");
    ASSERT_TRUE(yoda.waitFor("[obiwan] > ")) << yoda.output();
    yoda.type("/quit\r");
    EXPECT_EQ(yoda.waitExit(), 0) << yoda.output();
}

} // namespace
} // namespace toom::test
