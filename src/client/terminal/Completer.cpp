#include "client/terminal/Completer.h"

#include "client/terminal/TextWidth.h"
#include "common/Text.h"

#include <algorithm>

namespace toom::client {

namespace {
char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
} // namespace

bool startsWithIgnoringCase(std::string_view word, std::string_view prefix) {
    return word.size() >= prefix.size() && iequals(word.substr(0, prefix.size()), prefix);
}

std::string commonCompletion(std::string_view typed, const std::vector<std::string>& candidates) {
    if (candidates.empty())
        return std::string(typed);
    std::size_t common = candidates.front().size();
    for (const auto& candidate : candidates) {
        std::size_t n = 0;
        const std::string& first = candidates.front();
        while (n < common && n < candidate.size() &&
               lowerAscii(candidate[n]) == lowerAscii(first[n]))
            ++n;
        common = n;
    }
    // Never cut a multi-byte character in two (the candidates may differ inside one).
    const std::string& first = candidates.front();
    while (common > 0 && common < first.size() &&
           (static_cast<unsigned char>(first[common]) & 0xC0) == 0x80)
        --common;
    if (common <= typed.size())
        return std::string(typed);
    const std::string* spelling = &first;
    for (const auto& candidate : candidates) {
        if (candidate.compare(0, typed.size(), typed) == 0) {
            spelling = &candidate;
            break;
        }
    }
    return std::string(typed) + spelling->substr(typed.size(), common - typed.size());
}

std::vector<std::string> layOutCandidates(const std::vector<std::string>& candidates, int columns,
                                          std::size_t maxShown) {
    const std::size_t shown = std::min(candidates.size(), maxShown);
    int widest = 1;
    for (std::size_t i = 0; i < shown; ++i)
        widest = std::max(widest, displayWidth(candidates[i]));
    const int cell = widest + 2;
    const auto perRow = static_cast<std::size_t>(std::max(1, std::max(columns, 1) / cell));
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < shown; start += perRow) {
        std::string line;
        for (std::size_t i = start; i < std::min(shown, start + perRow); ++i) {
            line += candidates[i];
            if (i + 1 < std::min(shown, start + perRow))
                line +=
                    std::string(static_cast<std::size_t>(cell - displayWidth(candidates[i])), ' ');
        }
        lines.push_back(std::move(line));
    }
    if (shown < candidates.size())
        lines.push_back("(and " + std::to_string(candidates.size() - shown) + " more)");
    return lines;
}

} // namespace toom::client
