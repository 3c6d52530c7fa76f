#pragma once
// How a message reads for the person receiving it, in the profile's style:
//   Plain:       "yoda: hi"
//   Timestamped: "01 Jun 2023 15:00:01, yoda: hi"

#include "common/Profile.h"
#include "common/SeedTime.h"

#include <string>

namespace toom {

inline std::string messageText(MessageStyle style, bool padDay, const Poco::Timestamp& time,
                               const std::string& sender, const std::string& text) {
    if (style == MessageStyle::Plain)
        return sender + ": " + text;
    return formatSeedTime(time, padDay) + ", " + sender + ": " + text;
}

} // namespace toom
