// The UTF-8 validator agrees with an independent decoder written from the table in the Unicode
// Standard (chapter 3, "Well-Formed UTF-8 Byte Sequences"), and decodeUtf8At never reads past
// the end or returns a length that does.

#include "common/Utf8.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// Length of the well-formed sequence at `p`, or 0.
std::size_t wellFormedLength(const unsigned char* p, std::size_t left) {
    auto in = [](unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
    const unsigned char b0 = p[0];
    if (b0 <= 0x7F)
        return 1;
    if (in(b0, 0xC2, 0xDF))
        return left >= 2 && in(p[1], 0x80, 0xBF) ? 2 : 0;
    if (left < 3)
        return 0;
    if (b0 == 0xE0)
        return in(p[1], 0xA0, 0xBF) && in(p[2], 0x80, 0xBF) ? 3 : 0;
    if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF))
        return in(p[1], 0x80, 0xBF) && in(p[2], 0x80, 0xBF) ? 3 : 0;
    if (b0 == 0xED)
        return in(p[1], 0x80, 0x9F) && in(p[2], 0x80, 0xBF) ? 3 : 0;
    if (left < 4)
        return 0;
    if (b0 == 0xF0)
        return in(p[1], 0x90, 0xBF) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF) ? 4 : 0;
    if (in(b0, 0xF1, 0xF3))
        return in(p[1], 0x80, 0xBF) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF) ? 4 : 0;
    if (b0 == 0xF4)
        return in(p[1], 0x80, 0x8F) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF) ? 4 : 0;
    return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    bool valid = true;
    for (std::size_t pos = 0; pos < size;) {
        const std::size_t expected = wellFormedLength(data + pos, size - pos);
        const auto decoded = toom::decodeUtf8At(text, pos);
        TOOM_FUZZ_CHECK(decoded.has_value() == (expected != 0));
        if (!decoded) {
            valid = false;
            ++pos;
            continue;
        }
        TOOM_FUZZ_CHECK(decoded->length == expected);
        TOOM_FUZZ_CHECK(pos + decoded->length <= size);
        if (decoded->codePoint == 0)
            valid = false; // isValidUtf8 refuses NUL.
        pos += decoded->length;
    }
    TOOM_FUZZ_CHECK(toom::isValidUtf8(text) == valid);
    return 0;
}
