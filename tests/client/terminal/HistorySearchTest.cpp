#include "client/terminal/HistorySearch.h"

#include <gtest/gtest.h>

using namespace toom::client;

namespace {
History searchedHistory() {
    History history;
    for (const char* line : {"/query obiwan", "PM hans hello", "/query luke", "WHO"})
        history.add(line);
    return history;
}
} // namespace

TEST(HistorySearchTest, TypingFindsTheNewestMatchAndCtrlRGoesOlder) {
    History history = searchedHistory();
    HistorySearch search(history);
    EXPECT_EQ(search.match(), std::nullopt);
    search.append("q");
    search.append("ue");
    EXPECT_EQ(search.matchText(), "/query luke");
    EXPECT_EQ(search.matchOffset(), 1u);
    search.older();
    EXPECT_EQ(search.matchText(), "/query obiwan");
    EXPECT_FALSE(search.failed());
    search.older();
    EXPECT_TRUE(search.failed());
    EXPECT_EQ(search.matchText(), "/query obiwan"); // The last match stays shown.
}

TEST(HistorySearchTest, ALongerQueryNarrowsFromTheMatchShown) {
    History history = searchedHistory();
    HistorySearch search(history);
    search.append("/query ");
    EXPECT_EQ(search.matchText(), "/query luke");
    search.append("o");
    EXPECT_EQ(search.matchText(), "/query obiwan");
    search.append("x");
    EXPECT_TRUE(search.failed());
    EXPECT_EQ(search.query(), "/query ox");
    search.backspace();
    EXPECT_FALSE(search.failed());
    EXPECT_EQ(search.matchText(), "/query obiwan");
    search.backspace();
    search.backspace();
    EXPECT_EQ(search.query(), "/query");
    EXPECT_EQ(search.matchText(), "/query luke"); // From the newest again.
}

TEST(HistorySearchTest, CtrlRWithAnEmptyQueryRepeatsThePreviousSearch) {
    History history = searchedHistory();
    HistorySearch search(history);
    search.older();
    EXPECT_EQ(search.match(), std::nullopt);
    search.older("hans");
    EXPECT_EQ(search.query(), "hans");
    EXPECT_EQ(search.matchText(), "PM hans hello");
}

TEST(HistorySearchTest, AnEmptyHistoryFindsNothingAndSaysSo) {
    History history;
    HistorySearch search(history);
    search.append("a");
    EXPECT_TRUE(search.failed());
    EXPECT_EQ(search.matchText(), "");
}
