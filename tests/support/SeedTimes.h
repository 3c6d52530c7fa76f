#pragma once
// Test helpers: the time a server line carries (its ISO `ts` field) in the seed form, as the
// server prints it in replies and logs and as a user would type it back. Which of the two forms
// a server uses is its profile's padDay setting.

#include "common/SeedTime.h"
#include "common/ServerLine.h"

#include <string>

namespace toom::test {

/// "01 Jun 2023 15:00:01": the day zero-padded.
inline std::string seedTime(const ServerLine& line) {
    return formatSeedTime(*parseIsoTime(*line.field("ts")), true);
}

/// "1 Jun 2023 15:00:01": the day not padded.
inline std::string unpaddedSeedTime(const ServerLine& line) {
    return formatSeedTime(*parseIsoTime(*line.field("ts")), false);
}

} // namespace toom::test
