#pragma once
// The escape sequences that draw the edit line (prompt + text, cursor placed) and erase it,
// including lines that wrap over several terminal rows. Pure string building, so it is tested
// without a terminal; the Console writes the result.

#include <cstddef>
#include <string>
#include <string_view>

namespace toom::client {

/// Tracks where the cursor is inside the drawn edit area between redraws.
class LineRenderer {
public:
    /// Sequences that erase whatever was drawn last and draw `prompt` + `text` with the cursor
    /// after `cursor` bytes of `text`, for a terminal `width` columns wide (<= 0 means 80).
    std::string draw(std::string_view prompt, std::string_view text, std::size_t cursor, int width);

    /// Sequences that erase the drawn edit area, leaving the cursor at column 0 of its first
    /// row, where other output can be written.
    std::string erase();

    /// Sequences that move the cursor from where draw() left it to the start of the row after
    /// the edit area, leaving the drawn line on screen (the line was entered).
    std::string finish(std::string_view prompt, std::string_view text, int width);

    /// The prompt of the history search (Ctrl-R), readline's words:
    /// "(reverse-i-search)'que': ", "(failed reverse-i-search)'quex': " when nothing matches.
    static std::string searchPrompt(std::string_view query, bool failed);

    /// Row of the cursor relative to the first row of the edit area.
    int cursorRow() const { return _cursorRow; }

private:
    int _cursorRow = 0;
};

} // namespace toom::client
