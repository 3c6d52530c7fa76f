#include "server/ServerConfig.h"

#include <Poco/Exception.h>
#include <Poco/Path.h>

#include <algorithm>

namespace toom {

namespace {
std::string absolute(const std::string& path) {
    if (path.empty())
        return path;
    return Poco::Path(path).makeAbsolute().toString();
}

int boundedInt(const Poco::Util::AbstractConfiguration& config, const std::string& key,
               int fallback, int minimum, int maximum) {
    const int value = config.getInt(key, fallback);
    if (value < minimum || value > maximum)
        throw Poco::InvalidArgumentException(key + " must be between " + std::to_string(minimum) +
                                             " and " + std::to_string(maximum));
    return value;
}
double boundedDouble(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                     double fallback, double minimum, double maximum) {
    const double value = config.getDouble(key, fallback);
    if (!(value >= minimum && value <= maximum)) // Also refuses NaN.
        throw Poco::InvalidArgumentException(key + " must be between " + std::to_string(minimum) +
                                             " and " + std::to_string(maximum));
    return value;
}
PresenceScope presenceScopeFrom(const Poco::Util::AbstractConfiguration& config,
                                PresenceScope fallback) {
    const std::string value = config.getString(
        "presence.scope", fallback == PresenceScope::Everyone ? "everyone" : "contacts");
    if (value == "everyone")
        return PresenceScope::Everyone;
    if (value == "contacts")
        return PresenceScope::Contacts;
    throw Poco::InvalidArgumentException("presence.scope must be 'everyone' or 'contacts'");
}

LockScope lockScopeFrom(const Poco::Util::AbstractConfiguration& config, LockScope fallback) {
    const std::string value = config.getString(
        "auth.lock_scope", fallback == LockScope::Username ? "username" : "address");
    if (value == "username")
        return LockScope::Username;
    if (value == "address")
        return LockScope::UsernameAndAddress;
    throw Poco::InvalidArgumentException("auth.lock_scope must be 'username' or 'address'");
}
} // namespace

ServerOptions optionsFromConfig(const Poco::Util::AbstractConfiguration& config) {
    const std::string profileName = config.getString("toom.profile", defaultProfile().name);
    auto profile = findProfile(profileName);
    if (!profile)
        throw Poco::InvalidArgumentException("unknown profile '" + profileName +
                                             "'; profiles: " + profileNames());
    ServerOptions o;
    ServerSettings& s = o.settings;
    s = ServerSettings::fromProfile(*profile);

    o.port = boundedInt(config, "toom.port", 4000, 0, 65535);
    o.bindAddress = config.getString("toom.bind", o.bindAddress);
    o.dataDir = absolute(config.getString("toom.data_dir", o.dataDir));
    o.logDir = absolute(config.getString("toom.log_dir", o.dataDir));
    o.credentialsFile = absolute(config.getString("toom.credentials_file", "credentials.txt"));
    o.maxConnections = boundedInt(config, "toom.max_connections", o.maxConnections, 1, 100000);
    o.maxPreloginPerAddress =
        boundedInt(config, "toom.max_prelogin_per_address", o.maxPreloginPerAddress, 0, 100000);
    o.registrationBurst =
        boundedInt(config, "auth.registration_burst", o.registrationBurst, 0, 1000000);
    o.registrationsPerHour =
        boundedInt(config, "auth.registrations_per_hour", o.registrationsPerHour, 0, 1000000);
    o.housekeepingMillis =
        boundedInt(config, "toom.housekeeping_ms", o.housekeepingMillis, 10, 60000);
    o.keepState = config.getBool("toom.keep_state", o.keepState);
    o.historyRetentionDays =
        boundedInt(config, "toom.history_retention_days", o.historyRetentionDays, 1, 36500);
    o.eventLoops = boundedInt(config, "toom.event_loops", o.eventLoops, 0, 256);
    o.loginThreads = boundedInt(config, "auth.login_threads", o.loginThreads, 0, 256);
    o.helloText = config.getString("toom.hello_text", o.helloText);
    // The IRC door: on by default in the default profile only (the seeds know no IRC).
    const bool defaultProfileRun = profile->name == defaultProfile().name;
    const int ircPort = boundedInt(config, "irc.port", defaultProfileRun ? 6667 : 0, 0, 65535);
    if (ircPort > 0)
        o.irc.port = ircPort;
    o.irc.bindAddress = config.getString("irc.bind", o.bindAddress);
    o.irc.serverName = config.getString("irc.server_name", o.irc.serverName);
    if (o.irc.serverName.empty() || o.irc.serverName.find_first_of(" :!@,") != std::string::npos)
        throw Poco::InvalidArgumentException(
            "irc.server_name must be one word without ':', '!', '@' or ','");
    o.irc.network = config.getString("irc.network", o.irc.network);
    if (o.irc.network.empty() || o.irc.network.find(' ') != std::string::npos)
        throw Poco::InvalidArgumentException("irc.network must be one word");
    o.irc.allowGuests = config.getBool("irc.allow_guests", defaultProfileRun);

    o.tls.port = boundedInt(config, "tls.port", 0, 0, 65535);
    o.tls.enabled = o.tls.port > 0;
    o.tls.bindAddress = config.getString("tls.bind", o.bindAddress);
    o.tls.certificateFile = absolute(config.getString("tls.certificate_file", ""));
    o.tls.privateKeyFile = absolute(config.getString("tls.private_key_file", ""));
    o.tls.handshakeTimeoutMillis =
        1000 * boundedInt(config, "tls.handshake_timeout_seconds", 10, 1, 3600);
    if (o.tls.enabled && (o.tls.certificateFile.empty() || o.tls.privateKeyFile.empty()))
        throw Poco::InvalidArgumentException(
            "tls.port needs tls.certificate_file and tls.private_key_file (PEM files)");
    if (o.tls.enabled && o.tls.port == o.port && o.tls.bindAddress == o.bindAddress)
        throw Poco::InvalidArgumentException("tls.port must differ from toom.port");

    s.maxLineBytes =
        static_cast<std::size_t>(boundedInt(config, "toom.max_line_bytes", 4096, 64, 1 << 20));
    s.maxOutboundBytes = static_cast<std::size_t>(
        boundedInt(config, "toom.max_outbound_bytes", 1 << 20, 4096, 1 << 30));
    // A reply may fill at most half the send queue: the rest is for events that arrive while
    // the client reads it (see ClientHandler::serveQueued).
    s.maxReplyBytes = std::min(static_cast<std::size_t>(boundedInt(config, "toom.max_reply_bytes",
                                                                   256 << 10, 1024, 1 << 30)),
                               s.maxOutboundBytes / 2);

    s.socketSendBufferBytes = boundedInt(config, "toom.socket_send_buffer_bytes", 0, 0, 64 << 20);
    s.tcpKeepAliveIdleSeconds =
        boundedInt(config, "toom.tcp_keepalive_idle_seconds", s.tcpKeepAliveIdleSeconds, 0, 86400);
    s.tcpKeepAliveIntervalSeconds = boundedInt(config, "toom.tcp_keepalive_interval_seconds",
                                               s.tcpKeepAliveIntervalSeconds, 1, 3600);
    s.tcpKeepAliveProbes =
        boundedInt(config, "toom.tcp_keepalive_probes", s.tcpKeepAliveProbes, 1, 100);
    s.maxLoginAttempts = boundedInt(config, "auth.max_attempts", s.maxLoginAttempts, 1, 1000);
    s.lockSeconds = boundedInt(config, "auth.lock_seconds", s.lockSeconds, 0, 86400 * 365);
    s.lockScope = lockScopeFrom(config, s.lockScope);
    s.sessionTakeover = config.getBool("auth.takeover", s.sessionTakeover);
    s.slowAfterFailures =
        boundedInt(config, "auth.slow_after_failures", s.slowAfterFailures, 1, 1000000);
    s.slowDelayMs = boundedInt(config, "auth.slow_delay_ms", s.slowDelayMs, 0, 60000);
    s.slowMaxDelayMs = boundedInt(config, "auth.slow_max_delay_ms", s.slowMaxDelayMs, 0, 60000);
    s.slowForgetSeconds =
        boundedInt(config, "auth.slow_forget_seconds", s.slowForgetSeconds, 1, 86400);
    s.maxTrackedLogins = static_cast<std::size_t>(
        boundedInt(config, "auth.max_tracked", static_cast<int>(s.maxTrackedLogins), 16, 10000000));
    s.selfRegistration = config.getBool("auth.self_registration", s.selfRegistration);
    s.loginTimeoutSeconds =
        boundedInt(config, "auth.login_timeout_seconds", s.loginTimeoutSeconds, 0, 86400);
    o.pbkdf2Iterations = boundedInt(config, "auth.pbkdf2_iterations", 0, 0, 10000000);
    o.saveRegistrationsToCredentials =
        config.getBool("auth.save_registrations_to_credentials", false);

    s.idleTimeoutSeconds =
        boundedInt(config, "session.idle_timeout_seconds", s.idleTimeoutSeconds, 0, 86400 * 365);
    s.presenceNotices = config.getBool("presence.notices", s.presenceNotices);
    s.presenceScope = presenceScopeFrom(config, s.presenceScope);
    s.padDay = config.getBool("time.pad_day", s.padDay);
    s.consoleAudit = config.getBool("audit.console", s.consoleAudit);
    s.auditMessageText = config.getBool("audit.message_text", s.auditMessageText);

    o.flood.linesPerSecond =
        boundedDouble(config, "flood.lines_per_second", o.flood.linesPerSecond, 0, 1e6);
    o.flood.burst = boundedDouble(config, "flood.burst", o.flood.burst, 1, 1e6);
    o.flood.unknownCommandCost =
        boundedDouble(config, "flood.unknown_command_cost", o.flood.unknownCommandCost, 1, 1e6);

    s.maxReadRows =
        static_cast<std::size_t>(boundedInt(config, "board.max_read_rows", 100, 1, 100000));
    const int maxRows = static_cast<int>(s.maxReadRows);
    s.recentRows = static_cast<std::size_t>(
        boundedInt(config, "board.recent_rows", std::min(20, maxRows), 1, maxRows));
    s.shortForms = config.getBool("commands.short_forms", s.shortForms);
    s.maxOfflineMessages =
        static_cast<std::size_t>(boundedInt(config, "messages.offline_queue_max", 100, 0, 1000000));
    s.loginBacklog = static_cast<std::size_t>(
        boundedInt(config, "login.backlog", static_cast<int>(s.loginBacklog), 0, 100));
    s.maxBlocksPerUser =
        static_cast<std::size_t>(boundedInt(config, "blocks.max_per_user", 1000, 1, 1000000));
    s.maxRoomMembers =
        static_cast<std::size_t>(boundedInt(config, "rooms.max_members", 100, 2, 10000));
    s.maxGroupNameLength =
        static_cast<std::size_t>(boundedInt(config, "rooms.max_group_name_length", 64, 1, 255));
    s.maxFileOfferBytes =
        static_cast<std::uint64_t>(boundedInt(config, "p2p.max_file_mb", 4096, 1, 1 << 20)) << 20;
    s.privateRequestSeconds =
        boundedInt(config, "p2p.request_timeout_seconds", s.privateRequestSeconds, 5, 86400);
    s.maxPrivateChats =
        static_cast<std::size_t>(boundedInt(config, "p2p.max_private_chats", 8, 1, 1000));
    s.boardLogFile = config.getString("logs.board_file", s.boardLogFile);
    s.privateLogFile = config.getString("logs.private_file", s.privateLogFile);
    return o;
}

} // namespace toom
