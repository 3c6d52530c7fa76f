#pragma once
// Test helper: the instant whose local wall-clock time is the one given, i.e. what a user
// means by typing "23 Feb 2021 16:01:20" (Poco's LocalDateTime::timestamp() is not that: it
// reads the wall-clock time as if it were UTC).

#include <Poco/LocalDateTime.h>
#include <Poco/Timestamp.h>

namespace toom::test {

inline Poco::Timestamp localTime(int year, int month, int day, int hour, int minute, int second) {
    return Poco::LocalDateTime(year, month, day, hour, minute, second).utc().timestamp();
}

} // namespace toom::test
