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

TEST(HistoryTest, TheByteBoundDropsTheOldestAndOverlongLinesAreNotKept) {
    History history(100, 100);
    history.add(std::string(11, 'x')); // Over a tenth of the bound.
    EXPECT_EQ(history.size(), 0u);
    for (int i = 0; i < 20; ++i)
        history.add("line " + std::to_string(i)); // 6 or 7 bytes each.
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < history.size(); ++i)
        bytes += history.entry(i).size();
    EXPECT_LE(bytes, 100u);
    EXPECT_EQ(history.entry(history.size() - 1), "line 19");
}

TEST(HistoryTest, OnlyAddedLinesAreToldToTheRecorder) {
    History history;
    std::vector<std::string> told;
    history.onRecord([&told](const std::string& line) { told.push_back(line); });
    history.restore("from the file");
    history.add("typed");
    history.add("typed");
    history.add(" ");
    EXPECT_EQ(told, std::vector<std::string>{"typed"});
    EXPECT_EQ(history.size(), 2u);
}

TEST(HistoryTest, FindOlderGoesBackFromTheGivenEntry) {
    History history;
    history.add("/query obiwan");
    history.add("WHO");
    history.add("/query yoda");
    EXPECT_EQ(history.findOlder("que", history.size()), 2u);
    EXPECT_EQ(history.findOlder("que", 2), 0u);
    EXPECT_EQ(history.findOlder("que", 0), std::nullopt);
    EXPECT_EQ(history.findOlder("QUE", history.size()), std::nullopt); // Case counts.
}
