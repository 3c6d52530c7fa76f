// The shared argument forms: integers in a range, message numbers ("3" or "#3") and seed
// timestamps spread over several words.

#include "commands/Arguments.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/ScopedTimeZone.h"

#include <Poco/LocalDateTime.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <limits>
#include <optional>

namespace toom {
namespace {

// The instant whose local wall-clock time is the one given (LocalDateTime::timestamp() is not:
// it returns the wall-clock time taken as UTC).
std::int64_t localSeconds(int year, int month, int day, int hour, int minute, int second) {
    return epochSeconds(
        Poco::LocalDateTime(year, month, day, hour, minute, second).utc().timestamp());
}

using test::ScopedTimeZone;

// --- parseInteger ---------------------------------------------------------------------------

TEST(ArgumentsTest, ParseIntegerAcceptsValuesWithinBounds) {
    EXPECT_EQ(parseInteger("0", 0, 10), 0);
    EXPECT_EQ(parseInteger("7", 0, 10), 7);
    EXPECT_EQ(parseInteger("10", 0, 10), 10);
    EXPECT_EQ(parseInteger("-5", -10, 10), -5);
}

TEST(ArgumentsTest, ParseIntegerBoundsAreInclusive) {
    EXPECT_EQ(parseInteger("1", 1, 3), 1);
    EXPECT_EQ(parseInteger("3", 1, 3), 3);
    EXPECT_FALSE(parseInteger("0", 1, 3).has_value());
    EXPECT_FALSE(parseInteger("4", 1, 3).has_value());
}

TEST(ArgumentsTest, ParseIntegerRejectsJunk) {
    for (const char* bad :
         {"", " ", "a", "3a", "a3", " 3", "3 ", "3.0", "1e3", "0x10", "--1", "+", "-", "#3"}) {
        EXPECT_FALSE(parseInteger(bad, -100, 100).has_value()) << "'" << bad << "'";
    }
}

TEST(ArgumentsTest, ParseIntegerRejectsValuesOutsideInt64) {
    const auto max = std::numeric_limits<std::int64_t>::max();
    const auto min = std::numeric_limits<std::int64_t>::min();
    EXPECT_EQ(parseInteger("9223372036854775807", min, max), max);
    EXPECT_FALSE(parseInteger("9223372036854775808", min, max).has_value());
    EXPECT_FALSE(parseInteger("99999999999999999999999", min, max).has_value());
    EXPECT_FALSE(parseInteger("-99999999999999999999999", min, max).has_value());
}

// --- parseMessageNumber ----------------------------------------------------------------------

TEST(ArgumentsTest, MessageNumberPlainOrWithHash) {
    EXPECT_EQ(parseMessageNumber("3"), 3);
    EXPECT_EQ(parseMessageNumber("#3"), 3);
    EXPECT_EQ(parseMessageNumber("1"), 1);
    EXPECT_EQ(parseMessageNumber("#120"), 120);
}

TEST(ArgumentsTest, MessageNumberRejectsZeroNegativeAndJunk) {
    for (const char* bad :
         {"0", "#0", "#", "", "-1", "#-1", "3a", "#3a", "##3", "3#", "a", " 3", "99999999999"}) {
        EXPECT_FALSE(parseMessageNumber(bad).has_value()) << "'" << bad << "'";
    }
}

// --- timestampArgument -----------------------------------------------------------------------

TEST(ArgumentsTest, TimestampWithPaddedDay) {
    Reply reply("RDM");
    auto seconds = timestampArgument({"01", "Jun", "2023", "15:00:01"}, reply);
    ASSERT_TRUE(seconds.has_value());
    EXPECT_EQ(*seconds, localSeconds(2023, 6, 1, 15, 0, 1));
    EXPECT_FALSE(reply.failed());
}

TEST(ArgumentsTest, TimestampWithUnpaddedDay) {
    Reply reply("RDM");
    auto seconds = timestampArgument({"23", "Feb", "2021", "15:00:01"}, reply);
    ASSERT_TRUE(seconds.has_value());
    EXPECT_EQ(*seconds, localSeconds(2021, 2, 23, 15, 0, 1));

    auto unpadded = timestampArgument({"1", "Jun", "2023", "15:00:01"}, reply);
    ASSERT_TRUE(unpadded.has_value());
    EXPECT_EQ(*unpadded, localSeconds(2023, 6, 1, 15, 0, 1));
    EXPECT_FALSE(reply.failed());
}

TEST(ArgumentsTest, InvalidTimestampFailsWithBadTimestampAndTheExpectedForm) {
    for (const std::vector<std::string>& words :
         std::vector<std::vector<std::string>>{{"32", "Jun", "2023", "15:00:01"},
                                               {"1", "June", "2023", "15:00:01"},
                                               {"1", "Jun", "2023"},
                                               {"1", "Jun", "2023", "25:00:00"},
                                               {"yesterday"},
                                               {}}) {
        Reply reply("RDM");
        EXPECT_FALSE(timestampArgument(words, reply).has_value());
        ASSERT_TRUE(reply.failed());
        EXPECT_EQ(reply.final().code(), err::kBadTimestamp);
        EXPECT_EQ(reply.final().field("expected"), std::string(kSeedTimeForm));
    }
}

// A typed timestamp must name the instant the server showed in that form (formatSeedTime), in
// any time zone, or EDT/DLT refuse the time a post was shown with and RDM's window shifts.
TEST(ArgumentsTest, TypedTimeIsTheShownTimeOutsideUtc) {
    ScopedTimeZone zone("XST-10"); // UTC+10, no daylight saving
    const Poco::Timestamp shown = Poco::LocalDateTime(2021, 2, 23, 15, 0, 1).utc().timestamp();
    ASSERT_EQ(formatSeedTime(shown, false), "23 Feb 2021 15:00:01");
    Reply reply("RDM");
    EXPECT_EQ(timestampArgument({"23", "Feb", "2021", "15:00:01"}, reply), epochSeconds(shown));
    EXPECT_EQ(parseSeedTime("23 Feb 2021 15:00:01"), shown);
}

TEST(ArgumentsTest, InvalidTimestampDropsRowsAlreadyAdded) {
    Reply reply("RDM");
    ServerLine row = reply.newRow();
    row.with("n", 1);
    reply.add(std::move(row));
    EXPECT_FALSE(timestampArgument({"1", "Foo", "2023", "15:00:01"}, reply).has_value());
    EXPECT_TRUE(reply.rows().empty());
}

} // namespace
} // namespace toom
