#include "p2p/transfer/SafeFileName.h"

#include "common/Utf8.h"

namespace toom::p2p::transfer {

namespace {

constexpr std::size_t kMaxPresenterBytes = 40;
constexpr std::size_t kMaxKeptExtensionBytes = 16;

/// Characters that must not reach a file name shown in a terminal: controls can move the
/// cursor or rewrite the screen, bidirectional overrides can disguise "txt.exe" as "exe.txt".
bool isUnwanted(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool isSpaceOrDot(char c) {
    return c == ' ' || c == '.' || c == '\t';
}

/// Removes unwanted characters, replaces invalid UTF-8 by '_' and '/' or '\' by `separator`.
std::string cleanCharacters(std::string_view text, char separator) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto decoded = decodeUtf8At(text, pos);
        if (!decoded) {
            out += '_';
            ++pos;
            continue;
        }
        if (!isUnwanted(decoded->codePoint)) {
            if (text[pos] == '/' || text[pos] == '\\')
                out += separator;
            else
                out.append(text.substr(pos, decoded->length));
        }
        pos += decoded->length;
    }
    return out;
}

/// Drops leading dots and spaces (a leading dot hides the file; "." and ".." vanish) and
/// trailing spaces.
std::string trimName(std::string text) {
    std::size_t start = 0;
    while (start < text.size() && isSpaceOrDot(text[start]))
        ++start;
    std::size_t end = text.size();
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        --end;
    return text.substr(start, end - start);
}

/// The longest prefix of `text` of at most `limit` bytes that ends on a UTF-8 boundary (the
/// text is valid UTF-8 here).
std::string_view utf8Prefix(std::string_view text, std::size_t limit) {
    if (text.size() <= limit)
        return text;
    std::size_t cut = limit;
    while (cut > 0 && isUtf8Continuation(static_cast<unsigned char>(text[cut])))
        --cut;
    return text.substr(0, cut);
}

/// Shortens a name to `limit` bytes, keeping a short extension so the file still opens with
/// the right program.
std::string shorten(const std::string& name, std::size_t limit) {
    if (name.size() <= limit)
        return name;
    std::string_view view(name);
    std::string_view extension;
    if (auto dot = view.rfind('.');
        dot != std::string_view::npos && dot > 0 && view.size() - dot <= kMaxKeptExtensionBytes)
        extension = view.substr(dot);
    std::string_view stem = view.substr(0, view.size() - extension.size());
    std::string out(utf8Prefix(stem, limit - extension.size()));
    out += extension;
    return trimName(out);
}

} // namespace

std::string safeBaseName(std::string_view name) {
    if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
        name = name.substr(slash + 1);
    return shorten(trimName(cleanCharacters(name, '_')), kMaxBaseNameBytes);
}

std::string receivedFileName(std::string_view presenter, std::string_view fileName) {
    std::string prefix = shorten(trimName(cleanCharacters(presenter, '_')), kMaxPresenterBytes);
    std::string base = safeBaseName(fileName);
    if (prefix.empty() || base.empty())
        return {};
    return prefix + "_" + base;
}

std::string numberedFileName(std::string_view name, int number) {
    if (number <= 0)
        return std::string(name);
    std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0)
        dot = name.size();
    return std::string(name.substr(0, dot)) + " (" + std::to_string(number) + ")" +
           std::string(name.substr(dot));
}

} // namespace toom::p2p::transfer
