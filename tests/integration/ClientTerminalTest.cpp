// toom-client on a real pseudo-terminal (80 columns): what only a terminal shows.

#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

// Tessenger's menu prompt is 123 columns: it is printed whole in the seed's words, broken at
// spaces into rows of fewer than 80 columns, and the edit line is a short "> " that leaves the
// width for typing.
TEST(ClientTerminal, AWideSeedPromptFitsAnEightyColumnTerminal) {
    TestServer server([](ServerOptions& o) {
        o.settings = ServerSettings::fromProfile(*findProfile("tessenger"));
    });
    TempDir dir;
    TerminalProcess client(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                           dir.path());
    ASSERT_TRUE(client.waitFor("Username: ")) << client.output();
    client.type("yoda\r");
    ASSERT_TRUE(client.waitFor("Password: ")) << client.output();
    client.type("wise@!man\r");
    const std::string first = "Enter one of the following commands (/msgto, /activeuser, "
                              "/creategroup,";
    const std::string second = "/joingroup, /groupmsg, /p2pvideo, /logout):";
    ASSERT_LT(first.size(), 80u);
    ASSERT_TRUE(client.waitFor(first + "\r\n" + second + "\r\n")) << client.output();
    ASSERT_TRUE(client.waitFor("\x1b[J> ")) << client.output();
    client.type("/logout\r");
    EXPECT_EQ(client.waitExit(), 0) << client.output();
}

// TERM=dumb takes no escape sequences: the prompts are plain text, the terminal edits the
// line, the password is not echoed, and not one ESC byte is written.
TEST(ClientTerminal, ADumbTerminalGetsNoEscapeSequences) {
    TestServer server;
    TempDir dir;
    TerminalProcess client(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                           dir.path(), 80, "dumb");
    ASSERT_TRUE(client.waitFor("Username: ")) << client.output();
    client.type("yoda\r");
    ASSERT_TRUE(client.waitFor("Password: ")) << client.output();
    client.type("wise@!man\r");
    ASSERT_TRUE(client.waitFor("Welcome to Toom!")) << client.output();
    ASSERT_TRUE(client.waitFor("> ")) << client.output();
    client.type("OUT\r");
    EXPECT_EQ(client.waitExit(), 0) << client.output();
    EXPECT_EQ(client.output().find('\x1b'), std::string::npos) << client.output();
    EXPECT_EQ(client.output().find("wise@!man"), std::string::npos) << "the password was echoed";
    EXPECT_NE(client.output().find("yoda"), std::string::npos) << "the username is echoed";
}

} // namespace
} // namespace toom::test
