#pragma once
// The server's effective settings: the profile's defaults with the config file's overrides
// applied (see ServerConfig, which builds this from Poco's configuration).

#include "common/Profile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace toom {

struct ServerSettings {
    Profile profile = defaultProfile();

    // Protocol limits.
    std::size_t maxLineBytes = 4096;        ///< Longer request lines get LINE_TOO_LONG.
    std::size_t maxOutboundBytes = 1 << 20; ///< Per-connection send queue; overflow disconnects.
    int socketSendBufferBytes = 0;          ///< SO_SNDBUF of client sockets; 0 = kernel default.

    // Accounts and sessions (defaults come from the profile).
    int maxLoginAttempts = 3;
    int lockSeconds = 10;
    int idleTimeoutSeconds = 0;    ///< 0 = off.
    int loginTimeoutSeconds = 300; ///< Close connections that never log in; 0 = off.
    bool selfRegistration = true;
    bool presenceNotices = true;
    bool padDay = true;
    bool consoleAudit = true;

    // Messaging.
    std::size_t maxReadRows = 100;        ///< Rows one RDM returns at most.
    std::size_t maxOfflineMessages = 100; ///< Queued private messages per offline user.
    std::size_t maxBlocksPerUser = 1000;
    std::size_t maxRoomMembers = 100; ///< Users one SRB or /creategroup may name.
    MessageStyle messageStyle = MessageStyle::Timestamped;
    BoardLogFormat boardLogFormat = BoardLogFormat::Plain;
    std::string boardLogFile;   ///< File name in the log directory; empty = none.
    std::string privateLogFile; ///< File name in the log directory; empty = none.

    // Peer to peer (brokered; the bytes go between clients).
    std::uint64_t maxFileOfferBytes = 4ull << 30; ///< Largest file UPD may offer.
    int privateRequestSeconds = 120; ///< An unanswered startprivate expires after this.
    std::size_t maxPrivateChats = 8; ///< Open chats plus waiting requests, per user.

    /// ServerSettings with the profile's defaults.
    static ServerSettings fromProfile(const Profile& profile) {
        ServerSettings s;
        s.profile = profile;
        s.maxLoginAttempts = profile.maxLoginAttempts;
        s.lockSeconds = profile.lockSeconds;
        s.idleTimeoutSeconds = profile.idleTimeoutSeconds;
        s.selfRegistration = profile.selfRegistration;
        s.presenceNotices = profile.presenceNotices;
        s.padDay = profile.padDay;
        s.consoleAudit = profile.consoleAudit;
        s.messageStyle = profile.messageStyle;
        s.boardLogFormat = profile.boardLog;
        s.boardLogFile = profile.boardLogFile;
        s.privateLogFile = profile.privateLogFile;
        return s;
    }
};

} // namespace toom
