// Seed timestamps ("1 Jun 2023 15:00:01", local time) and ISO 8601 wire times.

#include "common/SeedTime.h"

#include "support/LocalTime.h"
#include "support/ScopedTimeZone.h"

#include <Poco/DateTime.h>
#include <Poco/LocalDateTime.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace toom {
namespace {

using test::localTime;

TEST(SeedTimeTest, ParsesUnpaddedAndPaddedDays) {
    const auto expected = localTime(2021, 6, 1, 10, 0, 0);
    EXPECT_EQ(parseSeedTime("1 Jun 2021 10:00:00"), expected);
    EXPECT_EQ(parseSeedTime("01 Jun 2021 10:00:00"), expected);
    EXPECT_EQ(parseSeedTime("31 Dec 2023 23:59:59"), localTime(2023, 12, 31, 23, 59, 59));
}

TEST(SeedTimeTest, MonthIsCaseInsensitive) {
    const auto expected = localTime(2021, 6, 1, 10, 0, 0);
    EXPECT_EQ(parseSeedTime("1 jun 2021 10:00:00"), expected);
    EXPECT_EQ(parseSeedTime("1 JUN 2021 10:00:00"), expected);
    EXPECT_EQ(parseSeedTime("1 jUn 2021 10:00:00"), expected);
}

TEST(SeedTimeTest, EveryMonth) {
    const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int m = 1; m <= 12; ++m) {
        EXPECT_EQ(parseSeedTime(std::string("2 ") + months[m - 1] + " 2022 12:00:00"),
                  localTime(2022, m, 2, 12, 0, 0))
            << months[m - 1];
    }
}

TEST(SeedTimeTest, ExtraBlanksBetweenWordsAreAccepted) {
    EXPECT_EQ(parseSeedTime("  1  Jun\t2021 10:00:00 "), localTime(2021, 6, 1, 10, 0, 0));
}

TEST(SeedTimeTest, SingleDigitHourIsAccepted) {
    EXPECT_EQ(parseSeedTime("1 Jun 2021 9:05:07"), localTime(2021, 6, 1, 9, 5, 7));
}

TEST(SeedTimeTest, RejectsInvalidValues) {
    for (const char* bad : {"32 Jan 2021 10:00:00", "0 Jan 2021 10:00:00", "29 Feb 2021 10:00:00",
                            "31 Apr 2021 10:00:00", "1 Jun 2021 25:00:00", "1 Jun 2021 24:00:00",
                            "1 Jun 2021 10:60:00", "1 Foo 2021 10:00:00", "1 June 2021 10:00:00",
                            "1 6 2021 10:00:00"}) {
        EXPECT_FALSE(parseSeedTime(bad).has_value()) << bad;
    }
    EXPECT_TRUE(parseSeedTime("29 Feb 2024 10:00:00").has_value());
}

// Seed timestamps have no leap seconds: ":60" is as invalid as ":61".
TEST(SeedTimeTest, RejectsSecondSixty) {
    EXPECT_FALSE(parseSeedTime("1 Jun 2021 10:00:60").has_value());
}

TEST(SeedTimeTest, RejectsBadForms) {
    for (const char* bad : {"",
                            "1 Jun 2021",
                            "Jun 2021 10:00:00",
                            "1 Jun 2021 10:00:00 extra",
                            "1 Jun 21 10:00:00",
                            "1 Jun 02021 10:00:00",
                            "001 Jun 2021 10:00:00",
                            "1 Jun 2021 10:00",
                            "1 Jun 2021 10:0:00",
                            "1 Jun 2021 10:00:0",
                            "1 Jun 2021 100:00:00",
                            "1 Jun 2021 10::00:00",
                            "1 Jun 2021 10:00:00:",
                            "1 Jun 2021 :10:00",
                            "1 Jun 2021 10-00-00",
                            "-1 Jun 2021 10:00:00",
                            "+1 Jun 2021 10:00:00",
                            "1 Jun 2021 +1:00:00",
                            "a Jun 2021 10:00:00",
                            "1 Jun 2021 10:00:00.5"}) {
        EXPECT_FALSE(parseSeedTime(bad).has_value()) << "'" << bad << "'";
    }
}

TEST(SeedTimeTest, FormatsWithAndWithoutPadding) {
    const auto t = localTime(2023, 6, 1, 15, 0, 1);
    EXPECT_EQ(formatSeedTime(t, true), "01 Jun 2023 15:00:01");
    EXPECT_EQ(formatSeedTime(t, false), "1 Jun 2023 15:00:01");
    const auto two = localTime(2023, 12, 25, 9, 5, 7);
    EXPECT_EQ(formatSeedTime(two, true), "25 Dec 2023 09:05:07");
    EXPECT_EQ(formatSeedTime(two, false), "25 Dec 2023 09:05:07");
}

using test::ScopedTimeZone;

