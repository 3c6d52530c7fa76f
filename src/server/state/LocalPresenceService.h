#pragma once
// PresenceService implementation: the session directory for who is online now, the store's
// login history for who was online when, userlog.txt for the seeds, and presence notices
// through the messenger (filtered by the block policy) to everyone online or, in the default
// profile, to the user's contacts (PresenceAudience).

#include "common/Mutex.h"
#include "server/state/PresenceAudience.h"
#include "server/state/SessionDirectory.h"
#include "server/store/LoginHistory.h"
#include "server/store/UserLogFile.h"
#include "services/BlockPolicy.h"
#include "services/Clock.h"
#include "services/Messenger.h"
#include "services/PresenceService.h"
#include "services/ServerSettings.h"

#include <functional>
#include <unordered_map>

namespace toom {

class LocalPresenceService final : public PresenceService {
public:
    LocalPresenceService(SessionDirectory& directory, LoginHistory& store, UserLogFile& userLog,
                         Messenger& messenger, const BlockPolicy& blocks,
                         const ServerSettings& settings, Clock& clock,
                         const PresenceAudience* contacts = nullptr);

    bool enter(const OnlineUser& user, std::shared_ptr<Outbox> outbox) override;
    std::shared_ptr<Outbox> takeOver(const OnlineUser& user,
                                     std::shared_ptr<Outbox> outbox) override;
    void leave(const std::string& username, CloseReason reason) override;
    void leaveSession(const std::string& username, const Outbox& session,
                      CloseReason reason) override;
    void setUdpPort(const std::string& username, int udpPort) override;
    void setChatPort(const std::string& username, int chatPort) override;

    /// Called after a user left (logout, timeout, lost connection, shutdown) or their session was
    /// taken over (CloseReason::TakenOver), outside any lock of this class. Add listeners before
    /// the server starts; they must be thread-safe.
    using LeaveListener = std::function<void(const std::string& username, CloseReason reason)>;
    void addLeaveListener(LeaveListener listener);
    std::vector<OnlineUser> online() const override;
    std::optional<OnlineUser> find(const std::string& username) const override;
    std::vector<std::string> seenSince(Poco::Timestamp since) const override;
    std::optional<Poco::Timestamp> lastLogout(const std::string& username) const override;

private:
    /// The history, the log and the notices of a login that entered the directory.
    void recordEntered(const OnlineUser& user, const Outbox& outbox);
    /// The same for an entry that left it.
    void recordLeft(const SessionDirectory::Entry& removed, CloseReason reason);
    void notify(const OnlineUser& subject, bool online);

    SessionDirectory& _directory;
    LoginHistory& _store;
    UserLogFile& _userLog;
    Messenger& _messenger;
    const BlockPolicy& _blocks;
    const ServerSettings& _settings;
    Clock& _clock;
    /// Who hears about a user under PresenceScope::Contacts; null: everyone online.
    const PresenceAudience* _contacts;

    Mutex _loginIdsMutex;
    /// The store's login id of each session online, by its outbox (not by name: after a
    /// takeover, two sessions of one name exist for a moment, and each closes its own record).
    std::unordered_map<const Outbox*, std::int64_t> _loginIds TOOM_GUARDED_BY(_loginIdsMutex);
    std::vector<LeaveListener> _leaveListeners; ///< Fixed before serving starts.

    /// Remembers that `username` logged out at `at` (see lastLogout).
    void rememberLogout(const std::string& username, Poco::Timestamp at);
    /// The logouts of this run, newest per user: the store may not have committed them yet
    /// when the user logs in again, and asking it to settle would make every login wait for a
    /// commit. Bounded (kMaxRememberedLogouts); past it the store answers again.
    static constexpr std::size_t kMaxRememberedLogouts = 1 << 18;
    mutable Mutex _logoutsMutex;
    std::unordered_map<std::string, Poco::Timestamp> _lastLogouts TOOM_GUARDED_BY(_logoutsMutex);
};

} // namespace toom
