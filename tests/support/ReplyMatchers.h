#pragma once
// GoogleMock matchers for command replies, so a test says what it means:
//   EXPECT_THAT(h.run("block yoda"), FailsWith(err::kSelf));
//   EXPECT_THAT(h.run("block hans"), OkWith("user", "hans"));
//   EXPECT_THAT(h.run("block hans"), AllOf(Succeeds(), Says("hans is blocked")));
// On a mismatch they print the whole reply as it would go on the wire.

#include "common/Reply.h"

#include <gmock/gmock.h>

#include <cstdint>
#include <ostream>
#include <string>

namespace toom {

// gtest and gmock print a Reply through this: as it goes on the wire.
inline void PrintTo(const Reply& reply, std::ostream* os) {
    *os << reply.wire();
}

} // namespace toom

namespace toom::test {

/// The reply's final line is FAIL with this code.
MATCHER_P(FailsWith, code, "fails with " + ::testing::PrintToString(std::string(code))) {
    *result_listener << "the reply is\n" << arg.wire();
    return arg.failed() && arg.final().code() == code;
}

/// The reply's final line is OK.
MATCHER(Succeeds, "succeeds") {
    *result_listener << "the reply is\n" << arg.wire();
    return !arg.failed();
}

/// The reply's final line is OK and carries `field=value` (value as text or as a number).
MATCHER_P2(OkWith, field, value,
           "succeeds with " + std::string(field) + "=" + ::testing::PrintToString(value)) {
    *result_listener << "the reply is\n" << arg.wire();
    if (arg.failed())
        return false;
    if constexpr (std::is_integral_v<std::decay_t<value_type>>)
        return arg.final().intField(field) == static_cast<std::int64_t>(value);
    else
        return arg.final().field(field) == std::string(value);
}

/// The reply's final line carries `field=value`, whatever its kind.
MATCHER_P2(HasField, field, value,
           "has " + std::string(field) + "=" + ::testing::PrintToString(value)) {
    *result_listener << "the reply is\n" << arg.wire();
    if constexpr (std::is_integral_v<std::decay_t<value_type>>)
        return arg.final().intField(field) == static_cast<std::int64_t>(value);
    else
        return arg.final().field(field) == std::string(value);
}

/// The reply's final line says exactly `text`.
MATCHER_P(Says, text, "says " + ::testing::PrintToString(std::string(text))) {
    *result_listener << "the reply is\n" << arg.wire();
    return arg.final().text() == text;
}

} // namespace toom::test
