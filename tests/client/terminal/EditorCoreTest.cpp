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

namespace {
using Outcome = EditorCore::Outcome;

Key pasteOf(std::string bytes) {
    return Key{KeyCode::Paste, std::move(bytes)};
}

History historyOf(std::initializer_list<const char*> lines) {
    History history;
    for (const char* line : lines)
        history.add(line);
    return history;
}

/// Completes from a fixed list of words, the word being what follows the last space.
class ListCompleter : public Completer {
public:
    explicit ListCompleter(std::vector<std::string> words)
        : _words(std::move(words)) {}
    Completion complete(std::string_view line, std::size_t cursor) override {
        ++calls;
        const std::string_view before = line.substr(0, cursor);
        const std::size_t space = before.rfind(' ');
        Completion completion;
        completion.from = space == std::string_view::npos ? 0 : space + 1;
        for (const auto& word : _words) {
            if (startsWithIgnoringCase(word, before.substr(completion.from)))
                completion.candidates.push_back(word);
        }
        return completion;
    }
    int calls = 0;

private:
    std::vector<std::string> _words;
};
} // namespace

TEST(EditorCoreTest, CtrlRFindsALineAndEnterRunsIt) {
    History history = historyOf({"/query obiwan", "WHO", "POST hello"});
    EditorCore core(&history);
    type(core, "draft");
    core.handle(k(KeyCode::SearchBack));
    EXPECT_TRUE(core.searching());
    type(core, "que");
    EditorCore::View view = core.view();
    EXPECT_EQ(view.prompt, "(reverse-i-search)'que': ");
    EXPECT_EQ(view.text, "/query obiwan");
    EXPECT_EQ(view.cursor, 1u);
    EXPECT_EQ(core.handle(k(KeyCode::Enter)), Outcome::Submit);
    EXPECT_EQ(core.submitted(), std::vector<std::string>{"/query obiwan"});
    EXPECT_EQ(history.entry(history.size() - 1), "/query obiwan");
}

TEST(EditorCoreTest, EscapeOrCtrlGCancelsTheSearchAndRestoresTheDraft) {
    History history = historyOf({"/query obiwan"});
    for (KeyCode cancel : {KeyCode::Escape, KeyCode::Cancel, KeyCode::Interrupt}) {
        EditorCore core(&history);
        type(core, "my draft");
        core.handle(k(KeyCode::SearchBack));
        type(core, "obi");
        EXPECT_EQ(core.handle(k(cancel)), Outcome::Continue);
        EXPECT_FALSE(core.searching());
        EXPECT_EQ(core.view().prompt, std::nullopt);
        EXPECT_EQ(core.buffer().text(), "my draft");
    }
}

TEST(EditorCoreTest, AnEditingKeyKeepsTheMatchOnTheLineToEdit) {
    History history = historyOf({"PM hans hello", "WHO"});
    EditorCore core(&history);
    core.handle(k(KeyCode::SearchBack));
    type(core, "hans");
    core.handle(k(KeyCode::SearchBack)); // No older match: failing, the match stays.
    EXPECT_EQ(core.view().prompt, "(failed reverse-i-search)'hans': ");
    EXPECT_EQ(core.handle(k(KeyCode::End)), Outcome::Continue);
    EXPECT_FALSE(core.searching());
    type(core, " there");
    EXPECT_EQ(core.buffer().text(), "PM hans hello there");
}

TEST(EditorCoreTest, ASearchOfASecretLineDoesNothing) {
    History history = historyOf({"WHO"});
    EditorCore core(&history, true);
    core.handle(k(KeyCode::SearchBack));
    EXPECT_FALSE(core.searching());
}

TEST(EditorCoreTest, AOneLinePasteIsInsertedAndNotSent) {
    EditorCore core(nullptr);
    type(core, "PM obiwan ");
    EXPECT_EQ(core.handle(pasteOf("hello there\r\n")), Outcome::Continue);
    EXPECT_EQ(core.buffer().text(), "PM obiwan hello there");
    EXPECT_FALSE(core.askingAboutPaste());
}

TEST(EditorCoreTest, AMultiLinePasteAsksAndCancelSendsNothing) {
    History history;
    EditorCore core(&history);
    type(core, "draft");
    EXPECT_EQ(core.handle(pasteOf("one\rtwo\rMSG three\r")), Outcome::Continue);
    ASSERT_TRUE(core.askingAboutPaste());
    EXPECT_EQ(core.view().prompt,
              "Paste of 3 lines: (s)end as 3 messages, (o)ne message, (c)ancel ");
    // Anything but an answer is ignored, Enter included.
    EXPECT_EQ(core.handle(k(KeyCode::Enter)), Outcome::Continue);
    EXPECT_EQ(core.handle(text("x")), Outcome::Continue);
    EXPECT_TRUE(core.askingAboutPaste());
    EXPECT_EQ(core.handle(text("c")), Outcome::Notice);
    EXPECT_EQ(core.notice(), "Paste of 3 lines cancelled: nothing was sent.");
    EXPECT_FALSE(core.askingAboutPaste());
    EXPECT_EQ(core.buffer().text(), "draft");
    EXPECT_EQ(history.size(), 0u);
}

