#include "client/session/HelpView.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom;
using namespace toom::client;
using ::testing::ElementsAre;

TEST(HelpViewTest, WordsWrapAtSpacesWithinTheWidth) {
    EXPECT_THAT(wrapWords("list the other online users and when they came", 25, 4),
                ElementsAre("    list the other", "    online users and", "    when they came"));
    // A word longer than the line keeps a line of its own rather than being cut.
    EXPECT_THAT(wrapWords("a supercalifragilisticexpialidocious-word b", 21, 0),
                ElementsAre("a", "supercalifragilisticexpialidocious-word", "b"));
}

TEST(HelpViewTest, EntriesComeFromTheRowsWithoutUdpport) {
    std::vector<ServerLine> rows = {
        *ServerLine::parse("DATA HELP command=UDPPORT names=UDPPORT syntax= :UDPPORT - x"),
        *ServerLine::parse("DATA HELP command=WHO names=WHO,ATU syntax= :WHO, ATU  -  list users"),
    };
    auto entries = helpEntries(rows);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].area, "commands");
    EXPECT_EQ(entries[0].names, "WHO, ATU");
    EXPECT_EQ(entries[0].about, "list users");
}

TEST(HelpViewTest, AreasKeepTheirFirstOrder) {
    std::vector<HelpEntry> entries = {{"board", "POST", "<message>", "post"},
                                      {"presence", "WHO", "", "who"},
                                      {"board", "READ", "", "read"}};
    EXPECT_THAT(layOutHelp(entries, 80),
                ElementsAre("Board", "  POST <message>", "      post", "  READ", "      read", "",
                            "Presence", "  WHO", "      who"));
}
