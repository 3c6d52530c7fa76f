// The seed timestamp and ISO time parsers never crash, and what parseSeedTime accepts is a time
// that formatSeedTime writes and parses back to the same second (the text may differ in day
// padding and month case, which the parser accepts and the formatter normalises).

#include "common/SeedTime.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto time = toom::parseSeedTime(text)) {
        for (bool padDay : {true, false}) {
            const auto again = toom::parseSeedTime(toom::formatSeedTime(*time, padDay));
            TOOM_FUZZ_CHECK(again.has_value());
            TOOM_FUZZ_CHECK(toom::epochSeconds(*again) == toom::epochSeconds(*time));
        }
    }
    if (const auto time = toom::parseIsoTime(text)) {
        const auto again = toom::parseIsoTime(toom::isoTime(*time));
        TOOM_FUZZ_CHECK(again.has_value());
        // isoTime keeps milliseconds.
        TOOM_FUZZ_CHECK(again->epochMicroseconds() / 1000 == time->epochMicroseconds() / 1000);
    }
    return 0;
}