TEST(EditorCoreTest, SendingAPasteAsSeveralLinesPutsTheDraftAroundEachLine) {
    History history;
    EditorCore core(&history);
    type(core, "PM obiwan ");
    core.handle(pasteOf("first\nsecond\n"));
    EXPECT_EQ(core.handle(text("S")), Outcome::Submit);
    EXPECT_EQ(core.submitted(), (std::vector<std::string>{"PM obiwan first", "PM obiwan second"}));
    EXPECT_EQ(history.size(), 2u);
}

TEST(EditorCoreTest, OneMessageJoinsThePasteIntoTheLineToSendWithEnter) {
    EditorCore core(nullptr);
    type(core, "POST ");
    core.handle(pasteOf("a\nb\nc"));
    EXPECT_EQ(core.handle(text("o")), Outcome::Continue);
    EXPECT_EQ(core.buffer().text(), "POST a b c");
    EXPECT_EQ(core.handle(k(KeyCode::Enter)), Outcome::Submit);
    EXPECT_EQ(core.submitted(), std::vector<std::string>{"POST a b c"});
}

TEST(EditorCoreTest, TooBigAPasteAndAPasteOfLinesIntoAPasswordAreRefused) {
    EditorCore core(nullptr);
    Key huge = pasteOf("x");
    huge.truncated = true;
    EXPECT_EQ(core.handle(huge), Outcome::Notice);
    std::string many;
    for (std::size_t i = 0; i <= EditorCore::kMaxPastedLines; ++i)
        many += "line\n";
    EXPECT_EQ(core.handle(pasteOf(many)), Outcome::Notice);
    EXPECT_FALSE(core.askingAboutPaste());
    EXPECT_TRUE(core.buffer().empty());

    EditorCore secret(nullptr, true);
    EXPECT_EQ(secret.handle(pasteOf("pass\nword\n")), Outcome::Notice);
    EXPECT_EQ(secret.handle(pasteOf("s3cret\n")), Outcome::Continue);
    EXPECT_EQ(secret.buffer().text(), "s3cret");
}

TEST(EditorCoreTest, TabCompletesTheCommonStartThenListsOnTheSecondTab) {
    ListCompleter completer({"WHO", "whoelse", "whoelsesince", "POST"});
    EditorCore core(nullptr, false, &completer);
    type(core, "wh");
    EXPECT_EQ(core.handle(k(KeyCode::Tab)), Outcome::Continue);
    EXPECT_EQ(core.buffer().text(), "who");
    EXPECT_EQ(core.handle(k(KeyCode::Tab)), Outcome::ListCandidates);
    EXPECT_EQ(core.candidates(), (std::vector<std::string>{"WHO", "whoelse", "whoelsesince"}));
    type(core, "elses");
    EXPECT_EQ(core.handle(k(KeyCode::Tab)), Outcome::Continue);
    EXPECT_EQ(core.buffer().text(), "whoelsesince ");
}

TEST(EditorCoreTest, TabWithoutACompleterOrOnASecretLineDoesNothing) {
    EditorCore plain(nullptr);
    type(plain, "wh");
    plain.handle(k(KeyCode::Tab));
    EXPECT_EQ(plain.buffer().text(), "wh");
    ListCompleter completer({"whoever"});
    EditorCore secret(nullptr, true, &completer);
    type(secret, "wh");
    secret.handle(k(KeyCode::Tab));
    EXPECT_EQ(secret.buffer().text(), "wh");
    EXPECT_EQ(completer.calls, 0);
}

TEST(EditorCoreTest, AKeyBetweenTwoTabsMakesTheSecondAFirstAgain) {
    ListCompleter completer({"obiwan", "obelix"});
    EditorCore core(nullptr, false, &completer);
    type(core, "PM o");
    core.handle(k(KeyCode::Tab));
    EXPECT_EQ(core.buffer().text(), "PM ob");
    type(core, "x");
    core.handle(k(KeyCode::Backspace));
    EXPECT_EQ(core.handle(k(KeyCode::Tab)), Outcome::Continue);
    EXPECT_EQ(core.handle(k(KeyCode::Tab)), Outcome::ListCandidates);
}
