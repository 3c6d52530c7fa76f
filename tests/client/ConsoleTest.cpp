#include "client/Console.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace toom::client;

TEST(ConsoleTest, ScriptedConsolePrintsPlainLines) {
    std::ostringstream out;
    Console console(out);
    console.printLine("Welcome to TOOM!");
    console.beginEdit("> ", false); // No edit line without a terminal.
    console.updateEdit("ATU", 3);
    console.printLine("luke logged in");
    console.endEdit(true);
    EXPECT_EQ(out.str(), "Welcome to TOOM!\nluke logged in\n");
}

TEST(ConsoleTest, SanitizeNeutralisesControlCharacters) {
    EXPECT_EQ(Console::sanitize("a\x1b[2Jb"), "a\xEF\xBF\xBD[2Jb");
    EXPECT_EQ(Console::sanitize("tab\tok"), "tab\tok");
    EXPECT_EQ(Console::sanitize("bell\x07"), "bell\xEF\xBF\xBD");
    EXPECT_EQ(Console::sanitize("del\x7F"), "del\xEF\xBF\xBD");
    EXPECT_EQ(Console::sanitize("csi\xC2\x9B"
                                "2J"),
              "csi\xEF\xBF\xBD"
              "2J");
    EXPECT_EQ(Console::sanitize("caf\xC3\xA9 \xC2\xA9"), "caf\xC3\xA9 \xC2\xA9");
}

TEST(ConsoleTest, EventsArePrintedAboveTheEditLineWhichIsRedrawn) {
    std::ostringstream out;
    Console console(out, true, [] { return 80; });
    console.beginEdit("> ", false);
    console.updateEdit("ATU", 2);
    out.str("");
    console.printLine("luke logged in");
    EXPECT_EQ(out.str(), "\r\x1b[J"
                         "luke logged in\n"
                         "\r\x1b[J> ATU\r\x1b[4C");
}

TEST(ConsoleTest, EnteredLineStaysOnScreen) {
    std::ostringstream out;
    Console console(out, true);
    console.beginEdit("> ", false);
    console.updateEdit("ATU", 3);
    out.str("");
    console.endEdit(true);
    EXPECT_EQ(out.str(), "\r\n");
    out.str("");
    console.printLine("after");
    EXPECT_EQ(out.str(), "after\n");
}

TEST(ConsoleTest, AbandonedLineIsErased) {
    std::ostringstream out;
    Console console(out, true);
    console.beginEdit("> ", false);
    out.str("");
    console.endEdit(false);
    EXPECT_EQ(out.str(), "\r\x1b[J");
}

TEST(ConsoleTest, SecretLinesShowOnlyThePrompt) {
    std::ostringstream out;
    Console console(out, true);
    console.beginEdit("Password: ", true);
    console.updateEdit("wise@!man", 9);
    console.printLine("event");
    console.endEdit(true);
    EXPECT_EQ(out.str().find("wise"), std::string::npos);
    EXPECT_NE(out.str().find("Password: "), std::string::npos);
}
