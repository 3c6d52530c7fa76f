#pragma once
// What an IRC client is sent once registered: 001-005 (with ISUPPORT) and the message of the
// day (375/372/376, or 422 when there is none). Pure.

#include "common/IrcMessage.h"
#include "server/irc/IrcTranslation.h"

#include <string>
#include <vector>

namespace toom {

struct IrcWelcomeFacts {
    std::string network;
    std::string version;   ///< "toom-0.1.0"
    std::string createdAt; ///< When the server started, for 003.
    std::string motd;      ///< Lines separated by '\n'; empty = none (422).
};

std::vector<IrcMessage> ircWelcome(const IrcAddressing& to, const IrcWelcomeFacts& facts);

/// The MOTD numerics alone (also the answer to MOTD).
std::vector<IrcMessage> ircMotd(const IrcAddressing& to, const std::string& motd);

} // namespace toom
