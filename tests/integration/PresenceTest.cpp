// Presence over real sockets: ATU / whoelse / /activeuser, whoelsesince with offline users,
// login and logout notices, and userlog.txt.

#include "support/Files.h"
#include "support/ManualClock.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

TEST(Presence, ActiveUsersListsOthersWithAddressPortAndSince) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda", 8001);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan", 8002);
    TestClient gandalf(server.port());
    gandalf.loginAs("gandalf", 8003);

    Response atu = yoda.request("ATU");
    ASSERT_TRUE(atu.ok());
    EXPECT_EQ(atu.column("user"), (std::vector<std::string>{"obiwan", "gandalf"}));
    EXPECT_EQ(atu.column("udp_port"), (std::vector<std::string>{"8002", "8003"}));
    EXPECT_EQ(atu.column("address"), (std::vector<std::string>{"127.0.0.1", "127.0.0.1"}));
    EXPECT_EQ(atu.final.field("count"), "2");
    EXPECT_EQ(atu.rows[0].text().rfind("obiwan, 127.0.0.1, 8002, active since ", 0), 0u);

    Response whoelse = yoda.request("whoelse");
    ASSERT_EQ(whoelse.rows.size(), 2u);
    EXPECT_EQ(whoelse.rows[0].text(), "obiwan");

    Response activeuser = obiwan.request("/activeuser");
    EXPECT_EQ(activeuser.column("user"), (std::vector<std::string>{"yoda", "gandalf"}));
}

TEST(Presence, AloneSaysNoOtherActiveUser) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    Response atu = yoda.request("atu");
    EXPECT_TRUE(atu.rows.empty());
    EXPECT_EQ(atu.final.text(), "no other active user");
}

// In the default profile a login or logout is told to the user's contacts: who shares a
// room or group with them, and who follows them (MONITOR). Nobody else hears it.
TEST(Presence, NoticesReachWhoFollowsTheUser) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    Response follow = yoda.request("MONITOR + luke");
    ASSERT_TRUE(follow.ok()) << follow.final.format();
    EXPECT_EQ(follow.column("state"), std::vector<std::string>{"offline"});
    TestClient leia(server.port());
    leia.loginAs("leia"); // Follows nobody.
    {
        TestClient luke(server.port());
        luke.loginAs("luke");
        auto in = yoda.waitEvent("PRESENCE");
        ASSERT_TRUE(in);
        EXPECT_EQ(in->field("user"), "luke");
        EXPECT_EQ(in->field("state"), "online");
        EXPECT_EQ(in->text(), "luke logged in");
        EXPECT_EQ(yoda.request("MONITOR S").column("state"), std::vector<std::string>{"online"});
        EXPECT_TRUE(luke.request("logout").ok());
    }
    auto out = yoda.waitEvent("PRESENCE");
    ASSERT_TRUE(out);
    EXPECT_EQ(out->field("state"), "offline");
    EXPECT_EQ(out->text(), "luke logged out");
    // leia's round trip comes after both notices were sent: she got neither.
    EXPECT_TRUE(leia.request("WHO").ok());
    EXPECT_FALSE(leia.nextEvent(std::chrono::milliseconds(0)).has_value());
}

TEST(Presence, NoticesReachWhoSharesAGroup) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient leia(server.port());
    leia.loginAs("leia");
    {
        TestClient luke(server.port());
        luke.loginAs("luke");
        ASSERT_TRUE(luke.request("CREATEGROUP jedi yoda").ok()); // yoda is invited.
        EXPECT_TRUE(luke.request("logout").ok());
    }
    auto out = yoda.waitEvent("PRESENCE"); // Sharing a group since a moment: told at once.
    ASSERT_TRUE(out);
    EXPECT_EQ(out->field("state"), "offline");
    TestClient luke(server.port());
    luke.loginAs("luke");
    auto in = yoda.waitEvent("PRESENCE");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->field("user"), "luke");
    EXPECT_EQ(in->field("state"), "online");
    EXPECT_TRUE(leia.request("WHO").ok());
    EXPECT_FALSE(leia.nextEvent(std::chrono::milliseconds(0)).has_value());
}

// presence.scope = everyone (the seeds' rule) tells every online user.
TEST(Presence, ScopeEveryoneTellsEveryOnlineUser) {
    TestServer server([](ServerOptions& o) { o.settings.presenceScope = PresenceScope::Everyone; });
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    auto in = yoda.waitEvent("PRESENCE");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->field("user"), "luke");
}

TEST(Presence, DisconnectWithoutLogoutStillLogsOut) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(yoda.request("MONITOR +luke").ok());
    {
        TestClient luke(server.port());
        luke.loginAs("luke");
        ASSERT_TRUE(yoda.waitEvent("PRESENCE"));
    } // Connection dropped.
    auto out = yoda.waitEvent("PRESENCE");
    ASSERT_TRUE(out);
    EXPECT_EQ(out->field("state"), "offline");
    EXPECT_TRUE(yoda.request("ATU").rows.empty());
}

