// Every command that lists things stops at the reply's byte budget (toom.max_reply_bytes), shows
// a prefix of whole rows, and says in its final line what it left out. (READ b has its own test
// in board/ReadBoardCommandTest.cpp, with the row limit as well.)

#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

constexpr std::size_t kBudget = 2000;
constexpr std::size_t kListed = 200;

class ReplyBudgetTest : public ::testing::Test {
protected:
    ReplyBudgetTest() { h.settings.maxReplyBytes = kBudget; }

    // The reply shows some rows but not all, fits the budget, and counts what it shows.
    static void expectCut(const Reply& reply, std::size_t listed) {
        ASSERT_FALSE(reply.failed()) << reply.wire();
        EXPECT_GT(reply.rows().size(), 1u);
        EXPECT_LT(reply.rows().size(), listed);
        EXPECT_LE(reply.rowBytes(), kBudget);
        EXPECT_EQ(reply.final().intField("count"), static_cast<std::int64_t>(reply.rows().size()));
    }

    // ... and `more=` is exactly the number left out.
    static void expectExactMore(const Reply& reply, std::size_t listed) {
        expectCut(reply, listed);
        EXPECT_EQ(reply.final().intField("more"),
                  static_cast<std::int64_t>(listed - reply.rows().size()));
    }

    static std::string name(std::size_t i) { return "user" + std::to_string(i); }

    static Room separateRoom(int number, std::size_t members) {
        Room room;
        room.id = number;
        room.number = number;
        room.members.push_back({"yoda", true});
        for (std::size_t i = 0; i < members; ++i)
            room.members.push_back({name(i), true});
        return room;
    }

    static RoomService::Page messages(std::size_t count) {
        RoomService::Page page;
        for (std::size_t i = 1; i <= count; ++i)
            page.messages.push_back(RoomMessage{static_cast<std::int64_t>(i), 1,
                                                static_cast<int>(i), "obiwan", std::string(40, 'm'),
                                                Poco::Timestamp()});
        return page;
    }

    CommandHarness h;
};

TEST_F(ReplyBudgetTest, Who) {
    std::vector<OnlineUser> online;
    for (std::size_t i = 0; i < kListed; ++i)
        online.push_back({name(i), "127.0.0.1", 0, h.clock.now()});
    ON_CALL(h.presence, online()).WillByDefault(Return(online));
    expectExactMore(h.run("WHO"), kListed);
}

TEST_F(ReplyBudgetTest, WhoElseSince) {
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < kListed; ++i)
        seen.push_back(name(i));
    ON_CALL(h.presence, seenSince(_)).WillByDefault(Return(seen));
    expectExactMore(h.run("WHOSINCE 600"), kListed);
}

TEST_F(ReplyBudgetTest, Blocks) {
    std::vector<std::string> blocked;
    for (std::size_t i = 0; i < kListed; ++i)
        blocked.push_back(name(i));
    ON_CALL(h.blocks, blockedBy("yoda")).WillByDefault(Return(blocked));
    expectExactMore(h.run("BLOCKS"), kListed);
}

TEST_F(ReplyBudgetTest, Rooms) {
    std::vector<Room> rooms;
    for (std::size_t i = 1; i <= kListed; ++i)
        rooms.push_back(separateRoom(static_cast<int>(i), 2));
    ON_CALL(h.rooms, roomsOf("yoda")).WillByDefault(Return(rooms));
    expectExactMore(h.run("ROOMS"), kListed);
}

TEST_F(ReplyBudgetTest, Help) {
    const std::size_t commands = h.registry.specs().size();
    h.settings.maxReplyBytes = 600;
    Reply reply = h.run("HELP");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_GT(reply.rows().size(), 0u);
    EXPECT_LE(reply.rowBytes(), 600u);
    EXPECT_EQ(reply.final().intField("more"),
              static_cast<std::int64_t>(commands - reply.rows().size()));
}

TEST_F(ReplyBudgetTest, History) {
    ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(separateRoom(1, 1)));
    ON_CALL(h.rooms, messagesSince(_, _, _)).WillByDefault(Return(messages(kListed)));
    Reply reply = h.run("HISTORY 1 23 Feb 2021 15:00:00");
    expectCut(reply, kListed);
    EXPECT_EQ(reply.final().intField("more"), 1);
}

TEST_F(ReplyBudgetTest, ReadRooms) {
    ON_CALL(h.rooms, roomsOf("yoda"))
        .WillByDefault(Return(std::vector<Room>{separateRoom(1, 1), separateRoom(2, 1)}));
    ON_CALL(h.rooms, messagesSince(_, _, _)).WillByDefault(Return(messages(kListed / 2)));
    Reply reply = h.run("RDM s 23 Feb 2021 15:00:00");
    expectCut(reply, kListed);
    EXPECT_EQ(reply.final().intField("more"), 1);
    // Only the first room's messages fit: the second room is not started.
    for (const auto& row : reply.rows())
        EXPECT_EQ(row.intField("room"), 1);
}

// Without the budget being reached, nothing is left out.
TEST_F(ReplyBudgetTest, AShortListingIsWhole) {
    ON_CALL(h.blocks, blockedBy("yoda")).WillByDefault(Return(std::vector<std::string>{"a", "b"}));
    Reply reply = h.run("BLOCKS");
    EXPECT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.final().intField("more"), 0);
}

} // namespace
} // namespace toom
