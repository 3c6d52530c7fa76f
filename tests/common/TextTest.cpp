// String helpers and WordCursor.

#include "common/Text.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

using Words = std::vector<std::string>;

TEST(TextTest, Trim) {
    EXPECT_EQ(trim("  a b \t\r\n"), "a b");
    EXPECT_EQ(trim("\f\vx\v"), "x");
    EXPECT_EQ(trim("   "), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim("none"), "none");
}

TEST(TextTest, CaseConversionIsAsciiOnly) {
    EXPECT_EQ(toLower("ATU /ActiveUser"), "atu /activeuser");
    EXPECT_EQ(toUpper("whoelse 9"), "WHOELSE 9");
    EXPECT_EQ(toLower("\xc3\x89T\xc3\x89"), "\xc3\x89t\xc3\x89");
    EXPECT_EQ(toUpper("caf\xc3\xa9"), "CAF\xc3\xa9");
}

TEST(TextTest, Iequals) {
    EXPECT_TRUE(iequals("Atu", "aTU"));
    EXPECT_TRUE(iequals("", ""));
    EXPECT_FALSE(iequals("atu", "atux"));
    EXPECT_FALSE(iequals("atu", "abu"));
}

TEST(TextTest, SplitWordsOnSpacesAndTabs) {
    EXPECT_EQ(splitWords("  MSG \t yoda  hi "), (Words{"MSG", "yoda", "hi"}));
    EXPECT_TRUE(splitWords("").empty());
    EXPECT_TRUE(splitWords(" \t ").empty());
    EXPECT_EQ(splitWords("one"), (Words{"one"}));
}

TEST(TextTest, Join) {
    EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
    EXPECT_EQ(join({"a"}, ","), "a");
    EXPECT_EQ(join({}, ","), "");
}

TEST(TextTest, WordCursorWords) {
    WordCursor words("  MSG\tyoda   hello  ");
    ASSERT_EQ(words.size(), 3u);
    EXPECT_EQ(words.word(0), "MSG");
    EXPECT_EQ(words.word(1), "yoda");
    EXPECT_EQ(words.word(2), "hello");
    EXPECT_EQ(WordCursor("").size(), 0u);
    EXPECT_EQ(WordCursor(" \t ").size(), 0u);
}

TEST(TextTest, RestFromKeepsInnerSpacing) {
    WordCursor words("MSG yoda   hello    there, \t young   one   ");
    EXPECT_EQ(words.restFrom(2), "hello    there, \t young   one");
    EXPECT_EQ(words.restFrom(1), "yoda   hello    there, \t young   one");
    EXPECT_EQ(words.restFrom(0), "MSG yoda   hello    there, \t young   one");
}

TEST(TextTest, RestFromTheLastWordAndBeyond) {
    WordCursor words("MSG yoda hi\r");
    EXPECT_EQ(words.restFrom(2), "hi");
    EXPECT_EQ(words.restFrom(3), "");
    EXPECT_EQ(words.restFrom(100), "");
}

TEST(TextTest, RestFromIsIndependentOfTheSourceBuffer) {
    std::string line = "SAY a  b";
    WordCursor words(line);
    line.assign("XXXXXXXXXXXX");
    EXPECT_EQ(words.restFrom(1), "a  b");
    EXPECT_EQ(words.word(0), "SAY");
}

} // namespace
} // namespace toom
