// Cleaning what a peer sends before it is shown.

#include "p2p/chat/PeerText.h"

#include <gtest/gtest.h>

using toom::p2p::chat::shortPrintable;
using toom::p2p::chat::withValidUtf8;

TEST(PeerTextTest, ValidUtf8IsKept) {
    EXPECT_EQ(withValidUtf8("héllo wörld ✓ 😀"), "héllo wörld ✓ 😀");
    EXPECT_EQ(withValidUtf8(""), "");
}

TEST(PeerTextTest, ControlCharactersAreLeftToTheConsole) {
    EXPECT_EQ(withValidUtf8("a\x1b[2Jb\tc"), "a\x1b[2Jb\tc");
}

TEST(PeerTextTest, StrayBytesBecomeReplacementCharacters) {
    EXPECT_EQ(withValidUtf8("a\x9b"
                            "2Jb"),
              "a\xEF\xBF\xBD"
              "2Jb");
    EXPECT_EQ(withValidUtf8("\xC3"), "\xEF\xBF\xBD");                 // Cut short.
    EXPECT_EQ(withValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD"); // Overlong '/'.
    EXPECT_EQ(withValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // Surrogate.
}

TEST(PeerTextTest, ShortPrintableReplacesControlsAndCuts) {
    EXPECT_EQ(shortPrintable("yoda"), "yoda");
    EXPECT_EQ(shortPrintable("yo\nda\x1b"), "yo?da?");
    EXPECT_EQ(shortPrintable("\xC2\x9B"
                             "2J"),
              "?2J"); // A C1 CSI.
    EXPECT_EQ(shortPrintable(std::string(100, 'x'), 10), std::string(10, 'x') + "...");
    EXPECT_EQ(shortPrintable("ab\xE2\x9C\x93", 4), "ab..."); // Never cuts a character in two.
}
