#include "client/terminal/EditBuffer.h"

#include "client/terminal/TextWidth.h"

namespace toom::client {

namespace {
// Words are separated by white space only, as in a shell: "@yoda," is one word.
bool isSpace(char c) {
    return c == ' ' || c == '\t';
}
} // namespace

void EditBuffer::insert(std::string_view bytes) {
    _text.insert(_cursor, bytes);
    _cursor += bytes.size();
}

void EditBuffer::setText(std::string text) {
    _text = std::move(text);
    _cursor = _text.size();
}

void EditBuffer::clear() {
    _text.clear();
    _cursor = 0;
}

void EditBuffer::replaceBeforeCursor(std::size_t from, std::string_view replacement) {
    if (from > _cursor)
        from = _cursor;
    _text.replace(from, _cursor - from, replacement);
    _cursor = from + replacement.size();
}

bool EditBuffer::moveLeft() {
    if (_cursor == 0)
        return false;
    _cursor = previousCharacter(_text, _cursor);
    return true;
}

bool EditBuffer::moveRight() {
    if (_cursor >= _text.size())
        return false;
    _cursor = nextCharacter(_text, _cursor);
    return true;
}

std::size_t EditBuffer::wordStartBefore(std::size_t pos) const {
    // Every byte of a multi-byte character is >= 0x80, never a space, so scanning bytes stops
    // on a character boundary.
    while (pos > 0 && isSpace(_text[pos - 1]))
        --pos;
    while (pos > 0 && !isSpace(_text[pos - 1]))
        --pos;
    return pos;
}

void EditBuffer::moveWordLeft() {
    _cursor = wordStartBefore(_cursor);
}

void EditBuffer::moveWordRight() {
    std::size_t pos = _cursor;
    while (pos < _text.size() && isSpace(_text[pos]))
        ++pos;
    while (pos < _text.size() && !isSpace(_text[pos]))
        ++pos;
    _cursor = pos;
}

bool EditBuffer::backspace() {
    if (_cursor == 0)
        return false;
    std::size_t start = previousCharacter(_text, _cursor);
    _text.erase(start, _cursor - start);
    _cursor = start;
    return true;
}

bool EditBuffer::deleteForward() {
    if (_cursor >= _text.size())
        return false;
    std::size_t end = nextCharacter(_text, _cursor);
    _text.erase(_cursor, end - _cursor);
    return true;
}

std::string EditBuffer::killToStart() {
    std::string killed = _text.substr(0, _cursor);
    _text.erase(0, _cursor);
    _cursor = 0;
    return killed;
}

std::string EditBuffer::killToEnd() {
    std::string killed = _text.substr(_cursor);
    _text.erase(_cursor);
    return killed;
}

std::string EditBuffer::killWordBefore() {
    std::size_t start = wordStartBefore(_cursor);
    std::string killed = _text.substr(start, _cursor - start);
    _text.erase(start, _cursor - start);
    _cursor = start;
    return killed;
}

} // namespace toom::client
