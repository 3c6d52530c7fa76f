#include "client/terminal/WordCompletion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom::client;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {
Vocabulary jediVocabulary() {
    Vocabulary vocabulary;
    vocabulary.commands = {
        shapeOf({"PM", "message", "/msgto"}, "<user> <message>"),
        shapeOf({"WHO", "ATU", "whoelse", "/activeuser"}, ""),
        shapeOf({"WHOSINCE", "whoelsesince"}, "<seconds>"),
        shapeOf({"CREATEGROUP", "/creategroup"}, "<name> <user1> [<user2> ...]"),
        shapeOf({"LEAVE", "/leavegroup"}, "<roomID | group name>"),
        shapeOf({"MONITOR"}, "[+|-|C|L|S] [<user>,...]"),
        shapeOf({"HELP", "/help"}, "[command]"),
    };
    vocabulary.users = {"obiwan", "Luke", "leia"};
    vocabulary.groups = {"jedi", "rebels"};
    return vocabulary;
}

std::vector<std::string> candidatesFor(std::string_view line) {
    return completeWord(jediVocabulary(), line, line.size()).candidates;
}
} // namespace

TEST(WordCompletionTest, TheFirstWordIsACommandNameOfAnyDialect) {
    EXPECT_THAT(candidatesFor("wh"), ElementsAre("WHO", "whoelse", "whoelsesince", "WHOSINCE"));
    EXPECT_THAT(candidatesFor("/m"), ElementsAre("/msgto"));
    EXPECT_THAT(candidatesFor("x"), IsEmpty());
    Completion completion = completeWord(jediVocabulary(), "  me", 4);
    EXPECT_EQ(completion.from, 2u);
    EXPECT_THAT(completion.candidates, ElementsAre("message"));
    EXPECT_EQ(completion.suffix, " ");
}

TEST(WordCompletionTest, AUserWhereTheCommandExpectsOne) {
    EXPECT_THAT(candidatesFor("PM l"), ElementsAre("leia", "Luke"));
    EXPECT_THAT(candidatesFor("message OB"), ElementsAre("obiwan"));
    // The message itself is not completed.
    EXPECT_THAT(candidatesFor("PM obiwan l"), IsEmpty());
    EXPECT_THAT(candidatesFor("WHOSINCE l"), IsEmpty());
    // An unknown command completes nothing after its name.
    EXPECT_THAT(candidatesFor("FROB l"), IsEmpty());
}

TEST(WordCompletionTest, RepeatingArgumentsAndCommaListsGoOn) {
    EXPECT_THAT(candidatesFor("CREATEGROUP j"), ElementsAre("jedi"));
    EXPECT_THAT(candidatesFor("CREATEGROUP team obiwan l"), ElementsAre("leia", "Luke"));
    Completion list = completeWord(jediVocabulary(), "MONITOR + obiwan,l", 18);
    EXPECT_EQ(list.from, 17u);
    EXPECT_THAT(list.candidates, ElementsAre("leia", "Luke"));
    EXPECT_EQ(list.suffix, "");
}

TEST(WordCompletionTest, HelpsArgumentIsACommandName) {
    EXPECT_THAT(candidatesFor("HELP whoelse"), ElementsAre("whoelse", "whoelsesince"));
}

TEST(WordCompletionTest, AGroupWithOrWithoutItsHash) {
    EXPECT_THAT(candidatesFor("LEAVE #r"), ElementsAre("#rebels"));
    EXPECT_THAT(candidatesFor("/leavegroup re"), ElementsAre("rebels"));
}

TEST(WordCompletionTest, TheCursorEndsTheWordNotTheLine) {
    Completion completion = completeWord(jediVocabulary(), "PM o hello", 4);
    EXPECT_EQ(completion.from, 3u);
    EXPECT_THAT(completion.candidates, ElementsAre("obiwan"));
}

TEST(WordCompletionTest, TheSyntaxSaysWhatEachArgumentIs) {
    EXPECT_EQ(shapeOf({"PM"}, "<user> <message>").arguments,
              (std::vector<WordKind>{WordKind::User, WordKind::Other}));
    CommandShape group = shapeOf({"CREATEGROUP"}, "<name> <user1> [<user2> ...]");
    EXPECT_EQ(group.arguments,
              (std::vector<WordKind>{WordKind::Group, WordKind::User, WordKind::User}));
    EXPECT_TRUE(group.lastRepeats);
    EXPECT_EQ(shapeOf({"HISTORY"}, "<roomID | group name> <d Mmm yyyy hh:mm:ss>").arguments,
              (std::vector<WordKind>{WordKind::Group, WordKind::Other}));
    EXPECT_EQ(shapeOf({"READ"}, "[b | s [<room>]] <d Mmm yyyy hh:mm:ss>").arguments,
              (std::vector<WordKind>{WordKind::Other, WordKind::Other}));
    EXPECT_EQ(shapeOf({"MONITOR"}, "[+|-|C|L|S] [<user>,...]").arguments,
              (std::vector<WordKind>{WordKind::Other, WordKind::UserList}));
    EXPECT_TRUE(shapeOf({"WHO"}, "").arguments.empty());
}
