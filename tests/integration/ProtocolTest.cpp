// Wire-protocol behaviour over real sockets: one reply per request in order (pipelining),
// limits, bad bytes, and unknown commands; the connection stays usable after every error.

#include "support/ManualClock.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

TEST(Protocol, PipelinedRequestsGetRepliesInOrder) {
    TestServer server;
    TestClient client(server.port());
    client.sendRaw("yoda\nwise@!man\nATU\nbogus\nwhoelsesince 10\nHELP\n");
    EXPECT_EQ(client.readResponse().final.verb(), "USER");
    EXPECT_EQ(client.readResponse().final.verb(), "PASS");
    EXPECT_EQ(client.readResponse().final.verb(), "WHO");
    EXPECT_EQ(client.readResponse().code(), "UNKNOWN_COMMAND");
    EXPECT_EQ(client.readResponse().final.verb(), "WHOSINCE");
    Response help = client.readResponse();
    EXPECT_EQ(help.final.verb(), "HELP");
    EXPECT_GE(help.rows.size(), 5u);
}

TEST(Protocol, CrLfAndSplitWritesAreAccepted) {
    TestServer server;
    TestClient client(server.port());
    client.sendRaw("yo");
    client.sendRaw("da\r");
    client.sendRaw("\nwise@!man\r\n");
    EXPECT_TRUE(client.readResponse().ok());
    EXPECT_TRUE(client.readResponse().ok());
}

TEST(Protocol, OverlongLineGetsErrorAndConnectionStaysUsable) {
    TestServer server;
    TestClient client(server.port());
    client.loginAs("yoda");
    Response tooLong = client.request(std::string(10000, 'x'));
    EXPECT_EQ(tooLong.code(), "LINE_TOO_LONG");
    EXPECT_EQ(tooLong.final.field("max_line"), "4096");
    EXPECT_TRUE(client.request("ATU").ok());
    // A huge line sent in pieces is reported once.
    for (int i = 0; i < 20; ++i)
        client.sendRaw(std::string(4000, 'y'));
    client.sendRaw("\n");
    EXPECT_EQ(client.readResponse().code(), "LINE_TOO_LONG");
    EXPECT_TRUE(client.request("ATU").ok());
}

TEST(Protocol, InvalidUtf8GetsErrorAndConnectionStaysUsable) {
    TestServer server;
    TestClient client(server.port());
    client.loginAs("yoda");
    EXPECT_EQ(client.request("ATU \xff\xfe").code(), "INVALID_UTF8");
    EXPECT_EQ(client.request(std::string("AT\0U", 4)).code(), "INVALID_UTF8");
    EXPECT_EQ(client.request("\xc0\xaf").code(), "INVALID_UTF8");
    EXPECT_TRUE(client.request("ATU").ok());
}

TEST(Protocol, UnknownCommandsAndBadArgumentsAreErrorsNotDisconnects) {
    TestServer server;
    TestClient client(server.port());
    client.loginAs("yoda");
    Response unknown = client.request("FLY away");
    EXPECT_EQ(unknown.code(), "UNKNOWN_COMMAND");
    Response arity = client.request("ATU extra words");
    EXPECT_EQ(arity.code(), "BAD_ARGUMENTS");
    EXPECT_EQ(arity.final.text(), "Usage: ATU");
    EXPECT_TRUE(client.request("ATU").ok());
}

TEST(Protocol, BlankLinesAreIgnored) {
    TestServer server;
    TestClient client(server.port());
    client.sendRaw("\n\r\n   \nyoda\n");
    Response user = client.readResponse();
    EXPECT_EQ(user.final.verb(), "USER");
}

TEST(Protocol, ConnectionsBeyondTheLimitAreRefusedWithAMessage) {
    // Full of logged-in users: only then is a newcomer refused (see the next test).
    TestServer server([](ServerOptions& o) { o.maxConnections = 2; });
    TestClient a(server.port());
    TestClient b(server.port());
    a.loginAs("yoda");
    b.loginAs("obiwan");
    TestClient c(server.port());
    EXPECT_EQ(c.greeting().kind(), LineKind::Fail);
    EXPECT_EQ(c.greeting().code(), "SERVER_FULL");
    EXPECT_TRUE(c.waitClosed());
    EXPECT_TRUE(a.request("ATU").ok());
}

TEST(Protocol, LoginTimeoutClosesIdleUnauthenticatedConnections) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server([](ServerOptions& o) { o.settings.loginTimeoutSeconds = 30; }, clock);
    TestClient lingering(server.port());
    TestClient active(server.port());
    active.loginAs("yoda");
    clock->advanceSeconds(31);
    server.server().housekeep();
    auto closing = lingering.waitEvent("CLOSING");
    ASSERT_TRUE(closing);
    EXPECT_EQ(closing->field("reason"), "login_timeout");
    EXPECT_TRUE(lingering.waitClosed());
    EXPECT_TRUE(active.request("ATU").ok());
}

} // namespace
} // namespace toom::test
