// WHOSINCE / whoelsesince <seconds>: users seen online in a recent window.

#include "commands/presence/WhoElseSinceCommand.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

class WhoElseSinceCommandTest : public ::testing::Test {
protected:
    WhoElseSinceCommandTest() {
        ON_CALL(h.presence, seenSince(_))
            .WillByDefault(Return(std::vector<std::string>{"yoda", "obiwan", "luke", "leia"}));
        ON_CALL(h.presence, find("obiwan"))
            .WillByDefault(Return(OnlineUser{"obiwan", "127.0.0.1", 8002, h.clock.now()}));
    }

    Poco::Timestamp secondsAgo(long seconds) {
        return h.clock.now() - Poco::Timespan(seconds, 0).totalMicroseconds();
    }

    CommandHarness h;
};

TEST_F(WhoElseSinceCommandTest, AsksPresenceForNowMinusSeconds) {
    h.clock.advanceSeconds(1000);
    EXPECT_CALL(h.presence, seenSince(secondsAgo(60))).WillOnce(Return(std::vector<std::string>{}));
    Reply reply = h.run("whoelsesince 60");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("since"), isoTime(secondsAgo(60)));
}

TEST_F(WhoElseSinceCommandTest, ZeroSecondsMeansNow) {
    EXPECT_CALL(h.presence, seenSince(h.clock.now())).WillOnce(Return(std::vector<std::string>{}));
    EXPECT_FALSE(h.run("WHOSINCE 0").failed());
}

TEST_F(WhoElseSinceCommandTest, ListsOthersInOrderWithOnlineFlag) {
    Reply reply = h.run("WHOSINCE 300");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 3u);
    EXPECT_EQ(reply.final().intField("count"), 3);

    EXPECT_EQ(reply.rows()[0].field("user"), "obiwan");
    EXPECT_EQ(reply.rows()[0].intField("online"), 1);
    EXPECT_EQ(reply.rows()[0].text(), "obiwan");
    EXPECT_EQ(reply.rows()[1].field("user"), "luke");
    EXPECT_EQ(reply.rows()[1].intField("online"), 0);
    EXPECT_EQ(reply.rows()[2].field("user"), "leia");
    EXPECT_EQ(reply.rows()[2].intField("online"), 0);
}

TEST_F(WhoElseSinceCommandTest, ExcludesTheCaller) {
    Reply reply = h.run("whoelsesince 10");
    for (const auto& row : reply.rows())
        EXPECT_NE(row.field("user"), "yoda");
}

TEST_F(WhoElseSinceCommandTest, ExcludesUsersWhoHaveBlockedTheCaller) {
    ON_CALL(h.blocks, isBlocking("luke", "yoda")).WillByDefault(Return(true));
    Reply reply = h.run("whoelsesince 10");
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].field("user"), "obiwan");
    EXPECT_EQ(reply.rows()[1].field("user"), "leia");
    EXPECT_EQ(reply.final().intField("count"), 2);
}

TEST_F(WhoElseSinceCommandTest, NobodyElseGivesAnEmptyOk) {
    ON_CALL(h.presence, seenSince(_)).WillByDefault(Return(std::vector<std::string>{"yoda"}));
    Reply reply = h.run("whoelsesince 45");
    EXPECT_FALSE(reply.failed());
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
}

TEST_F(WhoElseSinceCommandTest, RejectsNonNumbers) {
    EXPECT_CALL(h.presence, seenSince(_)).Times(0);
    for (const char* arg : {"abc", "-5", "1.5", "10s", "0x10", "+5", "--1"}) {
        Reply reply = h.run(std::string("whoelsesince ") + arg);
        EXPECT_TRUE(reply.failed()) << arg;
        EXPECT_EQ(reply.final().code(), err::kInvalidArgument) << arg;
        EXPECT_EQ(reply.final().field("argument"), "seconds") << arg;
    }
}

TEST_F(WhoElseSinceCommandTest, HugeWindowsAreClampedNotRejected) {
    // A century back from the test epoch, give or take leap days.
    EXPECT_CALL(h.presence, seenSince(_)).WillOnce([&](Poco::Timestamp since) {
        EXPECT_LT(since,
                  h.clock.now() - Poco::Timespan(99LL * 365 * 24 * 3600, 0).totalMicroseconds());
        return std::vector<std::string>{"luke"};
    });
    Reply reply = h.run("whoelsesince 999999999999");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().intField("count"), 1);
}

} // namespace
} // namespace toom
