// toom-client when the server goes away and comes back, or was never a Toom server: the real
// binaries, the client on a pseudo-terminal.

#include "support/ChildProcess.h"
#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestServer.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <gtest/gtest.h>

namespace toom::test {
namespace {

using namespace std::chrono_literals;

/// yoda logged in on a terminal.
void logInYoda(TerminalProcess& client) {
    ASSERT_TRUE(client.waitFor("Username: ")) << client.output();
    client.type("yoda\r");
    ASSERT_TRUE(client.waitFor("Password: ")) << client.output();
    client.type(passwordOf("yoda") + "\r");
    ASSERT_TRUE(client.waitFor("Welcome to Toom!")) << client.output();
}

// The server restarts while yoda is typing: the client says so, keeps the half-typed line,
// logs in again by itself and the line, finished, is posted to the new server.
TEST(ClientReconnect, ARestartedServerIsRejoinedWithTheDraftKept) {
    TestServer server;
    TempDir dir;
    TerminalProcess client(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                           dir.path());
    ASSERT_NO_FATAL_FAILURE(logInYoda(client));
    client.type("MSG still ");
    ASSERT_TRUE(client.waitFor("MSG still ")) << client.output();

    server.restartOnSamePort();
    ASSERT_TRUE(client.waitFor("lost.")) << client.output();
    ASSERT_TRUE(client.waitFor("logging in again as yoda...")) << client.output();
    ASSERT_TRUE(client.waitFor("Reconnected to 127.0.0.1:" + std::to_string(server.port())))
        << client.output();
    EXPECT_EQ(client.output().find(passwordOf("yoda") + "\r\n", 0), std::string::npos)
        << "the password is never shown";

    client.type("here\r");
    ASSERT_TRUE(client.waitFor("Message #1 posted")) << client.output();
    client.type("RDM 01 Jan 2000 00:00:00\r");
    ASSERT_TRUE(client.waitFor("yoda: \"still here\"")) << client.output();
    client.type("OUT\r");
    EXPECT_EQ(client.waitExit(), 0) << client.output();
}

// A server that stays down: each failed attempt says why and when the next comes, and the
// user can leave meanwhile (Ctrl-C), with the "connection lost" status. (Giving up after the
// bounds, status 4, takes minutes of real time: ReconnectPolicyTest and ClientSessionTest
// cover it with a fake clock.)
TEST(ClientReconnect, WhileTheServerStaysDownTheUserCanLeave) {
    auto server = std::make_unique<TestServer>();
    TempDir dir;
    TerminalProcess client(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server->port())},
                           dir.path());
    ASSERT_NO_FATAL_FAILURE(logInYoda(client));
    server.reset();
    ASSERT_TRUE(client.waitFor("Reconnecting in ")) << client.output();
    ASSERT_TRUE(client.waitFor("Reconnecting failed: ")) << client.output();
    // Ctrl-C is the editor's Quit only while the editor reads keys: between two prompts the
    // terminal sends SIGINT and the client dies of it (status 130) as any program does. The
    // prompt drawn after the line says the editor is reading again.
    ASSERT_TRUE(client.waitForAfter("(attempt 2 of 10)", "> ")) << client.output();
    client.type("\x03");
    EXPECT_EQ(client.waitExit(), 3) << client.output();
}

// A script (stdin not a terminal) is not reconnected: it ends as before, here with the
// server's shutdown notice (status 0; a drop without one is status 3).
TEST(ClientReconnect, AScriptIsNotReconnected) {
    TestServer server;
    TempDir dir;
    ChildProcess client(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())},
                        dir.path());
    client.write("yoda\n" + passwordOf("yoda") + "\n");
    ASSERT_TRUE(client.waitFor("Welcome to Toom!")) << client.output();
    server.restartOnSamePort();
    EXPECT_EQ(client.waitFor(20s), 0) << client.output();
    EXPECT_EQ(client.output().find("Reconnect"), std::string::npos) << client.output();
}

// Something that accepts connections and says nothing: a clear message and exit status 2
// once the greeting timeout passes.
TEST(ClientReconnect, ASilentServerIsNamedAndEndsWithTwo) {
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
    const std::string port = std::to_string(silent.address().port());
    TempDir dir;
    const auto started = std::chrono::steady_clock::now();
    TerminalProcess client(TOOM_CLIENT_BINARY, {"--greeting-timeout", "1", "127.0.0.1", port},
                           dir.path());
    ASSERT_TRUE(
        client.waitFor("127.0.0.1:" + port + " did not answer like a Toom server within 1 s"))
        << client.output();
    EXPECT_EQ(client.waitExit(5s), 2) << client.output();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 8s);
}

} // namespace
} // namespace toom::test
