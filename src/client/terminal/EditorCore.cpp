#include "client/terminal/EditorCore.h"

namespace toom::client {

EditorCore::EditorCore(History* history, bool secret)
    : _history(secret ? nullptr : history)
    , _secret(secret) {
    if (_history)
        _history->beginBrowse();
}

void EditorCore::remember(std::string killed) {
    // A kill that removed nothing keeps the previous text available to yank.
    if (!killed.empty())
        _killed = std::move(killed);
}

EditorCore::Outcome EditorCore::handle(const Key& key) {
    switch (key.code) {
    case KeyCode::Text:
        _buffer.insert(key.text);
        break;
    case KeyCode::Enter:
        if (_history && !_secret)
            _history->add(_buffer.text());
        return Outcome::Submit;
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
    }
    return Outcome::Continue;
}

} // namespace toom::client
