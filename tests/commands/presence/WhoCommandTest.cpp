// WHO / ATU / whoelse / /activeuser: the other online users.

#include "commands/presence/WhoCommand.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

class WhoCommandTest : public ::testing::Test {
protected:
    WhoCommandTest() {
        yodaSince = h.clock.now() - Poco::Timespan(600, 0).totalMicroseconds();
        obiwanSince = h.clock.now() - Poco::Timespan(300, 0).totalMicroseconds();
        lukeSince = h.clock.now() - Poco::Timespan(60, 0).totalMicroseconds();
        everyone = {{"yoda", "127.0.0.1", 8001, yodaSince},
                    {"obiwan", "127.0.0.1", 8002, obiwanSince},
                    {"luke", "10.0.0.7", 0, lukeSince}};
        ON_CALL(h.presence, online()).WillByDefault(Return(everyone));
    }

    CommandHarness h;
    Poco::Timestamp yodaSince, obiwanSince, lukeSince;
    std::vector<OnlineUser> everyone;
};

TEST_F(WhoCommandTest, ListsEveryOtherOnlineUserWithFields) {
    Reply reply = h.run("WHO");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.final().intField("count"), 2);

    const ServerLine& obiwan = reply.rows()[0];
    EXPECT_EQ(obiwan.kind(), LineKind::Data);
    EXPECT_EQ(obiwan.verb(), "WHO");
    EXPECT_EQ(obiwan.field("user"), "obiwan");
    EXPECT_EQ(obiwan.field("address"), "127.0.0.1");
    EXPECT_EQ(obiwan.intField("udp_port"), 8002);
    EXPECT_EQ(obiwan.field("since"), isoTime(obiwanSince));

    const ServerLine& luke = reply.rows()[1];
    EXPECT_EQ(luke.field("user"), "luke");
    EXPECT_EQ(luke.field("address"), "10.0.0.7");
    EXPECT_EQ(luke.intField("udp_port"), 0);
    EXPECT_EQ(luke.field("since"), isoTime(lukeSince));
}

TEST_F(WhoCommandTest, ExcludesTheCaller) {
    Reply reply = h.run("ATU");
    for (const auto& row : reply.rows())
        EXPECT_NE(row.field("user"), "yoda");
}

TEST_F(WhoCommandTest, AtuTextIsTheSeedLine) {
    Reply reply = h.run("ATU");
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].text(),
              "obiwan, 127.0.0.1, 8002, active since " + formatSeedTime(obiwanSince, true) + ".");
    EXPECT_EQ(reply.rows()[1].text(),
              "luke, 10.0.0.7, 0, active since " + formatSeedTime(lukeSince, true) + ".");
}

TEST_F(WhoCommandTest, SeedTimeFollowsThePadDaySetting) {
    h.settings.padDay = false;
    Reply reply = h.run("ATU");
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].text(),
              "obiwan, 127.0.0.1, 8002, active since " + formatSeedTime(obiwanSince, false) + ".");
}

TEST_F(WhoCommandTest, ActiveUserUsesTheFullLineToo) {
    Reply reply = h.run("/activeuser");
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].text(),
              "obiwan, 127.0.0.1, 8002, active since " + formatSeedTime(obiwanSince, true) + ".");
}

TEST_F(WhoCommandTest, WhoelseTextIsJustTheName) {
    Reply reply = h.run("whoelse");
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].text(), "obiwan");
    EXPECT_EQ(reply.rows()[1].text(), "luke");
    // The fields are the same in every dialect.
    EXPECT_EQ(reply.rows()[0].intField("udp_port"), 8002);
}

TEST_F(WhoCommandTest, ExcludesUsersWhoHaveBlockedTheCaller) {
    ON_CALL(h.blocks, isBlocking("obiwan", "yoda")).WillByDefault(Return(true));
    Reply reply = h.run("ATU");
    ASSERT_EQ(reply.rows().size(), 1u);
    EXPECT_EQ(reply.rows()[0].field("user"), "luke");
    EXPECT_EQ(reply.final().intField("count"), 1);
}

TEST_F(WhoCommandTest, UsersTheCallerBlockedAreStillListed) {
    // Blocking is one-way: yoda blocking luke hides yoda from luke, not luke from yoda.
    ON_CALL(h.blocks, isBlocking("yoda", _)).WillByDefault(Return(true));
    Reply reply = h.run("ATU");
    EXPECT_EQ(reply.rows().size(), 2u);
}

TEST_F(WhoCommandTest, NobodyElseOnlineSaysSo) {
    ON_CALL(h.presence, online())
        .WillByDefault(Return(std::vector<OnlineUser>{{"yoda", "127.0.0.1", 8001, yodaSince}}));
    Reply reply = h.run("ATU");
    EXPECT_FALSE(reply.failed());
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().text(), "no other active user");
}

TEST_F(WhoCommandTest, EveryoneElseBlockingTheCallerLooksLikeNobodyOnline) {
    ON_CALL(h.blocks, isBlocking(_, "yoda")).WillByDefault(Return(true));
    Reply reply = h.run("whoelse");
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().text(), "no other active user");
}

TEST_F(WhoCommandTest, SpecNamesEveryDialect) {
    const CommandSpec s = WhoCommand::spec();
    EXPECT_EQ(s.canonical, "WHO");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, ::testing::UnorderedElementsAre("WHO", "ATU", "whoelse", "/activeuser"));
    EXPECT_TRUE(s.requiresLogin);
}

} // namespace
} // namespace toom
