#include "client/terminal/Console.h"

#include <gtest/gtest.h>

#include <set>
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

// A prompt wider than half the terminal (the seeds' menus) is printed whole above a short
// edit prompt, so the edit line never wraps; the words stay the seed's, broken at spaces into
// rows that fit the terminal.
TEST(ConsoleTest, AWidePromptGetsLinesOfItsOwnThatFitAboveAShortOne) {
    std::ostringstream out;
    Console console(out, true, [] { return 80; });
    const std::string menu = "Enter one of the following commands (/msgto, /activeuser, "
                             "/creategroup, /joingroup, /groupmsg, /p2pvideo, /logout): ";
    console.beginEdit(menu, false);
    EXPECT_EQ(out.str(), "Enter one of the following commands (/msgto, /activeuser, /creategroup,\n"
                         "/joingroup, /groupmsg, /p2pvideo, /logout):\n"
                         "\r\x1b[J> \r\x1b[2C");
    out.str("");
    console.beginEdit("Password: ", true);
    EXPECT_EQ(out.str().find('\n'), std::string::npos) << "a short prompt stays on the edit line";
}

TEST(ConsoleTest, AWidePromptIsBrokenToTheTerminalsWidth) {
    std::ostringstream out;
    Console console(out, true, [] { return 40; });
    console.beginEdit("Enter one of the following commands (MSG, DLT, EDT): ", false);
    EXPECT_EQ(out.str(), "Enter one of the following commands\n"
                         "(MSG, DLT, EDT):\n"
                         "\r\x1b[J> \r\x1b[2C");
    out.str("");
    // A word wider than the terminal keeps a row of its own (the terminal wraps it). The edit
    // line drawn above is erased first.
    console.beginEdit("tiny " + std::string(50, 'x') + " end", false);
    EXPECT_EQ(out.str(), "\r\x1b[Jtiny\n" + std::string(50, 'x') + "\nend\n\r\x1b[J> \r\x1b[2C");
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

TEST(ConsoleTest, ScriptedConsoleShowsNoStatus) {
    std::ostringstream out;
    Console console(out);
    console.setStatus("[####......]  40%");
    console.printLine("done");
    EXPECT_EQ(out.str(), "done\n");
}

TEST(ConsoleTest, StatusRowSitsAboveTheEditLineAndPrintedLinesScrollAboveIt) {
    std::ostringstream out;
    Console console(out, true, [] { return 80; });
    console.beginEdit("> ", false);
    out.str("");
    console.setStatus("50%");
    EXPECT_EQ(out.str(), "\r\x1b[J"            // erase the edit line
                         "50%\n"               // the status row
                         "\r\x1b[J> \r\x1b[2C" // the edit line again, below it
    );
    out.str("");
    console.printLine("luke logged in");
    EXPECT_EQ(out.str(), "\r\x1b[J"       // erase the edit line
                         "\x1b[A\r\x1b[K" // up onto the status row, cleared
                         "luke logged in\n"
                         "50%\n"
                         "\r\x1b[J> \r\x1b[2C");
}

TEST(ConsoleTest, ClearingTheStatusGivesItsRowBack) {
    std::ostringstream out;
    Console console(out, true, [] { return 80; });
    console.setStatus("50%");
    out.str("");
    console.setStatus("");
    EXPECT_EQ(out.str(), "\x1b[A\r\x1b[K");
    out.str("");
    console.printLine("x");
    EXPECT_EQ(out.str(), "x\n");
}

TEST(ConsoleTest, StatusIsCutToTheWidthAndUnchangedStatusDrawsNothing) {
    std::ostringstream out;
    Console console(out, true, [] { return 10; });
    console.setStatus(std::string(30, '#'));
    EXPECT_EQ(out.str(), std::string(9, '#') + "\n");
    out.str("");
    console.setStatus(std::string(30, '#'));
    EXPECT_EQ(out.str(), "");
}

TEST(ConsoleTest, EnteredLineGoesAboveTheStatusRow) {
    std::ostringstream out;
    Console console(out, true, [] { return 80; });
    console.setStatus("50%");
    console.beginEdit("> ", false);
    console.updateEdit("ATU", 3);
    out.str("");
    console.endEdit(true);
    const std::string shown = out.str();
    // The status row is cleared, the line is drawn on it, and the status follows below.
    EXPECT_NE(shown.find("\x1b[A\r\x1b[K"), std::string::npos);
    EXPECT_LT(shown.find("> ATU"), shown.rfind("50%\n"));
}

TEST(ConsoleTest, StyledLinesAreColouredOnlyWhenTheDecorationSaysSo) {
    StyledLine line;
    line.add(Tone::Board, "[board #1]").add(Tone::Plain, " ").nick("obiwan");
    line.add(Tone::Plain, ": hi\x1b[2J").time("13:22");

    std::ostringstream plain;
    Console plainConsole(plain);
    plainConsole.print(line, true);
    EXPECT_EQ(plain.str(), "13:22 [board #1] obiwan: hi\xEF\xBF\xBD[2J\n"); // No bell, no colour.

    std::ostringstream coloured;
    Console colourConsole(coloured);
    colourConsole.decorate({true, true, {}});
    colourConsole.print(line, true);
    const std::string nick = "\x1b[" +
                             std::string(colourOf({Tone::Nick, "obiwan", nickColourOf("obiwan")})) +
                             "mobiwan\x1b[0m";
    EXPECT_EQ(coloured.str(),
              "\x1b[2m13:22\x1b[0m \x1b[33m[board #1]\x1b[0m " + nick + ": hi\xEF\xBF\xBD[2J\n\a");
}

TEST(ConsoleTest, TheStampGivesLinesWithoutATimeTheirTimeColumn) {
    std::ostringstream out;
    Console console(out);
    console.decorate({false, false, [] { return std::string("09:41"); }});
    console.printLine("Welcome to Toom!");
    console.print(StyledLine("kept").time("08:00"));
    EXPECT_EQ(out.str(), "09:41 Welcome to Toom!\n08:00 kept\n");
}

TEST(ConsoleTest, NickColoursAreStableAndIgnoreCase) {
    EXPECT_EQ(nickColourOf("obiwan"), nickColourOf("ObiWan"));
    EXPECT_LT(nickColourOf("obiwan"), kNickColours);
    // Not all names share one colour (a broken hash would give them all the same).
    std::set<int> colours;
    for (const char* name : {"yoda", "obiwan", "luke", "leia", "hans", "vader", "r2d2", "c3po"})
        colours.insert(nickColourOf(name));
    EXPECT_GE(colours.size(), 4u);
}

TEST(ConsoleTest, APromptInPlaceOfTheEditPromptLastsUntilTheNextPlainUpdate) {
    std::ostringstream out;
    Console console(out, true, [] { return 80; });
    console.beginEdit("> ", false);
    out.str("");
    console.updateEdit("WHO", 0, std::string("(reverse-i-search)'W': "));
    EXPECT_EQ(out.str(), "\r\x1b[J(reverse-i-search)'W': WHO\r\x1b[23C");
    out.str("");
    console.printLine("luke logged in"); // Redrawn with the search prompt.
    EXPECT_EQ(out.str(), "\r\x1b[Jluke logged in\n\r\x1b[J(reverse-i-search)'W': WHO\r\x1b[23C");
    out.str("");
    console.updateEdit("WHO", 3);
    EXPECT_EQ(out.str(), "\r\x1b[J> WHO\r\x1b[5C");
    // The prompt is made harmless like printed text.
    out.str("");
    console.updateEdit("", 0, std::string("bad\x1b[2J"));
    EXPECT_EQ(out.str(), "\r\x1b[Jbad\xEF\xBF\xBD[2J\r\x1b[7C");
}
