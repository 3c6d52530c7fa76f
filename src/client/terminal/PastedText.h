#pragma once
// What a bracketed paste holds, as lines the editor can use: newlines in any convention (CR,
// LF, CRLF) split lines, a TAB becomes a space, escape sequences and other control characters
// are dropped (a paste is text, and the edit line is drawn as it is), and blank lines are
// left out (they could not be sent). Pure.

#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// The non-blank lines of `pasted`, without trailing white space.
std::vector<std::string> pastedLines(std::string_view pasted);

} // namespace toom::client
