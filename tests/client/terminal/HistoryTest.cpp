#include "client/terminal/History.h"

#include <gtest/gtest.h>

using namespace toom::client;

TEST(HistoryTest, BlankLinesAndRepeatsAreNotRecorded) {
    History history;
    history.add("ATU");
    history.add("ATU");
    history.add("   ");
    history.add("");
    history.add("OUT");
    history.add("ATU");
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history.entry(0), "ATU");
    EXPECT_EQ(history.entry(1), "OUT");
    EXPECT_EQ(history.entry(2), "ATU");
}

TEST(HistoryTest, CapacityDropsTheOldest) {
    History history(2);
    history.add("a");
    history.add("b");
    history.add("c");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history.entry(0), "b");
}

TEST(HistoryTest, UpAndDownWalkTheEntriesAndComeBackToTheDraft) {
    History history;
    history.add("first");
    history.add("second");
    history.beginBrowse();
    EXPECT_EQ(history.previous("draft"), "second");
    EXPECT_EQ(history.previous("second"), "first");
    EXPECT_FALSE(history.previous("first"));
    EXPECT_EQ(history.next("first"), "second");
    EXPECT_EQ(history.next("second"), "draft");
    EXPECT_FALSE(history.next("draft"));
}

TEST(HistoryTest, EditsToRecalledLinesLastWhileBrowsingOnly) {
    History history;
    history.add("MSG hello");
    history.beginBrowse();
    EXPECT_EQ(history.previous(""), "MSG hello");
    EXPECT_EQ(history.next("MSG hello there"), "");
    EXPECT_EQ(history.previous(""), "MSG hello there");
    history.beginBrowse();
    EXPECT_EQ(history.previous(""), "MSG hello");
}

TEST(HistoryTest, EmptyHistoryRecallsNothing) {
    History history;
    history.beginBrowse();
    EXPECT_FALSE(history.previous("x"));
    EXPECT_FALSE(history.next("x"));
}
