// PreloginBudget: connections not logged in, counted per address, released by descriptor.

#include "server/net/PreloginBudget.h"

#include "server/net/Session.h"
#include "support/ManualClock.h"

#include <gtest/gtest.h>

#include <memory>

namespace toom {
namespace {

TEST(PreloginBudgetTest, EachAddressHasItsOwnShare) {
    PreloginBudget budget(2);
    EXPECT_TRUE(budget.tryAdmit(10, "10.0.0.1"));
    EXPECT_TRUE(budget.tryAdmit(11, "10.0.0.1"));
    EXPECT_FALSE(budget.tryAdmit(12, "10.0.0.1"));
    EXPECT_TRUE(budget.tryAdmit(13, "10.0.0.2"));
    EXPECT_EQ(budget.waiting("10.0.0.1"), 2u);
    EXPECT_EQ(budget.waiting("10.0.0.2"), 1u);

    budget.release(12); // Never admitted: nothing changes.
    EXPECT_EQ(budget.waiting("10.0.0.1"), 2u);
    budget.release(10);
    budget.release(10); // Twice: counted once.
    EXPECT_EQ(budget.waiting("10.0.0.1"), 1u);
    EXPECT_TRUE(budget.tryAdmit(12, "10.0.0.1"));
    EXPECT_FALSE(budget.tryAdmit(14, "10.0.0.1"));
}

TEST(PreloginBudgetTest, ReleasedAddressesAreForgottenAndZeroMeansNoLimit) {
    PreloginBudget budget(1);
    EXPECT_TRUE(budget.tryAdmit(5, "::1"));
    budget.release(5);
    EXPECT_EQ(budget.waiting("::1"), 0u);
    EXPECT_TRUE(budget.tryAdmit(5, "::1")); // A reused descriptor is a new connection.

    PreloginBudget unlimited(0);
    for (int fd = 0; fd < 1000; ++fd)
        ASSERT_TRUE(unlimited.tryAdmit(fd, "10.0.0.9"));
    EXPECT_EQ(unlimited.waiting("10.0.0.9"), 1000u);
}

std::shared_ptr<Session> waitingSession(const std::string& address) {
    static ManualClock clock;
    return std::make_shared<Session>(address, 1024, clock);
}

TEST(PreloginBudgetTest, TheCrowdedAddressMakesRoomWithItsOldestConnection) {
    PreloginBudget budget(0);
    auto user = waitingSession("10.0.0.1");
    std::vector<std::shared_ptr<Session>> stranger;
    ASSERT_TRUE(budget.tryAdmit(1, "10.0.0.1"));
    budget.attach(1, user);
    for (int fd = 2; fd <= 4; ++fd) {
        ASSERT_TRUE(budget.tryAdmit(fd, "10.0.0.66"));
        stranger.push_back(waitingSession("10.0.0.66"));
        budget.attach(fd, stranger.back());
    }
    // The user came first, but the stranger holds more: the stranger's oldest goes.
    EXPECT_EQ(budget.displace(), stranger[0]);
    EXPECT_EQ(budget.waiting("10.0.0.66"), 2u);
    EXPECT_EQ(budget.displace(), stranger[1]);
    // One each now: the oldest of all, the user's.
    EXPECT_EQ(budget.displace(), user);
    EXPECT_EQ(budget.displace(), stranger[2]);
    EXPECT_EQ(budget.displace(), nullptr);
    EXPECT_EQ(budget.waiting("10.0.0.66"), 0u);
    budget.release(2); // Already displaced: nothing changes, nothing breaks.
}

TEST(PreloginBudgetTest, OnlyConnectionsHandedToALoopAreDisplaced) {
    PreloginBudget budget(0);
    ASSERT_TRUE(budget.tryAdmit(1, "10.0.0.1")); // Being handed over: no session yet.
    EXPECT_EQ(budget.displace(), nullptr);
    {
        auto gone = waitingSession("10.0.0.1");
        budget.attach(1, gone);
    } // Its connection ended before releasing: nothing to close.
    EXPECT_EQ(budget.displace(), nullptr);
    EXPECT_EQ(budget.waiting("10.0.0.1"), 1u);

    ASSERT_TRUE(budget.tryAdmit(2, "10.0.0.2"));
    auto waiting = waitingSession("10.0.0.2");
    budget.attach(2, waiting);
    // 10.0.0.1 holds as many, but nothing of it can be closed: the other address's goes.
    EXPECT_EQ(budget.displace(), waiting);
    budget.attach(9, waiting); // Never admitted: ignored.
    EXPECT_EQ(budget.displace(), nullptr);
}

} // namespace
} // namespace toom
