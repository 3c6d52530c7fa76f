// UTF-8 validation and control characters.

#include "common/Utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace toom {
namespace {

TEST(Utf8Test, AcceptsAsciiAndEmpty) {
    EXPECT_TRUE(isValidUtf8(""));
    EXPECT_TRUE(isValidUtf8("hello, world\t~"));
}

TEST(Utf8Test, AcceptsMultiByteSequences) {
    EXPECT_TRUE(isValidUtf8("\xc2\x80"));                 // U+0080, smallest 2-byte
    EXPECT_TRUE(isValidUtf8("caf\xc3\xa9"));              // é
    EXPECT_TRUE(isValidUtf8("\xdf\xbf"));                 // U+07FF
    EXPECT_TRUE(isValidUtf8("\xe0\xa0\x80"));             // U+0800, smallest 3-byte
    EXPECT_TRUE(isValidUtf8("\xe2\x82\xac"));             // €
    EXPECT_TRUE(isValidUtf8("\xed\x9f\xbf"));             // U+D7FF, just below the surrogates
    EXPECT_TRUE(isValidUtf8("\xee\x80\x80"));             // U+E000, just above them
    EXPECT_TRUE(isValidUtf8("\xef\xbf\xbf"));             // U+FFFF
    EXPECT_TRUE(isValidUtf8("\xf0\x90\x80\x80"));         // U+10000, smallest 4-byte
    EXPECT_TRUE(isValidUtf8("\xf0\x9f\x98\x80 grin"));    // 😀
    EXPECT_TRUE(isValidUtf8("\xf4\x8f\xbf\xbf"));         // U+10FFFF, the last code point
    EXPECT_TRUE(isValidUtf8("\xe4\xbd\xa0\xe5\xa5\xbd")); // 你好
}

TEST(Utf8Test, RejectsNul) {
    EXPECT_FALSE(isValidUtf8(std::string("a\0b", 3)));
    EXPECT_FALSE(isValidUtf8(std::string(1, '\0')));
}

TEST(Utf8Test, RejectsOverlongForms) {
    EXPECT_FALSE(isValidUtf8("\xc0\x80"));         // NUL in two bytes
    EXPECT_FALSE(isValidUtf8("\xc1\xbf"));         // U+007F in two bytes
    EXPECT_FALSE(isValidUtf8("\xe0\x80\xaf"));     // '/' in three bytes
    EXPECT_FALSE(isValidUtf8("\xe0\x9f\xbf"));     // U+07FF in three bytes
    EXPECT_FALSE(isValidUtf8("\xf0\x8f\xbf\xbf")); // U+FFFF in four bytes
}

TEST(Utf8Test, RejectsSurrogates) {
    EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));             // U+D800
    EXPECT_FALSE(isValidUtf8("\xed\xbf\xbf"));             // U+DFFF
    EXPECT_FALSE(isValidUtf8("\xed\xa0\xbd\xed\xb8\x80")); // CESU-8 pair
}

TEST(Utf8Test, RejectsBeyondUnicode) {
    EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80")); // U+110000
    EXPECT_FALSE(isValidUtf8("\xf5\x80\x80\x80"));
    EXPECT_FALSE(isValidUtf8("\xf8\x88\x80\x80\x80")); // old 5-byte form
}

TEST(Utf8Test, RejectsTruncatedSequences) {
    EXPECT_FALSE(isValidUtf8("\xc3"));
    EXPECT_FALSE(isValidUtf8("caf\xc3"));
    EXPECT_FALSE(isValidUtf8("\xe2\x82"));
    EXPECT_FALSE(isValidUtf8("\xf0\x9f\x98"));
    EXPECT_FALSE(isValidUtf8("\xe2\x82 x")); // cut short by an ASCII byte
}

TEST(Utf8Test, RejectsBytesThatNeverAppear) {
    EXPECT_FALSE(isValidUtf8("\xff"));
    EXPECT_FALSE(isValidUtf8("\xfe"));
    EXPECT_FALSE(isValidUtf8("ok\xff"));
}

TEST(Utf8Test, RejectsStrayContinuationBytes) {
    EXPECT_FALSE(isValidUtf8("\x80"));
    EXPECT_FALSE(isValidUtf8("a\xbf"
                             "b"));
    EXPECT_FALSE(isValidUtf8("\xc3\xa9\xa9"));
}

TEST(Utf8Test, ControlCharacters) {
    EXPECT_FALSE(hasControlCharacters("plain text"));
    EXPECT_FALSE(hasControlCharacters("tab\tis fine"));
    EXPECT_FALSE(hasControlCharacters("caf\xc3\xa9"));
    EXPECT_TRUE(hasControlCharacters("bell\a"));
    EXPECT_TRUE(hasControlCharacters("esc\x1b[31m"));
    EXPECT_TRUE(hasControlCharacters("cr\r"));
    EXPECT_TRUE(hasControlCharacters("lf\n"));
    EXPECT_TRUE(hasControlCharacters("del\x7f"));
    EXPECT_TRUE(hasControlCharacters(std::string(1, '\0')));
}

} // namespace
} // namespace toom
