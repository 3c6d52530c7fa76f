#pragma once
// Presence: who is online now, and who was online when.

#include <Poco/Timestamp.h>

#include <cstdint>
#include <optional>
#include <string>

namespace toom {

/// A logged-in user as others see them (ATU, whoelse, /activeuser).
struct OnlineUser {
    std::string username;
    std::string address;   ///< The client's IP address as the server sees it.
    int udpPort = 0;       ///< The client's P2P UDP port; 0 when it announced none.
    Poco::Timestamp since; ///< When this session logged in.
    int chatPort = 0;      ///< The client's TCP port for direct private chat; 0 = none.
};

/// One login session in the history used by whoelsesince.
struct LoginRecord {
    std::string username;
    std::string address;
    int udpPort = 0;
    Poco::Timestamp loginAt;
    std::optional<Poco::Timestamp> logoutAt; ///< Empty while the session lasts.
    /// The store's id of this login; 0 lets the store choose (see LoginHistory::recordLogin).
    std::int64_t id = 0;
};

} // namespace toom
