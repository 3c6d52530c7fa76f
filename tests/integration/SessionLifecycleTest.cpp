// How sessions end: logout, inactivity timeout (only valid commands count as activity), and
// server shutdown with a notice to every client.

#include "support/ManualClock.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

TEST(SessionLifecycle, LogoutSaysByeAndCloses) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    Response bye = yoda.request("OUT");
    EXPECT_EQ(bye.final.text(), "Bye, yoda!");
    EXPECT_TRUE(yoda.waitClosed());
}

TEST(SessionLifecycle, LinesAfterLogoutAreNotServed) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    yoda.sendRaw("logout\nATU\n");
    EXPECT_EQ(yoda.readResponse().final.verb(), "LOGOUT");
    EXPECT_TRUE(yoda.waitClosed());
}

TEST(SessionLifecycle, IdleTimeoutLogsOutAndNotifiesOthers) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server([](ServerOptions& o) { o.settings.idleTimeoutSeconds = 60; }, clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(yoda.request("MONITOR + obiwan").ok());
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    ASSERT_TRUE(yoda.waitEvent("PRESENCE"));
    ASSERT_TRUE(obiwan.request("MONITOR + yoda").ok());

    clock->advanceSeconds(40);
    EXPECT_TRUE(obiwan.request("ATU").ok());                    // obiwan is active; yoda is not.
    EXPECT_EQ(yoda.request("bogus").code(), "UNKNOWN_COMMAND"); // Invalid: does not count.
    clock->advanceSeconds(25);
    server.server().housekeep();

    auto timeout = yoda.waitEvent("TIMEOUT");
    ASSERT_TRUE(timeout);
    EXPECT_TRUE(yoda.waitClosed());
    auto notice = obiwan.waitEvent("PRESENCE");
    ASSERT_TRUE(notice);
    EXPECT_EQ(notice->field("user"), "yoda");
    EXPECT_EQ(notice->field("state"), "offline");
    EXPECT_TRUE(obiwan.request("ATU").rows.empty());
}

TEST(SessionLifecycle, ValidCommandsResetTheIdleTimer) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server([](ServerOptions& o) { o.settings.idleTimeoutSeconds = 60; }, clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    for (int i = 0; i < 3; ++i) {
        clock->advanceSeconds(50);
        ASSERT_TRUE(yoda.request("whoelse").ok());
        server.server().housekeep();
    }
    EXPECT_FALSE(yoda.waitEvent("TIMEOUT", 200ms));
    EXPECT_TRUE(yoda.request("ATU").ok());
}

TEST(SessionLifecycle, ZeroTimeoutMeansNever) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server([](ServerOptions& o) { o.settings.idleTimeoutSeconds = 0; }, clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    clock->advanceSeconds(100000);
    server.server().housekeep();
    EXPECT_TRUE(yoda.request("ATU").ok());
}

TEST(SessionLifecycle, ShutdownNotifiesEveryClientAndCloses) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient notLoggedIn(server.port());
    server.stop();
    ASSERT_TRUE(yoda.waitEvent("SHUTDOWN"));
    EXPECT_TRUE(yoda.waitClosed());
    ASSERT_TRUE(notLoggedIn.waitEvent("SHUTDOWN"));
    EXPECT_TRUE(notLoggedIn.waitClosed());
}

} // namespace
} // namespace toom::test
