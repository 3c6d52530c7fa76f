// IrcMessage::parse never crashes, and what it accepts formats to a line that parses back to
// the same message (format normalises: repeated spaces, ":" only where needed, tag escapes),
// within the same limits. A message built from arbitrary parts always formats to one line.

#include "common/IrcMessage.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using toom::IrcMessage;

namespace {

void parsedMessagesFormatBack(std::string_view input) {
    const auto parsed = IrcMessage::parse(input);
    if (!parsed)
        return;
    const std::string wire = parsed.message.format();
    TOOM_FUZZ_CHECK(wire.find_first_of(std::string_view("\0\r\n", 3)) == std::string::npos);
    const auto again = IrcMessage::parse(wire);
    TOOM_FUZZ_CHECK(again);
    TOOM_FUZZ_CHECK(again.message == parsed.message);
    TOOM_FUZZ_CHECK(again.message.format() == wire);
}

// Any text as the trailing parameter of a built message: the line stays one line.
void builtMessagesAreOneLine(std::string_view input) {
    IrcMessage message("PRIVMSG", {"nick", std::string(input)});
    message.from("yoda!yoda@toom");
    const std::string wire = message.format();
    TOOM_FUZZ_CHECK(wire.find_first_of(std::string_view("\0\r\n", 3)) == std::string::npos);
    if (wire.size() <= IrcMessage::kMaxBodyBytes) {
        const auto parsed = IrcMessage::parse(wire);
        TOOM_FUZZ_CHECK(parsed);
        TOOM_FUZZ_CHECK(parsed.message.params.size() == 2);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    parsedMessagesFormatBack(input);
    builtMessagesAreOneLine(input);
    return 0;
}
