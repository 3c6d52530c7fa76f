// LineFramer cuts any byte stream into the same lines however the stream is split into reads,
// never holds more than its bound, and agrees with a simple model: split the whole stream on LF,
// drop one CR before each LF, report a line over the bound as TooLong (an unfinished one as
// soon as it is over), keep the unfinished rest.

#include "common/LineFramer.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using toom::FramedLine;
using toom::LineFramer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2)
        return 0;
    // The first byte picks the bound, the second seeds the read sizes; the rest is the stream.
    const std::size_t maxLine = 1 + data[0] % 64;
    unsigned seed = data[1];
    const std::string_view stream(reinterpret_cast<const char*>(data) + 2, size - 2);

    std::vector<FramedLine> expected;
    for (std::size_t start = 0;;) {
        const std::size_t lf = stream.find('\n', start);
        if (lf == std::string_view::npos) {
            // An unfinished line is reported as soon as it cannot fit any more (its CR may
            // still be coming, hence the one byte of slack).
            if (stream.size() - start > maxLine + 1)
                expected.push_back({FramedLine::Kind::TooLong, {}});
            break;
        }
        std::string line(stream.substr(start, lf - start));
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.size() > maxLine)
            expected.push_back({FramedLine::Kind::TooLong, {}});
        else
            expected.push_back({FramedLine::Kind::Line, line});
        start = lf + 1;
    }

    LineFramer framer(maxLine);
    std::vector<FramedLine> got;
    for (std::size_t pos = 0; pos < stream.size();) {
        seed = seed * 1103515245u + 12345u;
        const std::size_t piece = std::min<std::size_t>(1 + (seed >> 16) % 97, stream.size() - pos);
        framer.feed(stream.substr(pos, piece), got);
        TOOM_FUZZ_CHECK(framer.pendingBytes() <= maxLine + 1);
        pos += piece;
    }
    TOOM_FUZZ_CHECK(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        TOOM_FUZZ_CHECK(got[i].kind == expected[i].kind);
        TOOM_FUZZ_CHECK(got[i].text == expected[i].text);
    }
    return 0;
}
