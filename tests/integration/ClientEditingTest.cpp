// toom-client's edit line on a real pseudo-terminal: the history kept between runs (and never
// the password), Ctrl-R, bracketed paste asking before it sends, and Tab completion.

#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace toom::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kPasteStart = "\x1b[200~";
constexpr const char* kPasteEnd = "\x1b[201~";

/// yoda logged in on a terminal in `dir`.
std::unique_ptr<TerminalProcess> yodaOnATerminal(const TestServer& server, const TempDir& dir) {
    auto yoda = std::make_unique<TerminalProcess>(
        TOOM_CLIENT_BINARY, std::vector<std::string>{"127.0.0.1", std::to_string(server.port())},
        dir.path());
    EXPECT_TRUE(yoda->waitFor("Username: ")) << yoda->output();
    yoda->type("yoda\r");
    EXPECT_TRUE(yoda->waitFor("Password: ")) << yoda->output();
    yoda->type("wise@!man\r");
    EXPECT_TRUE(yoda->waitFor("Welcome to Toom!")) << yoda->output();
    return yoda;
}

std::string fileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

TEST(ClientEditing, TheHistorySurvivesARestartWithoutThePasswordAndCtrlRFindsALine) {
    TestServer server;
    TempDir dir;
    const std::string historyPath = dir.path() + "/state/toom/history";
    {
        auto yoda = yodaOnATerminal(server, dir);
        yoda->type("WHO\r");
        ASSERT_TRUE(yoda->waitFor("no other active user")) << yoda->output();
        yoda->type("HELP POST\r");
        ASSERT_TRUE(yoda->waitFor("post a message")) << yoda->output();
        yoda->type("OUT\r");
        EXPECT_EQ(yoda->waitExit(), 0) << yoda->output();
        // Bracketed paste was on while the client ran, and is off again after it.
        EXPECT_THAT(yoda->output(), HasSubstr("\x1b[?2004h"));
        EXPECT_THAT(yoda->output().substr(yoda->output().rfind("\x1b[?2004h")),
                    HasSubstr("\x1b[?2004l"));
    }
    EXPECT_EQ(fileText(historyPath), "WHO\nHELP POST\nOUT\n");
    struct stat info {};
    ASSERT_EQ(::stat(historyPath.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    auto yoda = yodaOnATerminal(server, dir);
    yoda->type("\x12WH"); // Ctrl-R, then what is sought.
    ASSERT_TRUE(yoda->waitFor("(reverse-i-search)'WH': WHO")) << yoda->output();
    yoda->type("\r");
    ASSERT_TRUE(yoda->waitFor("no other active user")) << yoda->output();
    yoda->type("\x1b[A"); // Up: the line just run, found by the search.
    ASSERT_TRUE(yoda->waitFor("> WHO")) << yoda->output();
    yoda->type("\x15OUT\r"); // Ctrl-U clears it.
    EXPECT_EQ(yoda->waitExit(), 0) << yoda->output();
    const std::string kept = fileText(historyPath);
    EXPECT_THAT(kept, Not(HasSubstr("wise@!man")));
    EXPECT_THAT(kept, Not(HasSubstr("yoda")));
    EXPECT_THAT(kept, HasSubstr("WHO\nOUT\n"));
}

TEST(ClientEditing, NoHistoryKeepsNoFile) {
    TestServer server;
    TempDir dir;
    TerminalProcess yoda(TOOM_CLIENT_BINARY,
                         {"--no-history", "127.0.0.1", std::to_string(server.port())}, dir.path());
    ASSERT_TRUE(yoda.waitFor("Username: ")) << yoda.output();
    yoda.type("yoda\r");
    ASSERT_TRUE(yoda.waitFor("Password: ")) << yoda.output();
    yoda.type("wise@!man\r");
    ASSERT_TRUE(yoda.waitFor("Welcome to Toom!")) << yoda.output();
    yoda.type("OUT\r");
    EXPECT_EQ(yoda.waitExit(), 0) << yoda.output();
    struct stat info {};
    EXPECT_NE(::stat((dir.path() + "/state/toom/history").c_str(), &info), 0);
}

// Killed while editing, the client still gives the terminal back as it found it: bracketed
// paste off (the shell would otherwise see every paste wrapped), and it dies of the signal.
TEST(ClientEditing, ASignalTurnsBracketedPasteOffOnTheWayOut) {
    TestServer server;
    TempDir dir;
    auto yoda = yodaOnATerminal(server, dir);
    yoda->type("half typed");
    ASSERT_TRUE(yoda->waitFor("> half typed")) << yoda->output();
    const std::size_t before = yoda->output().size();
    yoda->signal(SIGTERM);
    EXPECT_EQ(yoda->waitExit(), 128 + SIGTERM) << yoda->output();
    EXPECT_THAT(yoda->output().substr(before), HasSubstr("\x1b[?2004l")) << yoda->output();
}

TEST(ClientEditing, AThreeLinePasteAsksAndCancelSendsNothing) {
    TestServer server;
    TempDir dir;
    auto yoda = yodaOnATerminal(server, dir);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    yoda->type(std::string(kPasteStart) + "one\rtwo\rMSG three\r" + kPasteEnd);
    ASSERT_TRUE(yoda->waitFor("Paste of 3 lines: (s)end as 3 messages, (o)ne message, (c)ancel"))
        << yoda->output();
    yoda->type("c");
    ASSERT_TRUE(yoda->waitFor("Paste of 3 lines cancelled: nothing was sent.")) << yoda->output();
    // A round trip: had "MSG three" gone out, this post would not be the board's first.
    yoda->type("MSG after the paste\r");
    auto board = obiwan.waitEvent("BOARD");
    ASSERT_TRUE(board);
    EXPECT_EQ(board->field("n"), "1");
    EXPECT_EQ(board->field("text"), "after the paste");
    yoda->type("OUT\r");
    EXPECT_EQ(yoda->waitExit(), 0) << yoda->output();
}

TEST(ClientEditing, APasteSentAsSeveralLinesKeepsTheDraftsCommandForEach) {
    TestServer server;
    TempDir dir;
    auto yoda = yodaOnATerminal(server, dir);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    yoda->type(std::string("PM obiwan ") + kPasteStart + "first\r\nsecond\r\n" + kPasteEnd);
    ASSERT_TRUE(yoda->waitFor("Paste of 2 lines")) << yoda->output();
    yoda->type("s");
    for (const char* expected : {"first", "second"}) {
        auto message = obiwan.waitEvent("MESSAGE");
        ASSERT_TRUE(message) << yoda->output();
        EXPECT_EQ(message->field("text"), expected);
    }
    // A one-line paste stays on the edit line: what is typed after it joins it.
    yoda->type(std::string("PM obiwan ") + kPasteStart + "third\r" + kPasteEnd);
    ASSERT_TRUE(yoda->waitFor("> PM obiwan third")) << yoda->output();
    yoda->type(" and more\r");
    auto third = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(third);
    EXPECT_EQ(third->field("text"), "third and more");
    yoda->type("OUT\r");
    EXPECT_EQ(yoda->waitExit(), 0) << yoda->output();
}

TEST(ClientEditing, TabCompletesACommandAndAUserAndTheSecondTabLists) {
    TestServer server;
    TempDir dir;
    auto yoda = yodaOnATerminal(server, dir);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    yoda->type("/msgt\t");
    ASSERT_TRUE(yoda->waitFor("> /msgto ")) << yoda->output();
    yoda->type("ob\t");
    ASSERT_TRUE(yoda->waitFor("> /msgto obiwan ")) << yoda->output();
    yoda->type("completed\r");
    auto message = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(message) << yoda->output();
    EXPECT_EQ(message->field("text"), "completed");

    yoda->type("wh\t");
    ASSERT_TRUE(yoda->waitFor("> who")) << yoda->output();
    yoda->type("\t");
    ASSERT_TRUE(yoda->waitFor("WHO")) << yoda->output();
    ASSERT_TRUE(yoda->waitFor("whoelsesince")) << yoda->output();
    yoda->type("\x15OUT\r");
    EXPECT_EQ(yoda->waitExit(), 0) << yoda->output();
}

TEST(ClientEditing, TabCompletesAGroupLearntFromAnInvitation) {
    TestServer server;
    TempDir dir;
    auto yoda = yodaOnATerminal(server, dir);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    ASSERT_TRUE(obiwan.request("CREATEGROUP jedi yoda").ok());
    ASSERT_TRUE(yoda->waitFor("invited you to the group #jedi")) << yoda->output();
    yoda->type("/join je\t");
    ASSERT_TRUE(yoda->waitFor("> /join jedi ")) << yoda->output();
    yoda->type("\r");
    ASSERT_TRUE(yoda->waitFor("Joined")) << yoda->output();
    yoda->type("OUT\r");
    EXPECT_EQ(yoda->waitExit(), 0) << yoda->output();
}

} // namespace
} // namespace toom::test
