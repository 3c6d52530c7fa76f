// toom-client on a real pseudo-terminal (80 columns): what only a terminal shows.

#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

// Tessenger's menu prompt is 123 columns: it is printed whole on a line of its own, and the
// edit line is a short "> " that leaves the width for typing.
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
    const std::string menu = "Enter one of the following commands (/msgto, /activeuser, "
                             "/creategroup, /joingroup, /groupmsg, /p2pvideo, /logout): ";
    ASSERT_TRUE(client.waitFor(menu + "\r\n")) << client.output();
    ASSERT_TRUE(client.waitFor("\x1b[J> ")) << client.output();
    client.type("/logout\r");
    EXPECT_EQ(client.waitExit(), 0) << client.output();
}

} // namespace
} // namespace toom::test
