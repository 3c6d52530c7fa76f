#pragma once
// The server's effective settings: the profile's defaults with the config file's overrides
// applied (see ServerConfig, which builds this from Poco's configuration).

#include "common/Profile.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace toom {

struct ServerSettings {
    Profile profile = defaultProfile();

    // Protocol limits.
    std::size_t maxLineBytes = 4096;        ///< Longer request lines get LINE_TOO_LONG.
    std::size_t maxOutboundBytes = 1 << 20; ///< Per-connection send queue; overflow disconnects.
    /// Bytes the DATA rows of one reply may take; a listing that would be longer stops and says
    /// `more=`. At most half of maxOutboundBytes, so that a client's own replies never overflow
    /// its queue (a request is served only while the backlog is under half).
    std::size_t maxReplyBytes = 256 << 10;
    /// The byte budget of one reply's rows as applied: maxReplyBytes, but never more than half
    /// of maxOutboundBytes whatever the two were set to.
    std::size_t replyByteBudget() const { return std::min(maxReplyBytes, maxOutboundBytes / 2); }
    int socketSendBufferBytes = 0; ///< SO_SNDBUF of client sockets; 0 = kernel default.
    /// TCP keepalive on client sockets, so that a client that vanished without a word (a laptop
    /// lid, a dead NAT) is noticed and its session ends: idle seconds before the first probe
    /// (0 = keepalive off), seconds between probes, unanswered probes before the connection is
    /// dropped.
    int tcpKeepAliveIdleSeconds = 60;
    int tcpKeepAliveIntervalSeconds = 10;
    int tcpKeepAliveProbes = 5;

    // Accounts and sessions (defaults come from the profile).
    int maxLoginAttempts = 3;
    int lockSeconds = 10;
    LockScope lockScope = LockScope::Username; ///< What a lock holds (Profile::lockScope).
    bool sessionTakeover = false; ///< A correct password takes an online user's session over.
    // The slow-down of LockScope::UsernameAndAddress: failures for one username from every
    // address fill a bucket that leaks one failure every `slowForgetSeconds`; from
    // `slowAfterFailures` in it, password answers for the username wait `slowDelayMs`, doubled
    // for each further failure, at most `slowMaxDelayMs`.
    int slowAfterFailures = 5;
    int slowDelayMs = 250;
    int slowMaxDelayMs = 4000;
    int slowForgetSeconds = 10;
    std::size_t maxTrackedLogins = 100000; ///< Failure counters kept at most (per kind).
    int idleTimeoutSeconds = 0;            ///< 0 = off.
    /// Close connections that have not logged in after this long; 0 = off. A minute is plenty
    /// for a person at a prompt and keeps a stranger's idle connections short-lived.
    int loginTimeoutSeconds = 60;
    bool selfRegistration = true;
    bool presenceNotices = true;
    PresenceScope presenceScope = PresenceScope::Everyone; ///< Who hears them (Profile).
    bool padDay = true;
    bool consoleAudit = true; ///< Audit lines (who did what) on the server console and log.
    /// Audit lines may quote what users wrote (posts, private and room messages). Off, the
    /// lines that would quote text are left out.
    bool auditMessageText = true;

    // Messaging.
    std::size_t maxReadRows = 100; ///< Rows one RDM returns at most.
    /// Rows READ and HISTORY return when no time is given: the latest this many (at most
    /// maxReadRows).
    std::size_t recentRows = 20;
    /// recentRows as applied: never more than maxReadRows, whatever the two were set to.
    std::size_t latestRows() const { return std::min(recentRows, maxReadRows); }
    /// Commands accept their short forms (Profile::shortForms).
    bool shortForms = true;
    std::size_t maxOfflineMessages = 100; ///< Queued private messages per offline user.
    /// At login, the latest this many board posts and messages of each room and group the user
    /// missed while away, after the waiting private messages; 0 = none (Profile::loginBacklog).
    std::size_t loginBacklog = 0;
    std::size_t maxBlocksPerUser = 1000;
    std::size_t maxRoomMembers = 100;    ///< Users one SRB or /creategroup may name.
    std::size_t maxGroupNameLength = 64; ///< Longest group name (letters and digits).
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
        s.lockScope = profile.lockScope;
        s.sessionTakeover = profile.sessionTakeover;
        s.idleTimeoutSeconds = profile.idleTimeoutSeconds;
        s.selfRegistration = profile.selfRegistration;
        s.presenceNotices = profile.presenceNotices;
        s.presenceScope = profile.presenceScope;
        s.padDay = profile.padDay;
        s.consoleAudit = profile.consoleAudit;
        s.auditMessageText = profile.auditMessageText;
        s.messageStyle = profile.messageStyle;
        s.shortForms = profile.shortForms;
        s.boardLogFormat = profile.boardLog;
        s.boardLogFile = profile.boardLogFile;
        s.privateLogFile = profile.privateLogFile;
        s.loginBacklog = static_cast<std::size_t>(std::max(0, profile.loginBacklog));
        return s;
    }
};

} // namespace toom
