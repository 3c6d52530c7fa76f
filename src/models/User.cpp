#include "models/User.h"

#include "common/Utf8.h"

#include <Poco/Unicode.h>

namespace toom {

namespace {
bool hasWhiteSpace(std::string_view text) {
    return text.find_first_of(" \t\r\n\f\v") != std::string_view::npos;
}

// Outside ASCII only letters, marks and numbers, by their Unicode category: this keeps out
// every character that hides or disguises a name (format characters such as U+202E RIGHT-TO-LEFT
// OVERRIDE or U+200B ZERO WIDTH SPACE, separators such as U+00A0, private-use and unassigned
// code points) along with symbols and punctuation that look like ASCII ones.
// Some letters exist only as look-alikes of others: the fullwidth forms (U+FF00..U+FFEF,
// "ｙｏｄａ") and the mathematical alphanumerics (U+1D400..U+1D7FF, "𝐲𝐨𝐝𝐚") are ASCII letters and
// digits drawn differently, and lower-casing does not map them to ASCII, so they would make a
// second "yoda". No language needs them in a name.
bool isCompatibilityLookalike(char32_t c) {
    return (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x1D400 && c <= 0x1D7FF);
}

bool isUsernameCharacter(char32_t c) {
    if (c < 0x80)
        return c > 0x20 && c < 0x7F;
    if (isCompatibilityLookalike(c))
        return false;
    Poco::Unicode::CharacterProperties props;
    Poco::Unicode::properties(static_cast<int>(c), props);
    return props.category == Poco::Unicode::UCP_LETTER ||
           props.category == Poco::Unicode::UCP_MARK || props.category == Poco::Unicode::UCP_NUMBER;
}
} // namespace

bool isValidUsername(std::string_view name) {
    if (name.empty() || name.size() > kMaxUsernameLength || name.front() == '/' ||
        name.front() == '#')
        return false;
    for (std::size_t pos = 0; pos < name.size();) {
        const auto decoded = decodeUtf8At(name, pos);
        if (!decoded || !isUsernameCharacter(decoded->codePoint))
            return false;
        pos += decoded->length;
    }
    return true;
}

std::string usernameKey(std::string_view name) {
    std::string key;
    key.reserve(name.size());
    for (std::size_t pos = 0; pos < name.size();) {
        const auto decoded = decodeUtf8At(name, pos);
        if (!decoded) { // Not a valid name; keep the byte so distinct inputs stay distinct.
            key.push_back(name[pos++]);
            continue;
        }
        const char32_t c = decoded->codePoint;
        if (c < 0x80)
            key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
        else
            appendUtf8(key, static_cast<char32_t>(Poco::Unicode::toLower(static_cast<int>(c))));
        pos += decoded->length;
    }
    return key;
}

bool isUsablePassword(std::string_view password) {
    return !password.empty() && password.size() <= kMaxPasswordLength && isValidUtf8(password) &&
           !hasControlCharacters(password) && !hasWhiteSpace(password);
}

} // namespace toom
