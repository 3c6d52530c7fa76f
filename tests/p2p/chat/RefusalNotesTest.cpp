// Refused connections are reported, but not as fast as anyone can connect.

#include "p2p/chat/RefusalNotes.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using toom::p2p::chat::RefusalNotes;

TEST(RefusalNotesTest, AFewAtOnceThenOnePerIntervalWithTheCountLeftOut) {
    RefusalNotes notes(2, 10s);
    const RefusalNotes::Clock::time_point t0{};
    EXPECT_EQ(notes.note("a", t0), "a");
    EXPECT_EQ(notes.note("b", t0 + 1s), "b");
    EXPECT_FALSE(notes.note("c", t0 + 2s));
    EXPECT_FALSE(notes.note("d", t0 + 9s));
    EXPECT_EQ(notes.suppressed(), 2u);
    // Ten seconds after the first: one more, saying what was left out.
    EXPECT_EQ(notes.note("e", t0 + 10s), "e (2 more refused since the last notice)");
    EXPECT_EQ(notes.suppressed(), 0u);
    EXPECT_FALSE(notes.note("f", t0 + 10s));
    EXPECT_EQ(notes.note("g", t0 + 11s), "g (1 more refused since the last notice)");
}

TEST(RefusalNotesTest, NoBurstPrintsNothing) {
    RefusalNotes notes(0, 1s);
    EXPECT_FALSE(notes.note("a", RefusalNotes::Clock::time_point{}));
    EXPECT_EQ(notes.suppressed(), 1u);
}
