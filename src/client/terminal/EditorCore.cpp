#include "client/terminal/EditorCore.h"

#include "client/terminal/LineRenderer.h"
#include "client/terminal/PastedText.h"
#include "common/Text.h"

namespace toom::client {

EditorCore::EditorCore(History* history, bool secret, Completer* completer)
    : _history(secret ? nullptr : history)
    , _secret(secret)
    , _completer(secret ? nullptr : completer) {
    if (_history)
        _history->beginBrowse();
}

void EditorCore::remember(std::string killed) {
    // A kill that removed nothing keeps the previous text available to yank.
    if (!killed.empty())
        _killed = std::move(killed);
}

EditorCore::View EditorCore::view() const {
    if (!_pasted.empty()) {
        const std::string n = std::to_string(_pasted.size());
        return {"Paste of " + n + " lines: (s)end as " + n + " messages, (o)ne message, (c)ancel ",
                {},
                0};
    }
    if (_search) {
        // The match is shown with the cursor where the query was found, as readline does;
        // before anything matched, the line as it was.
        if (_search->match())
            return {LineRenderer::searchPrompt(_search->query(), _search->failed()),
                    std::string(_search->matchText()), _search->matchOffset()};
        return {LineRenderer::searchPrompt(_search->query(), _search->failed()), _buffer.text(),
                _buffer.cursor()};
    }
    return {std::nullopt, _buffer.text(), _buffer.cursor()};
}

EditorCore::Outcome EditorCore::tell(std::string notice) {
    _notice = std::move(notice);
    return Outcome::Notice;
}

EditorCore::Outcome EditorCore::submit(std::string line) {
    if (_history)
        _history->add(line);
    _submitted = {std::move(line)};
    return Outcome::Submit;
}

EditorCore::Outcome EditorCore::handle(const Key& key) {
    const bool afterTab = _lastKeyWasTab;
    _lastKeyWasTab = false;
    if (!_pasted.empty())
        return pasteKey(key);
    if (_search) {
        if (auto outcome = searchKey(key))
            return *outcome;
    }
    if (key.code == KeyCode::Tab) {
        _lastKeyWasTab = true;
        if (afterTab && _completer) {
            Completion completion = _completer->complete(_buffer.text(), _buffer.cursor());
            if (completion.candidates.size() > 1) {
                _candidates = std::move(completion.candidates);
                return Outcome::ListCandidates;
            }
        }
        return complete();
    }
    return edit(key);
}

std::optional<EditorCore::Outcome> EditorCore::searchKey(const Key& key) {
    switch (key.code) {
    case KeyCode::Text:
        _search->append(key.text);
        return Outcome::Continue;
    case KeyCode::Backspace:
        _search->backspace();
        return Outcome::Continue;
    case KeyCode::SearchBack:
        _search->older(_lastQuery);
        return Outcome::Continue;
    case KeyCode::Escape:
    case KeyCode::Cancel:
    case KeyCode::Interrupt:
        // Back to the line as it was before Ctrl-R.
        _lastQuery = _search->query();
        _search.reset();
        return Outcome::Continue;
    default:
        break;
    }
    // Any other key takes the match: Enter runs it, an editing key edits it.
    _lastQuery = _search->query();
    if (_search->match())
        _buffer.setText(std::string(_search->matchText()));
    _search.reset();
    if (key.code == KeyCode::Enter)
        return submit(_buffer.text());
    return std::nullopt;
}

EditorCore::Outcome EditorCore::pasteKey(const Key& key) {
    std::string answer = key.code == KeyCode::Text ? toLower(key.text) : std::string();
    if (answer == "s") {
        // Each line as if typed after what stands before the cursor and before what stands
        // after it: the draft's command applies to every line.
        const std::string before = _buffer.text().substr(0, _buffer.cursor());
        const std::string after = _buffer.text().substr(_buffer.cursor());
        _submitted.clear();
        for (const auto& line : _pasted) {
            _submitted.push_back(before + line + after);
            if (_history)
                _history->add(_submitted.back());
        }
        _pasted.clear();
        return Outcome::Submit;
    }
    if (answer == "o") {
        _buffer.insert(join(_pasted, " "));
        _pasted.clear();
        return Outcome::Continue;
    }
    const bool cancel = answer == "c" || key.code == KeyCode::Escape ||
                        key.code == KeyCode::Cancel || key.code == KeyCode::Interrupt ||
                        key.code == KeyCode::EndOfInput;
    if (!cancel)
        return Outcome::Continue; // Only an answer ends the question.
    const std::size_t lines = _pasted.size();
    _pasted.clear();
    return tell("Paste of " + std::to_string(lines) + " lines cancelled: nothing was sent.");
}

EditorCore::Outcome EditorCore::paste(const Key& key) {
    if (key.truncated) {
        return tell("The paste is longer than " +
                    std::to_string(KeyDecoder::kMaxPasteBytes / 1024) +
                    " KiB: nothing was pasted.");
    }
    std::vector<std::string> lines = pastedLines(key.text);
    if (lines.empty())
        return Outcome::Continue;
    if (lines.size() == 1) {
        _buffer.insert(lines.front()); // Never sent on its own: Enter still does that.
        return Outcome::Continue;
    }
    if (_secret)
        return tell("A paste of several lines is not taken as a password: nothing was pasted.");
    if (lines.size() > kMaxPastedLines) {
        return tell("The paste has " + std::to_string(lines.size()) + " lines, more than " +
                    std::to_string(kMaxPastedLines) + ": nothing was pasted.");
    }
    _pasted = std::move(lines);
    return Outcome::Continue;
}

EditorCore::Outcome EditorCore::complete() {
    if (!_completer)
        return Outcome::Continue;
    Completion completion = _completer->complete(_buffer.text(), _buffer.cursor());
    if (completion.candidates.empty() || completion.from > _buffer.cursor())
        return Outcome::Continue;
    const std::string typed =
        _buffer.text().substr(completion.from, _buffer.cursor() - completion.from);
    if (completion.candidates.size() == 1) {
        _buffer.replaceBeforeCursor(completion.from,
                                    completion.candidates.front() + completion.suffix);
        _lastKeyWasTab = false;
        return Outcome::Continue;
    }
    const std::string grown = commonCompletion(typed, completion.candidates);
    if (grown != typed)
        _buffer.replaceBeforeCursor(completion.from, grown);
    return Outcome::Continue;
}

EditorCore::Outcome EditorCore::edit(const Key& key) {
    switch (key.code) {
    case KeyCode::Text:
        _buffer.insert(key.text);
        break;
    case KeyCode::Enter:
        return submit(_buffer.text());
    case KeyCode::Backspace:
        _buffer.backspace();
        break;
    case KeyCode::Delete:
        _buffer.deleteForward();
        break;
    case KeyCode::Left:
        _buffer.moveLeft();
        break;
    case KeyCode::Right:
        _buffer.moveRight();
        break;
    case KeyCode::Home:
        _buffer.moveHome();
        break;
    case KeyCode::End:
        _buffer.moveEnd();
        break;
    case KeyCode::WordLeft:
        _buffer.moveWordLeft();
        break;
    case KeyCode::WordRight:
        _buffer.moveWordRight();
        break;
    case KeyCode::Up:
        if (_history) {
            if (auto line = _history->previous(_buffer.text()))
                _buffer.setText(std::move(*line));
        }
        break;
    case KeyCode::Down:
        if (_history) {
            if (auto line = _history->next(_buffer.text()))
                _buffer.setText(std::move(*line));
        }
        break;
    case KeyCode::Interrupt:
        // Ctrl-C abandons the line being typed; on an empty line it leaves the client, which
        // is what a user pressing Ctrl-C twice expects.
        if (_buffer.empty())
            return Outcome::Quit;
        _buffer.clear();
        break;
    case KeyCode::EndOfInput:
        if (_buffer.empty())
            return Outcome::EndOfInput;
        _buffer.deleteForward();
        break;
    case KeyCode::KillToStart:
        remember(_buffer.killToStart());
        break;
    case KeyCode::KillToEnd:
        remember(_buffer.killToEnd());
        break;
    case KeyCode::KillWord:
        remember(_buffer.killWordBefore());
        break;
    case KeyCode::Yank:
        _buffer.insert(_killed);
        break;
    case KeyCode::ClearScreen:
        return Outcome::ClearScreen;
    case KeyCode::SearchBack:
        if (_history)
            _search.emplace(*_history);
        break;
    case KeyCode::Paste:
        return paste(key);
    case KeyCode::Tab:
    case KeyCode::Cancel:
    case KeyCode::Escape:
        break;
    }
    return Outcome::Continue;
}

} // namespace toom::client
