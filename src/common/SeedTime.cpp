#include "common/SeedTime.h"

#include "common/Text.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/LocalDateTime.h>
#include <Poco/NumberParser.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <regex>

namespace toom {

namespace {
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool parseUnsigned(std::string_view text, int& out) {
    if (text.empty() || text.size() > 4)
        return false;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}
} // namespace

// Times before 1970 never occur in a chat log, and Poco's Timestamp cannot format dates before
// its 1582 base (a fuzzer found "1011-06-01T05:00:01Z" coming back as garbage), so both parsers
// refuse them.
constexpr int kFirstYear = 1970;

// Formatted with localtime_r rather than Poco::LocalDateTime: Poco asks Timezone::utcOffset,
// which calls tzset() under a process-wide mutex, and glibc's tzset() stats /etc/localtime on
// every call. Every delivered message carries a seed time, so that was a file-system lookup
// and a contended lock per message on the event loops. localtime_r reads the zone once (and
// again after an explicit tzset(), which is how a TZ change is picked up).
std::string formatSeedTime(const Poco::Timestamp& time, bool padDay) {
    const std::time_t seconds = static_cast<std::time_t>(time.epochTime());
    std::tm local{};
    if (localtime_r(&seconds, &local) == nullptr)
        return {};
    char text[40];
    const int length = std::snprintf(
        text, sizeof text, padDay ? "%02d %s %04d %02d:%02d:%02d" : "%d %s %04d %02d:%02d:%02d",
        local.tm_mday, kMonths[static_cast<std::size_t>(local.tm_mon) % kMonths.size()].data(),
        local.tm_year + 1900, local.tm_hour, local.tm_min, local.tm_sec);
    return std::string(text, length > 0 ? static_cast<std::size_t>(length) : 0);
}

std::optional<Poco::Timestamp> parseSeedTime(std::string_view text) {
    auto words = splitWords(text);
    if (words.size() != 4)
        return std::nullopt;
    int day = 0, year = 0, month = 0;
    if (!parseUnsigned(words[0], day) || words[0].size() > 2 || !parseUnsigned(words[2], year) ||
        words[2].size() != 4)
        return std::nullopt;
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (iequals(words[1], kMonths[i]))
            month = static_cast<int>(i) + 1;
    }
    if (month == 0)
        return std::nullopt;
    auto clock = splitWords([&] {
        std::string s = words[3];
        for (char& c : s)
            if (c == ':')
                c = ' ';
        return s;
    }());
    int hour = 0, minute = 0, second = 0;
    if (clock.size() != 3 || std::count(words[3].begin(), words[3].end(), ':') != 2 ||
        !parseUnsigned(clock[0], hour) || !parseUnsigned(clock[1], minute) ||
        !parseUnsigned(clock[2], second) || clock[0].size() > 2 || clock[1].size() != 2 ||
        clock[2].size() != 2)
        return std::nullopt;
    // Poco accepts a leap second (60); a typed timestamp never means one.
    if (second > 59 || year < kFirstYear ||
        !Poco::DateTime::isValid(year, month, day, hour, minute, second))
        return std::nullopt;
    // LocalDateTime::timestamp() would read the wall-clock time as if it were UTC; the instant
    // the user means is the UTC time of that local time.
    Poco::LocalDateTime local(year, month, day, hour, minute, second);
    return local.utc().timestamp();
}

// By hand rather than with Poco::DateTimeFormatter: every reply and event carries one, and
// the formatter's pattern interpretation showed in the event loops' profile.
std::string isoTime(const Poco::Timestamp& time) {
    const Poco::Timestamp::TimeVal micros = time.epochMicroseconds();
    Poco::Timestamp::TimeVal seconds = micros / 1'000'000;
    Poco::Timestamp::TimeVal fraction = micros % 1'000'000;
    if (fraction < 0) { // Before 1970: floor, not truncate.
        fraction += 1'000'000;
        --seconds;
    }
    const std::time_t whole = static_cast<std::time_t>(seconds);
    std::tm utc{};
    if (gmtime_r(&whole, &utc) == nullptr)
        return {};
    char text[40];
    const int length = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                     utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                     utc.tm_min, utc.tm_sec, static_cast<int>(fraction / 1000));
    return std::string(text, length > 0 ? static_cast<std::size_t>(length) : 0);
}

std::optional<Poco::Timestamp> parseIsoTime(std::string_view text) {
    // Poco's parser skips what it cannot read, so check the shape first:
    // yyyy-mm-ddThh:mm:ss, optional fraction, then Z or +hh:mm / -hh:mm.
    static const std::regex shape(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)");
    if (!std::regex_match(text.begin(), text.end(), shape))
        return std::nullopt;
    if (std::stoi(std::string(text.substr(0, 4))) < kFirstYear)
        return std::nullopt;
    Poco::DateTime parsed;
    int tzd = 0;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT,
                                        std::string(text), parsed, tzd))
        return std::nullopt;
    parsed.makeUTC(tzd);
    return parsed.timestamp();
}

} // namespace toom
