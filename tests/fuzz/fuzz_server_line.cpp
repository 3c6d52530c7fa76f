// ServerLine::parse accepts exactly what ServerLine::format writes.
// - A line that parses formats back to the same bytes, and parses again to an equal line.
// - A line built from arbitrary verb, field values and text formats to something that parses
//   back to it (keys are made valid first: with() documents them as [a-z0-9_]).

#include "common/ServerLine.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using toom::LineKind;
using toom::ServerLine;

namespace {

void parsedLinesFormatBack(std::string_view input) {
    const auto line = ServerLine::parse(input);
    if (!line)
        return;
    TOOM_FUZZ_CHECK(line->format() == input);
    const auto again = ServerLine::parse(line->format());
    TOOM_FUZZ_CHECK(again && *again == *line);
}

// Input as NUL-separated parts: kind selector byte, verb, code, then key/value pairs, text.
void builtLinesParseBack(std::string_view input) {
    if (input.empty())
        return;
    const auto kind = static_cast<LineKind>(static_cast<unsigned char>(input[0]) % 5);
    input.remove_prefix(1);
    std::vector<std::string> parts;
    for (std::size_t start = 0; start <= input.size();) {
        const std::size_t end = std::min(input.find('\0', start), input.size());
        parts.emplace_back(input.substr(start, end - start));
        start = end + 1;
    }
    auto token = [](std::string word) {
        // A verb or code is one word without white space, controls or a leading ':'.
        std::string out;
        for (unsigned char c : word) {
            if (c > ' ' && c != 0x7F)
                out += static_cast<char>(c);
        }
        if (out.empty() || out.front() == ':')
            out.insert(out.begin(), 'V');
        return out;
    };
    ServerLine line(kind, token(parts[0]),
                    kind == LineKind::Fail ? token(parts.size() > 1 ? parts[1] : "") : "");
    std::size_t i = 2;
    for (; i + 1 < parts.size(); i += 2) {
        std::string key;
        for (char c : parts[i])
            key += static_cast<char>('a' + static_cast<unsigned char>(c) % 26);
        if (key.empty())
            key = "k";
        line.with(key, parts[i + 1]);
    }
    if (i < parts.size())
        line.say(parts[i]);
    const std::string wire = line.format();
    const auto parsed = ServerLine::parse(wire);
    TOOM_FUZZ_CHECK(parsed.has_value());
    TOOM_FUZZ_CHECK(parsed->format() == wire);
    TOOM_FUZZ_CHECK(parsed->fields() == line.fields());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    parsedLinesFormatBack(input);
    builtLinesParseBack(input);
    return 0;
}
