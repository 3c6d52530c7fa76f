// editDistance: the distance "did you mean" suggestions are chosen by.

#include "common/EditDistance.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

TEST(EditDistanceTest, EqualWordsAreZeroApartInAnyCase) {
    EXPECT_EQ(editDistance("", ""), 0u);
    EXPECT_EQ(editDistance("msgto", "msgto"), 0u);
    EXPECT_EQ(editDistance("/MsgTo", "/msgto"), 0u);
}

TEST(EditDistanceTest, EachInsertDeleteOrSubstituteCostsOne) {
    EXPECT_EQ(editDistance("", "abc"), 3u);
    EXPECT_EQ(editDistance("abc", ""), 3u);
    EXPECT_EQ(editDistance("whoelse", "whoels"), 1u);
    EXPECT_EQ(editDistance("whoelse", "whoelsee"), 1u);
    EXPECT_EQ(editDistance("ATU", "ATX"), 1u);
    EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(EditDistanceTest, SwappingNeighboursCostsOne) {
    EXPECT_EQ(editDistance("/mgsto", "/msgto"), 1u);
    EXPECT_EQ(editDistance("ab", "ba"), 1u);
    EXPECT_EQ(editDistance("HLEP", "help"), 1u);
}

TEST(EditDistanceTest, IsSymmetric) {
    for (auto [a, b] :
         {std::pair{"creategroup", "/craetegrop"}, std::pair{"OUT", "UOTT"}, std::pair{"", "x"}}) {
        EXPECT_EQ(editDistance(a, b), editDistance(b, a)) << a << " / " << b;
    }
}

} // namespace
} // namespace toom
