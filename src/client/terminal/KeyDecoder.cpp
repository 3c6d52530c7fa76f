#include "client/terminal/KeyDecoder.h"

namespace toom::client {

namespace {
void emit(std::vector<Key>& out, KeyCode code) {
    out.push_back(Key{code, {}});
}

// What the terminal sends after a paste; ESC [200~ came before it.
constexpr std::string_view kPasteEnd = "\x1b[201~";
} // namespace

void KeyDecoder::reset() {
    _state = State::Ground;
    _params.clear();
    _utf8.clear();
    _utf8Need = 0;
    _paste.clear();
    _pasteTruncated = false;
    _endMatched = 0;
}

void KeyDecoder::timeOut(std::vector<Key>& out) {
    if (_state == State::Escape)
        emit(out, KeyCode::Escape);
    if (_state == State::Paste) {
        // The end marker never came (a terminal that lost it): what was pasted is still a
        // paste, not typing.
        keepPasted(kPasteEnd.substr(0, _endMatched));
        endPaste(out);
    }
    reset();
}

void KeyDecoder::keepPasted(std::string_view bytes) {
    for (char c : bytes) {
        if (_paste.size() < kMaxPasteBytes)
            _paste += c;
        else
            _pasteTruncated = true;
    }
}

void KeyDecoder::endPaste(std::vector<Key>& out) {
    Key key{KeyCode::Paste, std::move(_paste)};
    key.truncated = _pasteTruncated;
    out.push_back(std::move(key));
    _paste.clear();
    _pasteTruncated = false;
    _endMatched = 0;
    _state = State::Ground;
}

void KeyDecoder::pasted(unsigned char byte, std::vector<Key>& out) {
    const char c = static_cast<char>(byte);
    if (c == kPasteEnd[_endMatched]) {
        if (++_endMatched == kPasteEnd.size())
            endPaste(out);
        return;
    }
    // Not the end after all: the bytes that looked like it were pasted text. The marker has
    // one ESC, at its start, so a mismatching byte can only begin a new marker if it is ESC.
    keepPasted(kPasteEnd.substr(0, _endMatched));
    _endMatched = 0;
    if (c == kPasteEnd[0])
        _endMatched = 1;
    else
        keepPasted(std::string_view(&c, 1));
}

void KeyDecoder::feed(std::string_view bytes, std::vector<Key>& out) {
    for (char c : bytes) {
        auto byte = static_cast<unsigned char>(c);
        switch (_state) {
        case State::Ground:
            ground(byte, out);
            break;
        case State::Escape:
            _state = State::Ground;
            if (byte == '[') {
                _state = State::Csi;
                _params.clear();
            } else if (byte == 'O') {
                _state = State::Ss3;
            } else if (byte == 'b' || byte == 'B') {
                emit(out, KeyCode::WordLeft);
            } else if (byte == 'f' || byte == 'F') {
                emit(out, KeyCode::WordRight);
            } else if (byte == 0x7F || byte == 0x08) {
                emit(out, KeyCode::KillWord);
            } else if (byte == 0x1B) {
                emit(out, KeyCode::Escape); // ESC ESC: the first was a lone Escape press.
                _state = State::Escape;
            }
            break;
        case State::Csi:
            if (byte >= 0x20 && byte <= 0x3F) {
                // Parameters and intermediates; bounded so garbage cannot grow it.
                if (_params.size() < 16)
                    _params += static_cast<char>(byte);
            } else {
                _state = State::Ground;
                if (byte >= 0x40 && byte <= 0x7E)
                    finishCsi(static_cast<char>(byte), out);
            }
            break;
        case State::Ss3:
            _state = State::Ground;
            finishSs3(static_cast<char>(byte), out);
            break;
        case State::Paste:
            pasted(byte, out);
            break;
        }
    }
}

void KeyDecoder::ground(unsigned char byte, std::vector<Key>& out) {
    bool afterCr = _afterCr;
    _afterCr = false;
    if (!_utf8.empty()) {
        if ((byte & 0xC0) == 0x80) {
            _utf8 += static_cast<char>(byte);
            if (_utf8.size() == _utf8Need) {
                out.push_back(Key{KeyCode::Text, std::move(_utf8)});
                _utf8.clear();
            }
            return;
        }
        _utf8.clear(); // Truncated character: drop it and decode this byte afresh.
    }
    if (byte >= 0x80) {
        if ((byte & 0xE0) == 0xC0)
            _utf8Need = 2;
        else if ((byte & 0xF0) == 0xE0)
            _utf8Need = 3;
        else if ((byte & 0xF8) == 0xF0)
            _utf8Need = 4;
        else
            return; // A stray continuation byte or an invalid lead byte.
        _utf8 += static_cast<char>(byte);
        return;
    }
    if (byte >= 0x20 && byte < 0x7F) {
        out.push_back(Key{KeyCode::Text, std::string(1, static_cast<char>(byte))});
        return;
    }
    switch (byte) {
    case 0x01:
        return emit(out, KeyCode::Home);
    case 0x02:
        return emit(out, KeyCode::Left);
    case 0x03:
        return emit(out, KeyCode::Interrupt);
    case 0x04:
        return emit(out, KeyCode::EndOfInput);
    case 0x05:
        return emit(out, KeyCode::End);
    case 0x06:
        return emit(out, KeyCode::Right);
    case 0x07:
        return emit(out, KeyCode::Cancel);
    case 0x09:
        return emit(out, KeyCode::Tab);
    case 0x08:
    case 0x7F:
        return emit(out, KeyCode::Backspace);
    case 0x0B:
        return emit(out, KeyCode::KillToEnd);
    case 0x0C:
        return emit(out, KeyCode::ClearScreen);
    case '\r':
        _afterCr = true;
        return emit(out, KeyCode::Enter);
    case '\n':
        if (!afterCr)
            emit(out, KeyCode::Enter);
        return;
    case 0x0E:
        return emit(out, KeyCode::Down);
    case 0x10:
        return emit(out, KeyCode::Up);
    case 0x12:
        return emit(out, KeyCode::SearchBack);
    case 0x15:
        return emit(out, KeyCode::KillToStart);
    case 0x17:
        return emit(out, KeyCode::KillWord);
    case 0x19:
        return emit(out, KeyCode::Yank);
    case 0x1B:
        _state = State::Escape;
        return;
    default:
        return; // Other controls are ignored: the wire text must not carry them.
    }
}

void KeyDecoder::finishCsi(char final, std::vector<Key>& out) {
    // Modified arrows arrive as "1;5C" (Ctrl) or "1;3C" (Alt): both move by words.
    bool modified = _params.find(';') != std::string::npos;
    switch (final) {
    case 'A':
        return emit(out, KeyCode::Up);
    case 'B':
        return emit(out, KeyCode::Down);
    case 'C':
        return emit(out, modified ? KeyCode::WordRight : KeyCode::Right);
    case 'D':
        return emit(out, modified ? KeyCode::WordLeft : KeyCode::Left);
    case 'H':
        return emit(out, KeyCode::Home);
    case 'F':
        return emit(out, KeyCode::End);
    case '~':
        if (_params == "1" || _params == "7")
            return emit(out, KeyCode::Home);
        if (_params == "4" || _params == "8")
            return emit(out, KeyCode::End);
        if (_params == "3")
            return emit(out, KeyCode::Delete);
        if (_params == "200") {
            _state = State::Paste;
            _paste.clear();
            _pasteTruncated = false;
            _endMatched = 0;
        }
        // A stray ESC [201~ (no paste under way) means nothing.
        return;
    default:
        return;
    }
}

void KeyDecoder::finishSs3(char final, std::vector<Key>& out) {
    switch (final) {
    case 'A':
        return emit(out, KeyCode::Up);
    case 'B':
        return emit(out, KeyCode::Down);
    case 'C':
        return emit(out, KeyCode::Right);
    case 'D':
        return emit(out, KeyCode::Left);
    case 'H':
        return emit(out, KeyCode::Home);
    case 'F':
        return emit(out, KeyCode::End);
    default:
        return;
    }
}

} // namespace toom::client
