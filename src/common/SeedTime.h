#pragma once
// Timestamps as the seeds print and type them: "d Mmm yyyy hh:mm:ss" (English month
// abbreviation, 24-hour clock), with the day zero-padded or not. Seed text is in the server's
// local time zone; wire fields use ISO 8601 UTC instead (see isoTime).

#include <Poco/Timestamp.h>

#include <optional>
#include <string>
#include <string_view>

namespace toom {

/// "01 Jun 2023 15:00:01" (padDay) or "1 Jun 2023 15:00:01", in local time.
std::string formatSeedTime(const Poco::Timestamp& time, bool padDay);

/// Parses a seed timestamp (day padded or not, month case-insensitive, local time).
/// Returns nothing unless the text is exactly four words of that form with valid values, in
/// 1970 or later.
std::optional<Poco::Timestamp> parseSeedTime(std::string_view text);

/// The expected form, for error messages.
inline constexpr std::string_view kSeedTimeForm = "d Mmm yyyy hh:mm:ss, e.g. 1 Jun 2023 15:00:01";

/// "2023-06-01T05:00:01.123Z": ISO 8601 UTC with milliseconds, for wire fields.
std::string isoTime(const Poco::Timestamp& time);

/// Parses isoTime's output (and any ISO 8601 form Poco accepts). Returns nothing when malformed
/// or before 1970.
std::optional<Poco::Timestamp> parseIsoTime(std::string_view text);

/// Seconds since the epoch, truncated: seed timestamps have one-second resolution, so
/// comparisons against them ("strictly later than") are made at that resolution.
inline std::int64_t epochSeconds(const Poco::Timestamp& time) {
    return time.epochTime();
}

} // namespace toom
