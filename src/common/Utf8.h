#pragma once
// UTF-8 validation: the wire protocol is UTF-8 text, and bad bytes get an error, not a crash.

#include <string_view>

namespace toom {

/// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above
/// U+10FFFF) and contains no NUL byte.
bool isValidUtf8(std::string_view bytes);

/// True when `text` contains a C0 control character other than TAB, or DEL.
bool hasControlCharacters(std::string_view text);

} // namespace toom
