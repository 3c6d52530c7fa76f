// IrcCasemap: the ascii and rfc1459 casemappings.

#include "common/IrcCasemap.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

TEST(IrcCasemapTest, AsciiFoldsLettersOnly) {
    EXPECT_EQ(ircFold("ObiWan[]\\~", IrcCasemapping::Ascii), "obiwan[]\\~");
    EXPECT_TRUE(ircEquals("YODA", "yoda", IrcCasemapping::Ascii));
    EXPECT_FALSE(ircEquals("a[", "a{", IrcCasemapping::Ascii));
}

TEST(IrcCasemapTest, Rfc1459FoldsTheScandinavianBrackets) {
    EXPECT_EQ(ircFold("Nick[]\\~", IrcCasemapping::Rfc1459), "nick{}|^");
    EXPECT_TRUE(ircEquals("a[b]\\~", "A{B}|^", IrcCasemapping::Rfc1459));
    EXPECT_FALSE(ircEquals("ab", "abc", IrcCasemapping::Rfc1459));
}

TEST(IrcCasemapTest, LeavesBytesAboveAsciiAlone) {
    EXPECT_EQ(ircFold("\xC3\x84rger", IrcCasemapping::Rfc1459), "\xC3\x84rger");
}

TEST(IrcCasemapTest, Tokens) {
    EXPECT_EQ(casemappingToken(IrcCasemapping::Ascii), "ascii");
    EXPECT_EQ(casemappingToken(IrcCasemapping::Rfc1459), "rfc1459");
}

} // namespace
} // namespace toom
