#include "client/terminal/Completer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom::client;
using ::testing::ElementsAre;

TEST(CompleterTest, TheCommonStartIgnoresCaseAndKeepsWhatWasTyped) {
    EXPECT_EQ(commonCompletion("wh", {"WHO", "whoelse"}), "who");
    EXPECT_EQ(commonCompletion("WH", {"WHO", "WHOSINCE"}), "WHO");
    EXPECT_EQ(commonCompletion("Ob", {"obiwan"}), "Obiwan");
    EXPECT_EQ(commonCompletion("o", {"obiwan", "owen"}), "o");
    EXPECT_EQ(commonCompletion("x", {}), "x");
}

TEST(CompleterTest, TheCommonStartNeverCutsACharacter) {
    // "\xC3\xA9" (é) and "\xC3\xA8" (è) share their first byte only.
    EXPECT_EQ(commonCompletion("r", {"r\xC3\xA9mi", "r\xC3\xA8gle"}), "r");
}

TEST(CompleterTest, CandidatesAreListedInColumnsWithinTheWidth) {
    EXPECT_THAT(layOutCandidates({"WHO", "whoelse", "whoelsesince"}, 30),
                ElementsAre("WHO           whoelse", "whoelsesince"));
    EXPECT_THAT(layOutCandidates({"a", "b", "c"}, 80, 2), ElementsAre("a  b", "(and 1 more)"));
}