// A follow list lasts as long as the session; it is bounded; a user who blocked the
// follower looks offline to them.
TEST(Presence, MonitorListsEndWithTheSessionAndAreBounded) {
    TestServer server;
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        ASSERT_TRUE(yoda.request("MONITOR + luke,leia").ok());
        EXPECT_EQ(yoda.request("MONITOR L").column("user"),
                  (std::vector<std::string>{"leia", "luke"}));
        ASSERT_TRUE(yoda.request("MONITOR - leia").ok());
        EXPECT_EQ(yoda.request("MONITOR L").column("user"), std::vector<std::string>{"luke"});
        std::string many = "MONITOR +";
        for (int i = 0; i < 100; ++i)
            many += "u" + std::to_string(i) + ",";
        Response full = yoda.request(many);
        EXPECT_EQ(full.code(), "LIMIT_REACHED");
        EXPECT_EQ(full.final.field("limit"), "100");
        EXPECT_EQ(yoda.request("MONITOR L").column("user"), std::vector<std::string>{"luke"});
        EXPECT_EQ(yoda.request("MONITOR + " + std::string(40, 'x')).code(), "INVALID_USERNAME");
        EXPECT_TRUE(yoda.request("logout").ok());
    }
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_TRUE(yoda.request("MONITOR L").rows.empty());

    TestClient hans(server.port());
    hans.loginAs("hans");
    ASSERT_TRUE(hans.request("block yoda").ok());
    EXPECT_EQ(yoda.request("MONITOR + hans").column("state"), std::vector<std::string>{"offline"});
}

TEST(Presence, NoNoticesWhenTheProfileHasNone) {
    TestServer server(
        [](ServerOptions& o) { o.settings = ServerSettings::fromProfile(*findProfile("toom")); });
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient luke(server.port());
    luke.loginAs("luke");
    EXPECT_FALSE(yoda.waitEvent("PRESENCE", 300ms));
}

TEST(Presence, WhoElseSinceIncludesUsersNowOffline) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    {
        TestClient hans(server.port());
        hans.loginAs("hans");
        hans.request("OUT");
        hans.waitClosed();
    }
    TestClient luke(server.port());
    luke.loginAs("luke");

    Response since = yoda.request("whoelsesince 60");
    ASSERT_TRUE(since.ok()) << since.final.format();
    EXPECT_EQ(since.column("user"), (std::vector<std::string>{"hans", "luke"}));
    EXPECT_EQ(since.column("online"), (std::vector<std::string>{"0", "1"}));

    EXPECT_EQ(yoda.request("whoelsesince abc").code(), "INVALID_ARGUMENT");
    EXPECT_EQ(yoda.request("whoelsesince").code(), "BAD_ARGUMENTS");
}

TEST(Presence, WhoElseSinceWindowExcludesEarlierSessions) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server({}, clock);
    {
        TestClient hans(server.port());
        hans.loginAs("hans");
        hans.request("OUT");
        hans.waitClosed();
    }
    clock->advanceSeconds(300);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_TRUE(yoda.request("whoelsesince 200").rows.empty());
    EXPECT_EQ(yoda.request("whoelsesince 500").column("user"), (std::vector<std::string>{"hans"}));
}

TEST(Presence, UserLogFollowsLoginsAndRenumbersOnLogout) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda", 8001);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan", 8002);
    TestClient hans(server.port());
    hans.loginAs("hans", 0);
    yoda.request("ATU"); // Make sure all three logins are processed.
    server.server().flushLogs();

    auto lines = readLines(server.file("userlog.txt"));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].rfind("1; ", 0), 0u);
    EXPECT_NE(lines[0].find("; yoda; 127.0.0.1; 8001"), std::string::npos) << lines[0];
    EXPECT_NE(lines[1].find("; obiwan; 127.0.0.1; 8002"), std::string::npos);

    obiwan.request("OUT");
    obiwan.waitClosed();
    yoda.request("ATU");
    server.server().flushLogs();
    lines = readLines(server.file("userlog.txt"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].rfind("2; ", 0), 0u);
    EXPECT_NE(lines[1].find("; hans; "), std::string::npos);
}

TEST(Presence, UdpPortAnnouncedAfterLoginUpdatesListing) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    EXPECT_TRUE(obiwan.request("UDPPORT 9100").ok());
    EXPECT_EQ(yoda.request("ATU").column("udp_port"), (std::vector<std::string>{"9100"}));
    EXPECT_EQ(obiwan.request("UDPPORT 70000").code(), "INVALID_ARGUMENT");
}

} // namespace
} // namespace toom::test
