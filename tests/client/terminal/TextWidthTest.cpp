#include "client/terminal/TextWidth.h"

#include "support/Typing.h"

#include <gtest/gtest.h>

using namespace toom::client;

namespace {
using toom::test::kCombining;
using toom::test::kEacute;
using toom::test::kEuro;
using toom::test::kHan;
using toom::test::kSmile;
} // namespace

TEST(TextWidthTest, CodePointBoundaries) {
    std::string text = "a" + kEacute + kEuro + kSmile;
    EXPECT_EQ(nextCodePoint(text, 0), 1u);
    EXPECT_EQ(nextCodePoint(text, 1), 3u);
    EXPECT_EQ(nextCodePoint(text, 3), 6u);
    EXPECT_EQ(nextCodePoint(text, 6), 10u);
    EXPECT_EQ(nextCodePoint(text, 10), 10u);
    EXPECT_EQ(previousCodePoint(text, 10), 6u);
    EXPECT_EQ(previousCodePoint(text, 6), 3u);
    EXPECT_EQ(previousCodePoint(text, 3), 1u);
    EXPECT_EQ(previousCodePoint(text, 1), 0u);
    EXPECT_EQ(previousCodePoint(text, 0), 0u);
}

TEST(TextWidthTest, DecodesCodePoints) {
    EXPECT_EQ(codePointAt("A", 0), U'A');
    EXPECT_EQ(codePointAt(kEacute, 0), U'\u00E9');
    EXPECT_EQ(codePointAt(kEuro, 0), U'\u20AC');
    EXPECT_EQ(codePointAt(kSmile, 0), U'\U0001F600');
    EXPECT_EQ(codePointAt("\xE2\x82", 0), U'\uFFFD'); // Truncated.
    EXPECT_EQ(codePointAt("\x80", 0), U'\uFFFD');     // Stray continuation.
}

TEST(TextWidthTest, DisplayWidthCountsColumns) {
    EXPECT_EQ(displayWidth("hello"), 5);
    EXPECT_EQ(displayWidth(kEacute + kEuro), 2);
    EXPECT_EQ(displayWidth(kHan + kSmile), 4);
    EXPECT_EQ(displayWidth("e" + kCombining), 1);
}

TEST(TextWidthTest, CharactersIncludeTheirCombiningMarks) {
    std::string text = "e" + kCombining + "x";
    EXPECT_EQ(nextCharacter(text, 0), 3u);
    EXPECT_EQ(previousCharacter(text, 3), 0u);
    EXPECT_EQ(previousCharacter(text, 4), 3u);
}
