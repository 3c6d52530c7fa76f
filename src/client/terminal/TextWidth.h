#pragma once
// UTF-8 helpers for the line editor: where characters start and how many terminal columns they
// take. The cursor must never land inside a multi-byte sequence, and redrawing must know how
// far to move it.

#include <cstddef>
#include <string_view>

namespace toom::client {

/// Byte offset of the code point after the one starting at `pos` (text.size() at the end).
std::size_t nextCodePoint(std::string_view text, std::size_t pos);

/// Byte offset of the code point before `pos` (0 at the start).
std::size_t previousCodePoint(std::string_view text, std::size_t pos);

/// The code point starting at `pos`; U+FFFD for a malformed or truncated sequence.
char32_t codePointAt(std::string_view text, std::size_t pos);

/// Terminal columns taken by `cp`: 0 for combining marks, 2 for wide East Asian characters and
/// emoji, 1 otherwise (an approximation of wcwidth that needs no locale).
int codePointWidth(char32_t cp);

/// Terminal columns taken by `text`.
int displayWidth(std::string_view text);

/// Offset after the character at `pos`: one code point plus any zero-width marks that follow,
/// so that "e" + U+0301 moves as one character.
std::size_t nextCharacter(std::string_view text, std::size_t pos);

/// Offset of the character before `pos`, skipping back over zero-width marks to their base.
std::size_t previousCharacter(std::string_view text, std::size_t pos);

} // namespace toom::client
