// The rules for usernames and passwords.

#include "models/User.h"

#include <gtest/gtest.h>

#include <string>

namespace toom {
namespace {

TEST(UserTest, ValidUsernames) {
    for (const std::string& name :
         {std::string("yoda"), std::string("Obi-Wan_Kenobi.2"), std::string("a"),
          std::string(32, 'x'), std::string("caf\xc3\xa9"), std::string("r2/d2"),
          std::string("yoda#1")}) {
        EXPECT_TRUE(isValidUsername(name)) << name;
    }
}

TEST(UserTest, InvalidUsernames) {
    for (const std::string& name :
         {std::string(), std::string(33, 'x'), std::string("han solo"), std::string(" yoda"),
          std::string("yoda "), std::string("tab\tbed"), std::string("new\nline"),
          std::string("/yoda"), std::string("#1"), std::string("bell\a"), std::string("del\x7f"),
          std::string("nul\0x", 5), std::string("\xff"), std::string("\xc0\x80")}) {
        EXPECT_FALSE(isValidUsername(name)) << "'" << name << "'";
    }
}

// Names that would disguise themselves or another user's: format and bidi controls, invisible
// and non-breaking spaces, private-use characters, symbols. Letters of any script are fine.
TEST(UserTest, UsernamesCannotHideOrDisguiseCharacters) {
    for (const char* name :
         {"yoda\u202E", "\u202Eadoy", "yo\u200Bda", "yo\u00A0da", "yoda\u2028", "yo\uE000da",
          "yoda\uFEFF", "yoda\u2063", "yoda\u2764", "yoda\u00B7"}) {
        EXPECT_FALSE(isValidUsername(name)) << name;
    }
    for (const char* name :
         {"\u0439\u043E\u0434\u0430", "\u5C0F\u660E", "Zo\u00EB", "e\u0301", "\u0661\u0662"}) {
        EXPECT_TRUE(isValidUsername(name)) << name;
    }
}

TEST(UserTest, UsernameLengthIsInBytes) {
    // 16 two-byte characters fill the 32 allowed bytes; one more is too many.
    std::string name;
    for (int i = 0; i < 16; ++i)
        name += "\xc3\xa9";
    EXPECT_TRUE(isValidUsername(name));
    EXPECT_FALSE(isValidUsername(name + "x"));
}

TEST(UserTest, UsablePasswords) {
    for (const std::string& pw :
         {std::string("force"), std::string("p@ss/w#rd!"), std::string(128, 'p'),
          std::string("/slash-first"), std::string("\xe2\x82\xac")}) {
        EXPECT_TRUE(isUsablePassword(pw)) << pw;
    }
}

TEST(UserTest, UnusablePasswords) {
    for (const std::string& pw :
         {std::string(), std::string(129, 'p'), std::string("two words"), std::string("tab\tbed"),
          std::string("cr\r"), std::string("esc\x1b"), std::string("\xed\xa0\x80")}) {
        EXPECT_FALSE(isUsablePassword(pw)) << "'" << pw << "'";
    }
}

// Names are compared by key: case folds, ASCII and beyond, and nothing else changes.
TEST(UserTest, UsernameKeysFoldCaseOnly) {
    EXPECT_EQ(usernameKey("Yoda"), "yoda");
    EXPECT_EQ(usernameKey("YODA"), usernameKey("yoda"));
    EXPECT_EQ(usernameKey("R2-D2_x"), "r2-d2_x");
    EXPECT_EQ(usernameKey("\xC3\x89LODIE"), "\xC3\xA9lodie"); // ÉLODIE -> élodie
    EXPECT_EQ(usernameKey("\xD0\x90\xD0\xBD\xD1\x8F"),
              usernameKey("\xD0\xB0\xD0\xBD\xD1\x8F")); // Аня, аня
    EXPECT_NE(usernameKey("yoda"), usernameKey("yoda2"));
    EXPECT_NE(usernameKey("hans"), usernameKey("han"));
}

// Letters that only redraw ASCII ones would make a second "yoda" that case folding cannot see.
TEST(UserTest, FullwidthAndMathematicalLookalikesAreNotUsernameCharacters) {
    EXPECT_FALSE(isValidUsername("\xEF\xBD\x99\xEF\xBD\x8F\xEF\xBD\x84\xEF\xBD\x81")); // ｙｏｄａ
    EXPECT_FALSE(isValidUsername("yo\xF0\x9D\x90\x9D"
                                 "a"));                       // yo𝐝a
    EXPECT_TRUE(isValidUsername("\xE5\xB0\x8F\xE6\x98\x8E")); // 小明
}

} // namespace
} // namespace toom