// The formatter reads the zone once rather than per call; a zone set with tzset() must
// still be the one it uses, daylight saving included.
TEST(SeedTimeTest, FormatFollowsTheZoneSetWithTzset) {
    const Poco::Timestamp noonUtc = Poco::DateTime(2023, 6, 1, 12, 0, 0).timestamp();
    const Poco::Timestamp winterNoonUtc = Poco::DateTime(2023, 1, 1, 12, 0, 0).timestamp();
    {
        ScopedTimeZone utc("UTC0");
        EXPECT_EQ(formatSeedTime(noonUtc, true), "01 Jun 2023 12:00:00");
    }
    {
        ScopedTimeZone tokyo("JST-9");
        EXPECT_EQ(formatSeedTime(noonUtc, true), "01 Jun 2023 21:00:00");
        EXPECT_EQ(
            formatSeedTime(noonUtc - Poco::Timespan(0, 22, 0, 0, 0).totalMicroseconds(), false),
            "31 May 2023 23:00:00");
    }
    {
        ScopedTimeZone newYork("EST5EDT,M3.2.0,M11.1.0");
        EXPECT_EQ(formatSeedTime(noonUtc, true), "01 Jun 2023 08:00:00");
        EXPECT_EQ(formatSeedTime(winterNoonUtc, false), "1 Jan 2023 07:00:00");
    }
}

TEST(SeedTimeTest, FormatDropsFractionsOfASecond) {
    const auto t = localTime(2023, 6, 1, 15, 0, 1) + Poco::Timespan(0, 999999).totalMicroseconds();
    EXPECT_EQ(formatSeedTime(t, true), "01 Jun 2023 15:00:01");
}

TEST(SeedTimeTest, FormatAndParseRoundTrip) {
    for (const char* text :
         {"01 Jun 2023 15:00:01", "1 Jan 2000 00:00:00", "28 Feb 2022 23:59:59"}) {
        auto t = parseSeedTime(text);
        ASSERT_TRUE(t.has_value()) << text;
        EXPECT_EQ(parseSeedTime(formatSeedTime(*t, true)), t);
        EXPECT_EQ(parseSeedTime(formatSeedTime(*t, false)), t);
    }
}

TEST(SeedTimeTest, IsoTimeIsUtcWithMilliseconds) {
    const auto t = Poco::Timestamp::fromEpochTime(1685595601) + 123000;
    EXPECT_EQ(isoTime(t), "2023-06-01T05:00:01.123Z");
    EXPECT_EQ(parseIsoTime(isoTime(t)), t);
    // Milliseconds are cut, not rounded; padding everywhere; the epoch itself.
    EXPECT_EQ(isoTime(Poco::Timestamp::fromEpochTime(1685595601) + 999999),
              "2023-06-01T05:00:01.999Z");
    EXPECT_EQ(isoTime(Poco::Timestamp::fromEpochTime(0)), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(isoTime(Poco::Timestamp::fromEpochTime(946684799) + 7000),
              "1999-12-31T23:59:59.007Z");
    // Whatever the local zone.
    ScopedTimeZone tokyo("JST-9");
    EXPECT_EQ(isoTime(t), "2023-06-01T05:00:01.123Z");
}

TEST(SeedTimeTest, ParseIsoTimeRejectsEmptyAndOutOfRange) {
    EXPECT_FALSE(parseIsoTime("").has_value());
    EXPECT_FALSE(parseIsoTime("2023-13-45T99:99:99Z").has_value());
}

TEST(SeedTimeTest, ParseIsoTimeRejectsGarbage) {
    EXPECT_FALSE(parseIsoTime("yesterday").has_value());
    EXPECT_FALSE(parseIsoTime("hello world").has_value());
}

TEST(SeedTimeTest, EpochSecondsTruncates) {
    EXPECT_EQ(epochSeconds(Poco::Timestamp::fromEpochTime(1000) + 999999), 1000);
}

// Found by tests/fuzz/fuzz_seed_time: Poco cannot format a date before its 1582 base, so a year
// 1011 came back as "1011-06-01T-18:-59:-58.-877Z". Neither parser takes a year before 1970.
TEST(SeedTimeTest, YearsBefore1970AreRefused) {
    EXPECT_FALSE(parseIsoTime("1011-06-01T05:00:01.123Z").has_value());
    EXPECT_FALSE(parseIsoTime("1969-12-31T23:59:59Z").has_value());
    EXPECT_TRUE(parseIsoTime("1970-01-01T00:00:00Z").has_value());
    EXPECT_FALSE(parseSeedTime("1 Jun 1011 15:00:01").has_value());
    EXPECT_FALSE(parseSeedTime("31 Dec 1969 23:59:59").has_value());
    EXPECT_TRUE(parseSeedTime("2 Jan 1970 00:00:00").has_value());
}

} // namespace
} // namespace toom
