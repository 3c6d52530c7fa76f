#include "server/state/LocalPresenceService.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"

#include <unordered_set>

namespace toom {

LocalPresenceService::LocalPresenceService(SessionDirectory& directory, LoginHistory& store,
                                           UserLogFile& userLog, Messenger& messenger,
                                           const BlockPolicy& blocks,
                                           const ServerSettings& settings, Clock& clock,
                                           const PresenceAudience* contacts)
    : _directory(directory)
    , _store(store)
    , _userLog(userLog)
    , _messenger(messenger)
    , _blocks(blocks)
    , _settings(settings)
    , _clock(clock)
    , _contacts(contacts) {}

bool LocalPresenceService::enter(const OnlineUser& user, std::shared_ptr<Outbox> outbox) {
    const Outbox& session = *outbox;
    if (!_directory.add(user, std::move(outbox)))
        return false;
    recordEntered(user, session);
    _userLog.add(user);
    notify(user, true);
    return true;
}

std::shared_ptr<Outbox> LocalPresenceService::takeOver(const OnlineUser& user,
                                                       std::shared_ptr<Outbox> outbox) {
    // The new login is recorded before the session enters the directory: a second takeover
    // right behind this one, which finds this session there, then finds its login id too, and
    // closes the right record.
    recordEntered(user, *outbox);
    auto previous = _directory.replace(user, std::move(outbox));
    if (!previous) {
        // Nobody to take over: an ordinary login.
        _userLog.add(user);
        notify(user, true);
        return nullptr;
    }
    // The user stays online throughout, so nobody is told anything: no "logged out" followed by
    // "logged in" for what is, to the others, the same user. The history and userlog.txt follow
    // the connection, as they would for a logout and a login.
    std::optional<std::int64_t> oldId;
    {
        MutexLock lock(_loginIdsMutex);
        if (auto it = _loginIds.find(previous->outbox.get()); it != _loginIds.end()) {
            oldId = it->second;
            _loginIds.erase(it);
        }
    }
    if (oldId) {
        const Poco::Timestamp at = _clock.now();
        _store.recordLogout(*oldId, at);
        rememberLogout(user.username, at);
    }
    _userLog.replace(user);
    // The old client's direct chats and requests die with its connection.
    for (const auto& listener : _leaveListeners)
        listener(user.username, CloseReason::TakenOver);
    return previous->outbox;
}

void LocalPresenceService::leave(const std::string& username, CloseReason reason) {
    if (auto removed = _directory.remove(username))
        recordLeft(*removed, reason);
}

void LocalPresenceService::leaveSession(const std::string& username, const Outbox& session,
                                        CloseReason reason) {
    if (auto removed = _directory.removeSession(username, session))
        recordLeft(*removed, reason);
}

void LocalPresenceService::recordEntered(const OnlineUser& user, const Outbox& outbox) {
    LoginRecord record{user.username, user.address, user.udpPort, user.since, std::nullopt};
    const std::int64_t id = _store.recordLogin(record);
    MutexLock lock(_loginIdsMutex);
    _loginIds[&outbox] = id;
}

void LocalPresenceService::recordLeft(const SessionDirectory::Entry& removed, CloseReason reason) {
    const std::string& username = removed.user.username;
    std::optional<std::int64_t> id;
    {
        MutexLock lock(_loginIdsMutex);
        if (auto it = _loginIds.find(removed.outbox.get()); it != _loginIds.end()) {
            id = it->second;
            _loginIds.erase(it);
        }
    }
    if (id) {
        const Poco::Timestamp at = _clock.now();
        _store.recordLogout(*id, at);
        rememberLogout(username, at);
    }
    _userLog.remove(username);
    // Nobody is left to tell while the server goes down.
    if (reason != CloseReason::Shutdown)
        notify(removed.user, false);
    for (const auto& listener : _leaveListeners)
        listener(username, reason);
}

void LocalPresenceService::addLeaveListener(LeaveListener listener) {
    _leaveListeners.push_back(std::move(listener));
}

void LocalPresenceService::setChatPort(const std::string& username, int chatPort) {
    _directory.setChatPort(username, chatPort);
}

void LocalPresenceService::setUdpPort(const std::string& username, int udpPort) {
    if (_directory.setUdpPort(username, udpPort))
        _userLog.updateUdpPort(username, udpPort);
}

std::vector<OnlineUser> LocalPresenceService::online() const {
    std::vector<OnlineUser> out;
    for (const auto& entry : _directory.snapshot())
        out.push_back(entry.user);
    return out;
}

std::optional<OnlineUser> LocalPresenceService::find(const std::string& username) const {
    auto entry = _directory.find(username);
    if (!entry)
        return std::nullopt;
    return entry->user;
}

std::vector<std::string> LocalPresenceService::seenSince(Poco::Timestamp since) const {
    std::vector<std::string> names;
    std::unordered_set<std::string> seen;
    for (const auto& record : _store.loginsSince(since)) {
        if (seen.insert(record.username).second)
            names.push_back(record.username);
    }
    return names;
}

void LocalPresenceService::rememberLogout(const std::string& username, Poco::Timestamp at) {
    MutexLock lock(_logoutsMutex);
    if (_lastLogouts.size() >= kMaxRememberedLogouts && !_lastLogouts.contains(username))
        _lastLogouts.clear(); // Rare; what is forgotten is in the store (committed by now).
    _lastLogouts[username] = at;
}

std::optional<Poco::Timestamp> LocalPresenceService::lastLogout(const std::string& username) const {
    {
        MutexLock lock(_logoutsMutex);
        if (auto it = _lastLogouts.find(username); it != _lastLogouts.end())
            return it->second;
    }
    // Not this run (or forgotten): the store's, committed long since.
    return _store.lastLogout(username);
}

void LocalPresenceService::notify(const OnlineUser& subject, bool online) {
    if (!_settings.presenceNotices)
        return;
    ServerLine event = ServerLine::event(std::string(ev::kPresence));
    event.with("user", subject.username)
        .with("state", online ? "online" : "offline")
        .with("at", isoTime(_clock.now()))
        .say(subject.username + (online ? " logged in" : " logged out"));
    if (_settings.presenceScope == PresenceScope::Contacts && _contacts) {
        // Only the subject's contacts, formatted once; a user blocked by the subject (or who
        // blocked them) hears nothing.
        std::vector<std::string> audience;
        for (auto& viewer : _contacts->audienceOf(subject.username)) {
            if (viewer != subject.username && _blocks.maySee(viewer, subject.username))
                audience.push_back(std::move(viewer));
        }
        _messenger.sendToEach(audience, event);
        return;
    }
    // A user blocked by the subject hears nothing about the subject.
    _messenger.broadcast(event, subject.username, [&](const std::string& viewer) {
        return _blocks.maySee(viewer, subject.username);
    });
}

} // namespace toom
