// "Did you mean": an unknown command's reply names the nearest command when the word is a
// slip on one (the dispatcher's rule, for every command and dialect), and HELP finds a command
// by any of its names with or without the slash.

#include "commands/CommandRegistry.h"
#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

struct CommandSuggestionTest : ::testing::Test {
    CommandHarness h;
};

TEST_F(CommandSuggestionTest, ASlipOnANameSuggestsItInTheReply) {
    Reply reply = h.run("/mgsto obiwan hi");
    EXPECT_EQ(reply.final().code(), err::kUnknownCommand);
    EXPECT_EQ(reply.final().field("suggestion"), "/msgto");
    EXPECT_EQ(reply.final().text(), "Unknown command /mgsto: did you mean /msgto?");
    EXPECT_EQ(reply.verb(), "/MGSTO");
}

TEST_F(CommandSuggestionTest, SuggestsInTheDialectTheWordLooksLike) {
    EXPECT_EQ(h.registry.suggestion("ATUU"), "ATU");
    EXPECT_EQ(h.registry.suggestion("whoelsee"), "whoelse");
    EXPECT_EQ(h.registry.suggestion("mesage"), "message");
    EXPECT_EQ(h.registry.suggestion("/craetegroup"), "/creategroup");
    EXPECT_EQ(h.registry.suggestion("CRAETEGROUP"), "CREATEGROUP");
    // msgto is one edit from /msgto (the slash), nothing else is as near.
    EXPECT_EQ(h.registry.suggestion("msgto"), "/msgto");
    EXPECT_EQ(h.registry.suggestion("HLEP"), "HELP");
    EXPECT_EQ(h.registry.suggestion("/hlep"), "/help");
}

TEST_F(CommandSuggestionTest, FarOrShortWordsGetNoSuggestion) {
    for (const char* word :
         {"FLY", "XYZ", "whatsthetime", "Whatsthedate", "/dance", "ok", "x", "yy", "/ab"}) {
        EXPECT_EQ(h.registry.suggestion(word), "") << word;
    }
    Reply reply = h.run("FLY to dagobah");
    EXPECT_EQ(reply.final().code(), err::kUnknownCommand);
    EXPECT_FALSE(reply.final().field("suggestion"));
    EXPECT_EQ(reply.final().text(), h.settings.profile.invalidCommand);
}

TEST_F(CommandSuggestionTest, ALongWordIsNotCompared) {
    EXPECT_EQ(h.registry.suggestion(std::string(5000, 'a')), "");
    EXPECT_EQ(h.registry.suggestion("/creategroup" + std::string(40, 'p')), "");
}

TEST_F(CommandSuggestionTest, WorksBeforeLoginToo) {
    h.logOut();
    EXPECT_EQ(h.run("HLEP").final().field("suggestion"), "HELP");
}

TEST_F(CommandSuggestionTest, LooseLookupAddsOrDropsTheSlash) {
    ASSERT_NE(h.registry.findLoosely("msgto"), nullptr);
    EXPECT_EQ(h.registry.findLoosely("msgto")->canonical, "PM");
    EXPECT_EQ(h.registry.findLoosely("/PM")->canonical, "PM");
    EXPECT_EQ(h.registry.findLoosely("/ATU")->canonical, "WHO");
    EXPECT_EQ(h.registry.findLoosely("activeuser")->canonical, "WHO");
    EXPECT_EQ(h.registry.findLoosely("/msgto")->canonical, "PM");
    EXPECT_EQ(h.registry.findLoosely("msgtoo"), nullptr);
    EXPECT_EQ(h.registry.findLoosely("/"), nullptr);
    EXPECT_EQ(h.registry.findLoosely(""), nullptr);
    // Loose only for questions: the dispatcher still runs the exact names alone.
    EXPECT_EQ(h.registry.find("msgto"), nullptr);
}

} // namespace
} // namespace toom
