#pragma once
// The text being edited on the command line and the cursor in it, with the editing operations
// the line editor binds to keys. Pure: no terminal, so every operation is unit-tested.

#include <cstddef>
#include <string>
#include <string_view>

namespace toom::client {

/// A UTF-8 line with a cursor that always sits on a character boundary.
class EditBuffer {
public:
    /// The whole line.
    const std::string& text() const { return _text; }

    /// Cursor position as a byte offset into text() (0 = before the first character).
    std::size_t cursor() const { return _cursor; }

    /// True when the line is empty.
    bool empty() const { return _text.empty(); }

    /// Inserts `bytes` at the cursor and moves the cursor after them.
    void insert(std::string_view bytes);

    /// Replaces the line and puts the cursor at its end (used by history navigation).
    void setText(std::string text);

    /// Empties the line.
    void clear();

    /// Replaces the text from `from` (a character boundary before the cursor) to the cursor
    /// with `replacement`, and puts the cursor after it (a completed word).
    void replaceBeforeCursor(std::size_t from, std::string_view replacement);

    /// Moves one character left; false at the start.
    bool moveLeft();

    /// Moves one character right; false at the end.
    bool moveRight();

    /// Moves to the start of the line (Home, Ctrl-A).
    void moveHome() { _cursor = 0; }

    /// Moves to the end of the line (End, Ctrl-E).
    void moveEnd() { _cursor = _text.size(); }

    /// Moves to the start of the current or previous word.
    void moveWordLeft();

    /// Moves to the end of the current or next word.
    void moveWordRight();

    /// Deletes the character before the cursor; false at the start.
    bool backspace();

    /// Deletes the character under the cursor; false at the end.
    bool deleteForward();

    /// Deletes from the start of the line to the cursor (Ctrl-U) and returns the deleted text.
    std::string killToStart();

    /// Deletes from the cursor to the end of the line (Ctrl-K) and returns the deleted text.
    std::string killToEnd();

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W); returns it.
    std::string killWordBefore();

private:
    std::size_t wordStartBefore(std::size_t pos) const;

    std::string _text;
    std::size_t _cursor = 0;
};

} // namespace toom::client
