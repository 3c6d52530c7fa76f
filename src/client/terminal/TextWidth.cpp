#include "client/terminal/TextWidth.h"

#include "common/Utf8.h"

namespace toom::client {

namespace {
struct Range {
    char32_t first;
    char32_t last;
};

bool inRanges(char32_t cp, const Range* ranges, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        if (cp >= ranges[i].first && cp <= ranges[i].last)
            return true;
    }
    return false;
}

// The common blocks only: a full Unicode width table is out of proportion for a chat prompt,
// and a wrong guess only misplaces the cursor on exotic text until the next redraw.
constexpr Range kZeroWidth[] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
                                {0x0610, 0x061A}, {0x064B, 0x065F}, {0x1AB0, 0x1AFF},
                                {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF},
                                {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF}};

constexpr Range kWide[] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},  {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},  {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
} // namespace

std::size_t nextCodePoint(std::string_view text, std::size_t pos) {
    if (pos >= text.size())
        return text.size();
    ++pos;
    // At most three continuation bytes belong to one code point; stray ones beyond that are
    // stepped over one at a time like any other malformed byte.
    for (int i = 0; i < 3 && pos < text.size() && isUtf8Continuation(text[pos]); ++i)
        ++pos;
    return pos;
}

std::size_t previousCodePoint(std::string_view text, std::size_t pos) {
    if (pos == 0)
        return 0;
    if (pos > text.size())
        return text.size();
    --pos;
    for (int i = 0; i < 3 && pos > 0 && isUtf8Continuation(text[pos]); ++i)
        --pos;
    return pos;
}

char32_t codePointAt(std::string_view text, std::size_t pos) {
    constexpr char32_t kReplacement = 0xFFFD;
    auto decoded = decodeUtf8At(text, pos);
    return decoded ? decoded->codePoint : kReplacement;
}

int codePointWidth(char32_t cp) {
    if (inRanges(cp, kZeroWidth, std::size(kZeroWidth)))
        return 0;
    if (inRanges(cp, kWide, std::size(kWide)))
        return 2;
    return 1;
}

int displayWidth(std::string_view text) {
    int width = 0;
    for (std::size_t pos = 0; pos < text.size(); pos = nextCodePoint(text, pos))
        width += codePointWidth(codePointAt(text, pos));
    return width;
}

std::size_t nextCharacter(std::string_view text, std::size_t pos) {
    pos = nextCodePoint(text, pos);
    while (pos < text.size() && codePointWidth(codePointAt(text, pos)) == 0)
        pos = nextCodePoint(text, pos);
    return pos;
}

std::size_t previousCharacter(std::string_view text, std::size_t pos) {
    pos = previousCodePoint(text, pos);
    while (pos > 0 && codePointWidth(codePointAt(text, pos)) == 0)
        pos = previousCodePoint(text, pos);
    return pos;
}

} // namespace toom::client
