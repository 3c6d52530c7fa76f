// The places for connections still in their handshake: per address, with silent ones giving
// their place up to newcomers from the same address.

#include "p2p/chat/GreetingSlots.h"

#include <gtest/gtest.h>

using toom::p2p::chat::GreetingSlots;

TEST(GreetingSlotsTest, EachAddressHoldsAtMostItsShare) {
    GreetingSlots slots({16, 4});
    for (int i = 0; i < 4; ++i) {
        auto admission = slots.admit("10.0.0.9");
        EXPECT_TRUE(admission.admitted);
        EXPECT_FALSE(admission.evicted);
    }
    EXPECT_EQ(slots.from("10.0.0.9"), 4u);
    // Others are not affected.
    auto other = slots.admit("10.0.0.7");
    EXPECT_TRUE(other.admitted);
    EXPECT_FALSE(other.evicted);
    EXPECT_EQ(slots.size(), 5u);
}

TEST(GreetingSlotsTest, ANewcomerTakesTheOldestSilentPlaceOfItsAddress) {
    GreetingSlots slots({16, 4});
    std::vector<GreetingSlots::Id> ids;
    for (int i = 0; i < 4; ++i)
        ids.push_back(slots.admit("127.0.0.1").id);
    slots.greeted(ids[0]); // greeted: keeps its place
    auto fifth = slots.admit("127.0.0.1");
    EXPECT_TRUE(fifth.admitted);
    ASSERT_TRUE(fifth.evicted);
    EXPECT_EQ(*fifth.evicted, ids[1]);
    EXPECT_EQ(slots.from("127.0.0.1"), 4u);
    // Eight silent connections in a row leave four, and the next one still gets in.
    for (int i = 0; i < 8; ++i)
        EXPECT_TRUE(slots.admit("127.0.0.1").admitted);
    EXPECT_EQ(slots.from("127.0.0.1"), 4u);
    EXPECT_TRUE(slots.admit("127.0.0.1").admitted);
}

TEST(GreetingSlotsTest, PlacesThatGreetedAreNotTakenAndTheNewcomerIsRefused) {
    GreetingSlots slots({16, 2});
    auto a = slots.admit("10.0.0.9");
    auto b = slots.admit("10.0.0.9");
    slots.greeted(a.id);
    slots.greeted(b.id);
    auto c = slots.admit("10.0.0.9");
    EXPECT_FALSE(c.admitted);
    EXPECT_FALSE(c.evicted);
    slots.release(a.id);
    EXPECT_TRUE(slots.admit("10.0.0.9").admitted);
}

TEST(GreetingSlotsTest, TheTotalIsShared) {
    GreetingSlots slots({3, 2});
    EXPECT_TRUE(slots.admit("a").admitted);
    EXPECT_TRUE(slots.admit("b").admitted);
    EXPECT_TRUE(slots.admit("c").admitted);
    // Full with other addresses' places: nothing of "d"'s to take.
    auto d = slots.admit("d");
    EXPECT_FALSE(d.admitted);
    EXPECT_FALSE(d.evicted);
    // "a" is below its share but the total is reached: refused too.
    EXPECT_FALSE(slots.admit("a").admitted);
}

TEST(GreetingSlotsTest, ReleaseIsIdempotentAndIgnoresStrangers) {
    GreetingSlots slots({4, 4});
    auto a = slots.admit("x");
    slots.release(a.id);
    slots.release(a.id);
    slots.release(12345);
    slots.greeted(12345);
    EXPECT_EQ(slots.size(), 0u);
    EXPECT_EQ(slots.from("x"), 0u);
}

TEST(GreetingSlotsTest, NoPlacesAdmitsNobody) {
    GreetingSlots slots({0, 4});
    EXPECT_FALSE(slots.admit("x").admitted);
}
