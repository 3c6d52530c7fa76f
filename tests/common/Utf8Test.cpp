// UTF-8 decoding and validation, and control characters.

#include "common/Utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

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

// --- decodeUtf8At
// ---------------------------------------------------------------------------------

/// Decodes `text` at `pos` and returns (code point, length), or (0, 0) when it is rejected.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t pos = 0) {
    auto decoded = decodeUtf8At(text, pos);
    return decoded ? std::pair(decoded->codePoint, decoded->length)
                   : std::pair(char32_t{0}, std::size_t{0});
}

TEST(Utf8Test, DecodesOneByteSequences) {
    EXPECT_EQ(decode("A"), std::pair(U'A', std::size_t{1}));
    EXPECT_EQ(decode("\x7f"), std::pair(U'\x7f', std::size_t{1}));
    EXPECT_EQ(decode(std::string_view("\0", 1)), std::pair(U'\0', std::size_t{1}));
    EXPECT_EQ(decode("abc", 2), std::pair(U'c', std::size_t{1}));
}

TEST(Utf8Test, DecodesTwoByteSequences) {
    EXPECT_EQ(decode("\xc2\x80"), std::pair(U'\u0080', std::size_t{2}));
    EXPECT_EQ(decode("caf\xc3\xa9", 3), std::pair(U'\u00e9', std::size_t{2}));
    EXPECT_EQ(decode("\xdf\xbf"), std::pair(U'\u07ff', std::size_t{2}));
}

TEST(Utf8Test, DecodesThreeByteSequences) {
    EXPECT_EQ(decode("\xe0\xa0\x80"), std::pair(U'\u0800', std::size_t{3}));
    EXPECT_EQ(decode("\xe2\x82\xac"), std::pair(U'\u20ac', std::size_t{3}));
    EXPECT_EQ(decode("\xed\x9f\xbf"), std::pair(U'\ud7ff', std::size_t{3}));
    EXPECT_EQ(decode("\xee\x80\x80"), std::pair(U'\ue000', std::size_t{3}));
    EXPECT_EQ(decode("\xef\xbf\xbf"), std::pair(U'\uffff', std::size_t{3}));
}

TEST(Utf8Test, DecodesFourByteSequences) {
    EXPECT_EQ(decode("\xf0\x90\x80\x80"), std::pair(U'\U00010000', std::size_t{4}));
    EXPECT_EQ(decode("\xf0\x9f\x98\x80 grin"), std::pair(U'\U0001f600', std::size_t{4}));
    EXPECT_EQ(decode("\xf4\x8f\xbf\xbf"), std::pair(U'\U0010ffff', std::size_t{4}));
}

TEST(Utf8Test, DecodeRejectsMalformedSequences) {
    struct Case {
        std::string_view text;
        std::size_t pos;
        const char* why;
    };
    const Case cases[] = {
        {"", 0, "at the end"},
        {"ab", 2, "at the end"},
        {"ab", 7, "past the end"},
        {"\xc0\x80", 0, "overlong NUL"},
        {"\xc1\xbf", 0, "overlong U+007F"},
        {"\xe0\x9f\xbf", 0, "overlong U+07FF"},
        {"\xf0\x8f\xbf\xbf", 0, "overlong U+FFFF"},
        {"\xed\xa0\x80", 0, "surrogate U+D800"},
        {"\xed\xbf\xbf", 0, "surrogate U+DFFF"},
        {"\xf4\x90\x80\x80", 0, "U+110000, beyond Unicode"},
        {"\xf7\xbf\xbf\xbf", 0, "U+1FFFFF, beyond Unicode"},
        {"\xc3", 0, "truncated 2-byte"},
        {"caf\xc3", 3, "truncated 2-byte at the end of a word"},
        {"\xe2\x82", 0, "truncated 3-byte"},
        {"\xf0\x9f\x98", 0, "truncated 4-byte"},
        {"\xe2\x82 x", 0, "cut short by an ASCII byte"},
        {"\xc3\xc3\xa9", 0, "a lead byte where a continuation belongs"},
        {"\xf0\x9f\x98z", 0, "last byte not a continuation"},
        {"\x80", 0, "stray continuation byte"},
        {"\xc3\xa9", 1, "inside a sequence"},
        {"\xf8\x88\x80\x80\x80", 0, "old 5-byte form"},
        {"\xfe", 0, "0xFE never appears"},
        {"\xff", 0, "0xFF never appears"},
    };
    for (const Case& c : cases)
        EXPECT_FALSE(decodeUtf8At(c.text, c.pos)) << c.why;
}

TEST(Utf8Test, ContinuationBytes) {
    EXPECT_TRUE(isUtf8Continuation(0x80));
    EXPECT_TRUE(isUtf8Continuation(0xbf));
    EXPECT_FALSE(isUtf8Continuation('a'));
    EXPECT_FALSE(isUtf8Continuation(0xc3));
    EXPECT_FALSE(isUtf8Continuation(0xf0));
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
