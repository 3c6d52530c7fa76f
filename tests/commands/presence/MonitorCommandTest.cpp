// MONITOR: follow given users' presence (+ - C L S), against a mocked MonitorService.

#include "commands/presence/MonitorCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using ::testing::Return;

class MonitorCommandTest : public ::testing::Test {
protected:
    MonitorCommandTest() {
        ON_CALL(h.monitors, limit()).WillByDefault(Return(100));
        ON_CALL(h.monitors, add(_, _)).WillByDefault(Return(true));
        ON_CALL(h.blocks, isBlocking(_, _)).WillByDefault(Return(false));
        ON_CALL(h.presence, find("luke"))
            .WillByDefault(Return(OnlineUser{"luke", "127.0.0.1", 0, h.clock.now()}));
    }

    static std::vector<std::string> column(const Reply& reply, const std::string& key) {
        std::vector<std::string> values;
        for (const auto& row : reply.rows())
            values.push_back(row.field(key).value_or(""));
        return values;
    }

    CommandHarness h;
};

TEST_F(MonitorCommandTest, PlusFollowsTheNamesAndShowsWhoIsOnline) {
    EXPECT_CALL(h.monitors, add("yoda", ElementsAre("luke", "leia")));
    Reply reply = h.run("MONITOR + luke,leia");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(column(reply, "user"), (std::vector<std::string>{"luke", "leia"}));
    EXPECT_EQ(column(reply, "state"), (std::vector<std::string>{"online", "offline"}));
    EXPECT_EQ(reply.final().intField("count"), 2);
    EXPECT_EQ(reply.final().intField("limit"), 100);
}

// Following LUKE follows the account luke; a name without an account is kept as typed.
TEST_F(MonitorCommandTest, NamesOfAccountsAreFollowedUnderTheirStoredSpelling) {
    ON_CALL(h.accounts, storedName("LUKE")).WillByDefault(Return(std::string("luke")));
    EXPECT_CALL(h.monitors, add("yoda", ElementsAre("luke", "Nobody")));
    h.run("MONITOR + LUKE,Nobody");
}

TEST_F(MonitorCommandTest, TheSignMayTouchTheNamesAndEmptyPiecesAreDropped) {
    EXPECT_CALL(h.monitors, add("yoda", ElementsAre("luke", "leia")));
    EXPECT_FALSE(h.run("MONITOR +luke,,leia,").failed());
    EXPECT_CALL(h.monitors, remove("yoda", ElementsAre("luke")));
    EXPECT_FALSE(h.run("monitor -luke").failed());
}

TEST_F(MonitorCommandTest, OverTheLimitFailsAndSaysTheLimit) {
    EXPECT_CALL(h.monitors, add(_, _)).WillOnce(Return(false));
    Reply reply = h.run("MONITOR + luke");
    EXPECT_EQ(reply.final().code(), err::kLimitReached);
    EXPECT_EQ(reply.final().intField("limit"), 100);
}

TEST_F(MonitorCommandTest, InvalidNamesAreRefusedBeforeAnythingChanges) {
    EXPECT_CALL(h.monitors, add(_, _)).Times(0);
    Reply reply = h.run("MONITOR + luke," + std::string(40, 'x'));
    EXPECT_EQ(reply.final().code(), err::kInvalidUsername);
    EXPECT_EQ(h.run("MONITOR +").final().code(), err::kBadArguments);
}

TEST_F(MonitorCommandTest, SomeoneWhoBlockedTheCallerLooksOffline) {
    ON_CALL(h.blocks, isBlocking("luke", "yoda")).WillByDefault(Return(true));
    EXPECT_EQ(column(h.run("MONITOR + luke"), "state"), std::vector<std::string>{"offline"});
}

TEST_F(MonitorCommandTest, ListStatusAndClear) {
    ON_CALL(h.monitors, followedBy("yoda"))
        .WillByDefault(Return(std::vector<std::string>{"leia", "luke"}));
    Reply list = h.run("MONITOR L");
    EXPECT_EQ(column(list, "user"), (std::vector<std::string>{"leia", "luke"}));
    EXPECT_EQ(column(list, "state"), (std::vector<std::string>{"", ""}));
    Reply status = h.run("MONITOR");
    EXPECT_EQ(column(status, "state"), (std::vector<std::string>{"offline", "online"}));
    EXPECT_EQ(column(h.run("monitor s"), "user"), (std::vector<std::string>{"leia", "luke"}));
    EXPECT_CALL(h.monitors, clear("yoda"));
    Reply cleared = h.run("MONITOR C");
    EXPECT_FALSE(cleared.failed());
    EXPECT_EQ(cleared.final().intField("count"), 0);
}

TEST_F(MonitorCommandTest, AnUnknownOperationIsAUsageError) {
    EXPECT_EQ(h.run("MONITOR X luke").final().code(), err::kBadArguments);
}

} // namespace
} // namespace toom
