// optionsFromConfig: the IRC listener's keys (irc.*) and their profile defaults.

#include "server/ServerConfig.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/MapConfiguration.h>

#include <gtest/gtest.h>

namespace toom {
namespace {

class IrcConfigTest : public ::testing::Test {
protected:
    IrcOptions read() { return optionsFromConfig(*config).irc; }
    Poco::AutoPtr<Poco::Util::MapConfiguration> config = new Poco::Util::MapConfiguration;
};

TEST_F(IrcConfigTest, TheDefaultProfileListensOn6667WithGuests) {
    const IrcOptions irc = read();
    EXPECT_EQ(irc.port, 6667);
    EXPECT_TRUE(irc.allowGuests);
    EXPECT_EQ(irc.serverName, "toom");
    EXPECT_EQ(irc.bindAddress, "0.0.0.0");
}

TEST_F(IrcConfigTest, SeedProfilesHaveNoIrcListener) {
    for (const char* name : {"messaging", "toom", "toom-rooms", "tessenger"}) {
        config->setString("toom.profile", name);
        const IrcOptions irc = read();
        EXPECT_FALSE(irc.port) << name;
        EXPECT_FALSE(irc.allowGuests) << name;
    }
}

TEST_F(IrcConfigTest, KeysOverrideTheDefaults) {
    config->setString("toom.bind", "127.0.0.1");
    config->setInt("irc.port", 16667);
    config->setString("irc.server_name", "irc.example");
    config->setBool("irc.allow_guests", false);
    const IrcOptions irc = read();
    EXPECT_EQ(irc.port, 16667);
    EXPECT_EQ(irc.bindAddress, "127.0.0.1"); // follows toom.bind unless irc.bind is set
    EXPECT_EQ(irc.serverName, "irc.example");
    EXPECT_FALSE(irc.allowGuests);
    config->setString("irc.bind", "0.0.0.0");
    EXPECT_EQ(read().bindAddress, "0.0.0.0");
}

TEST_F(IrcConfigTest, PortZeroTurnsTheListenerOff) {
    config->setInt("irc.port", 0);
    EXPECT_FALSE(read().port);
}

TEST_F(IrcConfigTest, BadValuesAreRefused) {
    config->setString("irc.server_name", "two words");
    EXPECT_THROW(read(), Poco::InvalidArgumentException);
    config->setString("irc.server_name", "toom");
    config->setInt("irc.port", 70000);
    EXPECT_THROW(read(), Poco::Exception);
}

} // namespace
} // namespace toom
