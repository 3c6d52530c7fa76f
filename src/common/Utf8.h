#pragma once
// UTF-8 validation: the wire protocol is UTF-8 text, and bad bytes get an error, not a crash.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace toom {

/// One code point decoded from UTF-8 text.
struct DecodedCodePoint {
    char32_t codePoint; ///< The Unicode scalar value.
    std::size_t length; ///< Bytes it takes in the text (1 to 4).
};

/// True when `byte` is a UTF-8 continuation byte (10xxxxxx), which never starts a code point.
inline bool isUtf8Continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

/// Decodes the well-formed UTF-8 sequence starting at byte `pos` of `text`. Returns nothing for
/// a position at or past the end, a stray continuation byte, a byte that never appears in UTF-8
/// (0xF8..0xFF), a sequence cut short by the end of the text or by a non-continuation byte, an
/// overlong form, a UTF-16 surrogate (U+D800..U+DFFF) or a value above U+10FFFF.
/// A NUL byte decodes like any other ASCII character.
std::optional<DecodedCodePoint> decodeUtf8At(std::string_view text, std::size_t pos);

/// Appends `codePoint` to `out` as UTF-8 (a surrogate or a value above U+10FFFF as U+FFFD).
void appendUtf8(std::string& out, char32_t codePoint);

/// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above
/// U+10FFFF) and contains no NUL byte.
bool isValidUtf8(std::string_view bytes);

/// True when `text` contains a C0 control character other than TAB, or DEL.
bool hasControlCharacters(std::string_view text);

} // namespace toom
