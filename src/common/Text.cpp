#include "common/Text.h"

#include <algorithm>

namespace toom {

namespace {
bool isBlank(char c) {
    return c == ' ' || c == '\t';
}
bool isSpace(char c) {
    return isBlank(c) || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
char upper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

/// Calls `onWord(start, length)` for each run of characters other than spaces and tabs.
template <typename OnWord>
void forEachWord(std::string_view text, OnWord onWord) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isBlank(text[i]))
            ++i;
        std::size_t start = i;
        while (i < text.size() && !isBlank(text[i]))
            ++i;
        if (i > start)
            onWord(start, i - start);
    }
}
} // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string toLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

std::string toUpper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), upper);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

std::vector<std::string> splitWords(std::string_view text) {
    std::vector<std::string> words;
    forEachWord(text, [&](std::size_t start, std::size_t length) {
        words.emplace_back(text.substr(start, length));
    });
    return words;
}

WordCursor::WordCursor(std::string_view line)
    : _line(line) {
    forEachWord(_line, [this](std::size_t start, std::size_t length) {
        _words.push_back({_line.substr(start, length), start});
    });
}

std::string WordCursor::restFrom(std::size_t i) const {
    if (i >= _words.size())
        return {};
    return std::string(trim(std::string_view(_line).substr(_words[i].offset)));
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += separator;
        out += items[i];
    }
    return out;
}

} // namespace toom
