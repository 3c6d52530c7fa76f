// toom-client driven through piped standard input against a real server: the scripted mode
// the README promises, seed wording, events printed as they come, and exit codes.

#include "support/ChildProcess.h"
#include "support/ManualClock.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> clientArgs(const TestServer& server, int udpPort = 0) {
    std::vector<std::string> args{"127.0.0.1", std::to_string(server.port())};
    if (udpPort)
        args.push_back(std::to_string(udpPort));
    return args;
}

/// Waits until the client has been welcomed: the server has finished the login (the session
/// is marked logged in before the welcome is sent), so timeouts and presence apply to it.
bool waitWelcomed(ChildProcess& client) {
    return client.waitFor("Welcome to").has_value();
}

TEST(ClientEndToEnd, ReadmeScriptLogsInListsAndLogsOut) {
    TestServer server;
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan", 8002);
    TempDir dir;
    auto [code, output] = ChildProcess::run(TOOM_CLIENT_BINARY, clientArgs(server, 8001),
                                            dir.path(), "yoda\nwise@!man\nATU\nOUT\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_THAT(output, HasSubstr("Welcome to Toom!"));
    EXPECT_THAT(output, HasSubstr("obiwan, 127.0.0.1, 8002, active since "));
    EXPECT_THAT(output, HasSubstr("Bye, yoda!"));
    EXPECT_THAT(output, Not(HasSubstr("Connection closed")));
}

// The client asks the server's question for a new name that is also a command's, declines,
// then registers another name: nothing of the piped script is taken for a password.
TEST(ClientEndToEnd, ACommandNameIsConfirmedAtTheUsernamePrompt) {
    TestServer server([](ServerOptions& o) { o.settings.selfRegistration = true; });
    TempDir dir;
    auto [code, output] = ChildProcess::run(TOOM_CLIENT_BINARY, clientArgs(server), dir.path(),
                                            "who\nn\nwhoami2\nsecret-pw\nOUT\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_THAT(output, HasSubstr("who was not registered"));
    EXPECT_THAT(output, HasSubstr("Bye, whoami2!"));
}

TEST(ClientEndToEnd, AnnouncesItsUdpPortToTheServer) {
    TestServer server;
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TempDir dir;
    ChildProcess client(TOOM_CLIENT_BINARY, clientArgs(server, 8123), dir.path());
    client.write("yoda\nwise@!man\n");
    ASSERT_TRUE(waitWelcomed(client)) << client.output();
    Response atu = obiwan.request("ATU");
    EXPECT_EQ(atu.column("udp_port"), (std::vector<std::string>{"8123"}));
    client.write("OUT\n");
    client.closeInput();
    EXPECT_EQ(client.waitFor(std::chrono::seconds(20)), 0);
}

TEST(ClientEndToEnd, PortOnlyFormConnectsToLocalhost) {
    TestServer server;
    TempDir dir;
    auto [code, output] =
        ChildProcess::run(TOOM_CLIENT_BINARY, {std::to_string(server.port())}, dir.path(),
                          "gandalf\nyoushallnotpass\nwhoelse\nlogout\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_THAT(output, HasSubstr("Bye, gandalf!"));
}

TEST(ClientEndToEnd, WrongPasswordIsRetriedWithTheSeedMessage) {
    TestServer server(
        [](ServerOptions& o) { o.settings = ServerSettings::fromProfile(*findProfile("toom")); });
    TempDir dir;
    auto [code, output] = ChildProcess::run(TOOM_CLIENT_BINARY, clientArgs(server), dir.path(),
                                            "yoda\nwrong\nwise@!man\nOUT\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_THAT(output, HasSubstr("Invalid Password. Please try again"));
    EXPECT_THAT(output, HasSubstr("Welcome to TOOM!"));
}

TEST(ClientEndToEnd, LockoutEndsTheClientWithExitCodeOne) {
    TestServer server;
    TempDir dir;
    auto [code, output] = ChildProcess::run(TOOM_CLIENT_BINARY, clientArgs(server), dir.path(),
                                            "yoda\nbad1\nbad2\nbad3\nwise@!man\n");
    EXPECT_EQ(code, 1) << output;
    // The default profile locks yoda from this address only, and says so.
    EXPECT_THAT(output, HasSubstr("Invalid Password. Logins to this account from your address are "
                                  "blocked. Please try again later"));
    EXPECT_THAT(output, HasSubstr("Logins to yoda are locked for 10 seconds."));
    auto [again, output2] =
        ChildProcess::run(TOOM_CLIENT_BINARY, clientArgs(server), dir.path(), "yoda\nwise@!man\n");
    EXPECT_EQ(again, 1) << output2;
    EXPECT_THAT(output2, HasSubstr("Logins to this account from your address are blocked due to "
                                   "multiple login failures. Please try again later"));
    EXPECT_THAT(output2, HasSubstr("Logins to yoda are locked for "));
}

TEST(ClientEndToEnd, InvalidCommandShowsTheProfileWording) {
    TestServer server([](ServerOptions& o) {
        o.settings = ServerSettings::fromProfile(*findProfile("tessenger"));
    });
    TempDir dir;
    auto [code, output] = ChildProcess::run(TOOM_CLIENT_BINARY, clientArgs(server), dir.path(),
                                            "yoda\nwise@!man\n/dance\n/logout\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_THAT(output, HasSubstr("Welcome to TESSENGER!"));
    EXPECT_THAT(output, HasSubstr("Error. Invalid command!"));
    EXPECT_THAT(output, HasSubstr("Bye, yoda!"));
}

TEST(ClientEndToEnd, PresenceEventsArePrintedAsTheyArrive) {
    TestServer server([](ServerOptions& o) { o.settings.presenceScope = PresenceScope::Everyone; });
    TempDir dir;
    ChildProcess client(TOOM_CLIENT_BINARY, clientArgs(server), dir.path());
    client.write("yoda\nwise@!man\n");
    ASSERT_TRUE(waitWelcomed(client)) << client.output();
    {
        TestClient luke(server.port());
        luke.loginAs("luke");
        EXPECT_TRUE(client.waitFor("luke logged in", std::chrono::seconds(10))) << client.output();
        luke.request("OUT");
    }
    EXPECT_TRUE(client.waitFor("luke logged out", std::chrono::seconds(10))) << client.output();
    client.write("OUT\n");
    client.closeInput();
    EXPECT_EQ(client.waitFor(std::chrono::seconds(20)), 0);
}

TEST(ClientEndToEnd, ServerShutdownEndsTheClientCleanly) {
    TestServer server;
    TempDir dir;
    ChildProcess client(TOOM_CLIENT_BINARY, clientArgs(server), dir.path());
    client.write("yoda\nwise@!man\n");
    ASSERT_TRUE(waitWelcomed(client)) << client.output();
    server.stop();
    EXPECT_EQ(client.waitFor(std::chrono::seconds(20)), 0) << client.output();
    EXPECT_THAT(client.output(), HasSubstr("shutting down"));
}

TEST(ClientEndToEnd, InactivityTimeoutEndsTheClientCleanly) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server([](ServerOptions& o) { o.settings.idleTimeoutSeconds = 30; }, clock);
    TempDir dir;
    ChildProcess client(TOOM_CLIENT_BINARY, clientArgs(server), dir.path());
    client.write("yoda\nwise@!man\n");
    ASSERT_TRUE(waitWelcomed(client)) << client.output();
    clock->advanceSeconds(31);
    server.server().housekeep();
    EXPECT_EQ(client.waitFor(std::chrono::seconds(20)), 0) << client.output();
    EXPECT_THAT(client.output(), HasSubstr("inactivity"));
}

TEST(ClientEndToEnd, MessagesAndBoardPostsBothWays) {
    TestServer server(
        [](ServerOptions& o) { o.settings = ServerSettings::fromProfile(*findProfile("toom")); });
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TempDir dir;
    ChildProcess client(TOOM_CLIENT_BINARY, clientArgs(server), dir.path());
    client.write("yoda\nwise@!man\nMSG Hello board\nmessage obiwan Hello obiwan\n");
    auto board = obiwan.waitEvent("BOARD", std::chrono::seconds(10));
    ASSERT_TRUE(board) << client.output();
    EXPECT_EQ(board->field("text"), "Hello board");
    auto pm = obiwan.waitEvent("MESSAGE", std::chrono::seconds(10));
    ASSERT_TRUE(pm) << client.output();
    EXPECT_EQ(pm->field("text"), "Hello obiwan");
    EXPECT_TRUE(client.waitFor("Message #1 posted at ")) << client.output();

    ASSERT_TRUE(obiwan.request("message yoda Hello yoda").ok());
    EXPECT_TRUE(client.waitFor(", obiwan: Hello yoda", std::chrono::seconds(10)))
        << client.output();
    client.write("OUT\n");
    client.closeInput();
    EXPECT_EQ(client.waitFor(std::chrono::seconds(20)), 0) << client.output();
}

TEST(ClientEndToEnd, UsageAndConnectionErrorsExitWithTwo) {
    TempDir dir;
    EXPECT_EQ(ChildProcess::run(TOOM_CLIENT_BINARY, {}, dir.path()).first, 2);
    EXPECT_EQ(ChildProcess::run(TOOM_CLIENT_BINARY, {"127.0.0.1", "notaport"}, dir.path()).first,
              2);
    EXPECT_EQ(
        ChildProcess::run(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(freePort())}, dir.path())
            .first,
        2);
}

} // namespace
} // namespace toom::test
