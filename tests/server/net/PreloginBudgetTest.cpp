// PreloginBudget: connections not logged in, counted per address, released by descriptor.

#include "server/net/PreloginBudget.h"

#include <gtest/gtest.h>

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

} // namespace
} // namespace toom
