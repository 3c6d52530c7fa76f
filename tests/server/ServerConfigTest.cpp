// optionsFromConfig: the login keys (lock scope, takeover, slow-down, keepalive) and their
// profile defaults.

#include "server/ServerConfig.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/MapConfiguration.h>

#include <gtest/gtest.h>

namespace toom {
namespace {

class ServerConfigTest : public ::testing::Test {
protected:
    ServerOptions read() { return optionsFromConfig(*config); }
    Poco::AutoPtr<Poco::Util::MapConfiguration> config = new Poco::Util::MapConfiguration;
};

TEST_F(ServerConfigTest, TheDefaultProfileLocksPerAddressAndTakesSessionsOver) {
    const ServerSettings s = read().settings;
    EXPECT_EQ(s.lockScope, LockScope::UsernameAndAddress);
    EXPECT_TRUE(s.sessionTakeover);
    EXPECT_EQ(s.slowAfterFailures, 5);
    EXPECT_EQ(s.slowDelayMs, 250);
    EXPECT_EQ(s.slowMaxDelayMs, 4000);
    EXPECT_EQ(s.slowForgetSeconds, 10);
    EXPECT_EQ(s.maxTrackedLogins, 100000u);
    EXPECT_EQ(s.tcpKeepAliveIdleSeconds, 60);
    EXPECT_EQ(s.tcpKeepAliveIntervalSeconds, 10);
    EXPECT_EQ(s.tcpKeepAliveProbes, 5);
}

TEST_F(ServerConfigTest, SeedProfilesKeepTheirRules) {
    for (const char* name : {"messaging", "toom", "toom-rooms", "tessenger"}) {
        config->setString("toom.profile", name);
        const ServerSettings s = read().settings;
        EXPECT_EQ(s.lockScope, LockScope::Username) << name;
        EXPECT_FALSE(s.sessionTakeover) << name;
    }
}

TEST_F(ServerConfigTest, TheKeysOverrideTheProfile) {
    config->setString("toom.profile", "toom");
    config->setString("auth.lock_scope", "address");
    config->setString("auth.takeover", "true");
    config->setString("auth.slow_after_failures", "8");
    config->setString("auth.slow_delay_ms", "100");
    config->setString("auth.slow_max_delay_ms", "2000");
    config->setString("auth.slow_forget_seconds", "30");
    config->setString("auth.max_tracked", "5000");
    config->setString("toom.tcp_keepalive_idle_seconds", "0");
    config->setString("toom.tcp_keepalive_interval_seconds", "3");
    config->setString("toom.tcp_keepalive_probes", "2");
    const ServerSettings s = read().settings;
    EXPECT_EQ(s.lockScope, LockScope::UsernameAndAddress);
    EXPECT_TRUE(s.sessionTakeover);
    EXPECT_EQ(s.slowAfterFailures, 8);
    EXPECT_EQ(s.slowDelayMs, 100);
    EXPECT_EQ(s.slowMaxDelayMs, 2000);
    EXPECT_EQ(s.slowForgetSeconds, 30);
    EXPECT_EQ(s.maxTrackedLogins, 5000u);
    EXPECT_EQ(s.tcpKeepAliveIdleSeconds, 0);
    EXPECT_EQ(s.tcpKeepAliveIntervalSeconds, 3);
    EXPECT_EQ(s.tcpKeepAliveProbes, 2);

    config->setString("toom.profile", "toom-default");
    config->setString("auth.lock_scope", "username");
    config->setString("auth.takeover", "false");
    EXPECT_EQ(read().settings.lockScope, LockScope::Username);
    EXPECT_FALSE(read().settings.sessionTakeover);
}

// login.backlog: 10 in the default profile, none in the seeds', and the key sets it (0 to 100).
TEST_F(ServerConfigTest, TheLoginBacklogFollowsTheProfileAndTheKey) {
    EXPECT_EQ(read().settings.loginBacklog, 10u);
    for (const char* name : {"messaging", "toom", "toom-rooms", "tessenger"}) {
        config->setString("toom.profile", name);
        EXPECT_EQ(read().settings.loginBacklog, 0u) << name;
    }
    config->setString("login.backlog", "25");
    EXPECT_EQ(read().settings.loginBacklog, 25u);
    config->setString("toom.profile", "toom-default");
    config->setString("login.backlog", "0");
    EXPECT_EQ(read().settings.loginBacklog, 0u);
    config->setString("login.backlog", "101");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
    config->setString("login.backlog", "-1");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
}

TEST_F(ServerConfigTest, BadValuesAreRefused) {
    config->setString("auth.lock_scope", "ip");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
    config->setString("auth.lock_scope", "address");
    config->setString("auth.max_tracked", "3");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
    config->setString("auth.max_tracked", "100");
    config->setString("auth.slow_max_delay_ms", "-1");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
}

TEST_F(ServerConfigTest, ShortFormsFollowTheProfileUnlessSet) {
    EXPECT_TRUE(read().settings.shortForms); // toom-default
    for (const char* name : {"messaging", "toom", "toom-rooms", "tessenger"}) {
        config->setString("toom.profile", name);
        EXPECT_FALSE(read().settings.shortForms) << name;
    }
    config->setString("commands.short_forms", "true");
    EXPECT_TRUE(read().settings.shortForms);
}

TEST_F(ServerConfigTest, RecentRowsDefaultToTwentyAndStayWithinTheReadLimit) {
    EXPECT_EQ(read().settings.recentRows, 20u);
    config->setString("board.max_read_rows", "8");
    EXPECT_EQ(read().settings.recentRows, 8u); // The default, cut to the limit.
    config->setString("board.recent_rows", "5");
    EXPECT_EQ(read().settings.recentRows, 5u);
    config->setString("board.recent_rows", "9");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
    config->setString("board.recent_rows", "0");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
}

} // namespace
} // namespace toom
