#include "client/terminal/EditorCore.h"

#include "support/Typing.h"

#include <gtest/gtest.h>

using namespace toom::client;

namespace {
using toom::test::k;
using toom::test::text;

void type(EditorCore& core, std::string_view s) {
    for (char c : s)
        core.handle(text(std::string(1, c)));
}
} // namespace

TEST(EditorCoreTest, TypingAndSubmitting) {
    History history;
    EditorCore core(&history);
    type(core, "ATU");
    EXPECT_EQ(core.handle(k(KeyCode::Enter)), EditorCore::Outcome::Submit);
    EXPECT_EQ(core.buffer().text(), "ATU");
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history.entry(0), "ATU");
}

TEST(EditorCoreTest, EditingKeys) {
    EditorCore core(nullptr);
    type(core, "MSG helo");
    core.handle(k(KeyCode::Left));
    core.handle(text("l"));
    EXPECT_EQ(core.buffer().text(), "MSG hello");
    core.handle(k(KeyCode::Home));
    core.handle(k(KeyCode::Delete));
    EXPECT_EQ(core.buffer().text(), "SG hello");
    core.handle(k(KeyCode::End));
    core.handle(k(KeyCode::Backspace));
    EXPECT_EQ(core.buffer().text(), "SG hell");
}

TEST(EditorCoreTest, KillAndYank) {
    EditorCore core(nullptr);
    type(core, "message yoda hi");
    core.handle(k(KeyCode::KillWord));
    EXPECT_EQ(core.buffer().text(), "message yoda ");
    core.handle(k(KeyCode::KillToStart));
    EXPECT_EQ(core.buffer().text(), "");
    core.handle(k(KeyCode::Yank));
    EXPECT_EQ(core.buffer().text(), "message yoda ");
    core.handle(k(KeyCode::Home));
    core.handle(k(KeyCode::KillToEnd));
    EXPECT_EQ(core.buffer().text(), "");
}

TEST(EditorCoreTest, CtrlCClearsTheLineThenQuits) {
    EditorCore core(nullptr);
    type(core, "half typed");
    EXPECT_EQ(core.handle(k(KeyCode::Interrupt)), EditorCore::Outcome::Continue);
    EXPECT_TRUE(core.buffer().empty());
    EXPECT_EQ(core.handle(k(KeyCode::Interrupt)), EditorCore::Outcome::Quit);
}

TEST(EditorCoreTest, CtrlDDeletesOrEndsInput) {
    EditorCore core(nullptr);
    type(core, "ab");
    core.handle(k(KeyCode::Home));
    EXPECT_EQ(core.handle(k(KeyCode::EndOfInput)), EditorCore::Outcome::Continue);
    EXPECT_EQ(core.buffer().text(), "b");
    core.handle(k(KeyCode::Delete));
    EXPECT_EQ(core.handle(k(KeyCode::EndOfInput)), EditorCore::Outcome::EndOfInput);
}

TEST(EditorCoreTest, HistoryNavigationKeepsTheDraft) {
    History history;
    history.add("ATU");
    history.add("MSG hi");
    EditorCore core(&history);
    type(core, "dra");
    core.handle(k(KeyCode::Up));
    EXPECT_EQ(core.buffer().text(), "MSG hi");
    EXPECT_EQ(core.buffer().cursor(), 6u);
    core.handle(k(KeyCode::Up));
    EXPECT_EQ(core.buffer().text(), "ATU");
    core.handle(k(KeyCode::Up));
    EXPECT_EQ(core.buffer().text(), "ATU");
    core.handle(k(KeyCode::Down));
    core.handle(k(KeyCode::Down));
    EXPECT_EQ(core.buffer().text(), "dra");
}

TEST(EditorCoreTest, SecretLinesAreNeitherRecordedNorRecalled) {
    History history;
    history.add("ATU");
    EditorCore core(&history, true);
    core.handle(k(KeyCode::Up));
    EXPECT_TRUE(core.buffer().empty());
    type(core, "wise@!man");
    EXPECT_EQ(core.handle(k(KeyCode::Enter)), EditorCore::Outcome::Submit);
    EXPECT_EQ(history.size(), 1u);
}

TEST(EditorCoreTest, ClearScreenIsReported) {
    EditorCore core(nullptr);
    EXPECT_EQ(core.handle(k(KeyCode::ClearScreen)), EditorCore::Outcome::ClearScreen);
}

TEST(EditorCoreTest, MultiByteEditing) {
    EditorCore core(nullptr);
    core.handle(text("\xC3\xA9"));
    core.handle(text("t"));
    core.handle(text("\xC3\xA9"));
    core.handle(k(KeyCode::Left));
    core.handle(k(KeyCode::Left));
    core.handle(k(KeyCode::Backspace));
    EXPECT_EQ(core.buffer().text(), "t\xC3\xA9");
    EXPECT_EQ(core.buffer().cursor(), 0u);
}
