#include "common/Hex.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

TEST(HexTest, EncodesLowerCaseTwoDigitsPerByte) {
    const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff};
    EXPECT_EQ(toHex(bytes, sizeof bytes), "000fa5ff");
    EXPECT_EQ(toHex(bytes, 0), "");
}

TEST(HexTest, DecodesEitherCase) {
    EXPECT_EQ(fromHex("000fA5ff"), std::string("\x00\x0f\xa5\xff", 4));
    EXPECT_EQ(fromHex(""), std::string());
}

TEST(HexTest, RefusesOddLengthsAndNonDigits) {
    EXPECT_FALSE(fromHex("abc"));
    EXPECT_FALSE(fromHex("zz"));
    EXPECT_FALSE(fromHex("0x"));
    EXPECT_FALSE(fromHex(" a"));
}

TEST(HexTest, RoundTrips) {
    std::string all;
    for (int i = 0; i < 256; ++i)
        all.push_back(static_cast<char>(i));
    EXPECT_EQ(fromHex(toHex(all.data(), all.size())), all);
}

} // namespace
} // namespace toom
