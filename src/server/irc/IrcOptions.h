#pragma once
// The IRC listener's settings (config keys irc.*; see config/toom-server.properties).

#include <optional>
#include <string>

namespace toom {

struct IrcOptions {
    /// The port to listen on; none = no IRC listener (irc.port = 0), 0 = an ephemeral port
    /// (tests; see ToomServer::ircPort()).
    std::optional<int> port;
    std::string bindAddress = "0.0.0.0";
    /// The server's name in numerics, prefixes and users' hosts (`yoda!yoda@toom`).
    std::string serverName = "toom";
    /// The network's name (ISUPPORT NETWORK, the welcome).
    std::string network = "Toom";
    /// Clients may register with plain NICK/USER, as guests whose nick is no account's.
    bool allowGuests = true;
};

} // namespace toom
