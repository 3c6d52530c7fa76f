#include "commands/Arguments.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "common/Text.h"

#include <charconv>

namespace toom {

std::optional<std::int64_t> parseInteger(std::string_view text, std::int64_t minimum,
                                         std::int64_t maximum) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < minimum ||
        value > maximum)
        return std::nullopt;
    return value;
}

std::optional<int> parseNumber(std::string_view text) {
    auto value = parseInteger(text, 1, kMaxTypedNumber);
    if (!value)
        return std::nullopt;
    return static_cast<int>(*value);
}

std::optional<int> parseMessageNumber(std::string_view text) {
    if (!text.empty() && text.front() == '#')
        text.remove_prefix(1);
    return parseNumber(text);
}

std::optional<std::int64_t> timestampArgument(const std::vector<std::string>& words, Reply& reply) {
    const std::string text = join(words, " ");
    auto time = parseSeedTime(text);
    if (!time) {
        reply.fail(err::kBadTimestamp)
            .with("expected", std::string(kSeedTimeForm))
            .say("Invalid timestamp '" + text + "'. Use " + std::string(kSeedTimeForm));
        return std::nullopt;
    }
    return epochSeconds(*time);
}

} // namespace toom
