#pragma once
// Parsing of the argument forms several commands share: integers in a range, message numbers
// ("3" or "#3"), and seed timestamps spread over several words.

#include "commands/Command.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace toom {

/// The largest message, room or group number a user can type: far beyond what one server
/// reaches, and every such number fits an int.
inline constexpr std::int64_t kMaxTypedNumber = 1'000'000'000;

/// A whole decimal number within [minimum, maximum], or nothing.
std::optional<std::int64_t> parseInteger(std::string_view text, std::int64_t minimum,
                                         std::int64_t maximum);

/// A room or message number as typed, "3": from 1 to kMaxTypedNumber; or nothing.
std::optional<int> parseNumber(std::string_view text);

/// A message number, "3" or "#3", at least 1; or nothing.
std::optional<int> parseMessageNumber(std::string_view text);

/// The seed timestamp formed by `words` (e.g. {"23", "Feb", "2021", "16:01:20"}), as seconds
/// since the epoch. On failure, fails `reply` with BAD_TIMESTAMP (naming the expected form)
/// and returns nothing.
std::optional<std::int64_t> timestampArgument(const std::vector<std::string>& words, Reply& reply);

} // namespace toom
