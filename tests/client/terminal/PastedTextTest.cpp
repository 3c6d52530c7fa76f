#include "client/terminal/PastedText.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom::client;
using ::testing::ElementsAre;

TEST(PastedTextTest, EveryNewlineConventionSplitsLinesAndBlankLinesAreLeftOut) {
    EXPECT_THAT(pastedLines("one\r\ntwo\rthree\n\n  \nfour\n"),
                ElementsAre("one", "two", "three", "four"));
    EXPECT_THAT(pastedLines("just one\n"), ElementsAre("just one"));
    EXPECT_TRUE(pastedLines("\r\n \t\n").empty());
}

TEST(PastedTextTest, ControlsAndEscapeSequencesAreDroppedAndTabsBecomeSpaces) {
    EXPECT_THAT(pastedLines("\x1b[31mred\x1b[0m\ta\x07"
                            "b\x7f  "),
                ElementsAre("red ab"));
    EXPECT_THAT(pastedLines("c1 \xC2\x9B"
                            "2J gone"),
                ElementsAre("c1 2J gone"));
    EXPECT_THAT(pastedLines("bad \xFF\xC3 utf8 \xC3\xA9"), ElementsAre("bad  utf8 \xC3\xA9"));
}
