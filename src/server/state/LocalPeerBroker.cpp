#include "server/state/LocalPeerBroker.h"

#include "common/Hex.h"
#include "common/Protocol.h"

#include <Poco/RandomStream.h>

#include <algorithm>
#include <array>

namespace toom {

namespace {
const char* reasonName(CloseReason reason) {
    switch (reason) {
    case CloseReason::Logout:
        return "logout";
    case CloseReason::IdleTimeout:
        return "timeout";
    default:
        return "offline";
    }
}

std::string whyGone(const std::string& user, CloseReason reason) {
    switch (reason) {
    case CloseReason::Logout:
        return user + " logged out";
    case CloseReason::IdleTimeout:
        return user + " timed out";
    default:
        return user + " went offline";
    }
}
} // namespace

LocalPeerBroker::LocalPeerBroker(Messenger& messenger, const ServerSettings& settings, Clock& clock)
    : _messenger(messenger)
    , _settings(settings)
    , _clock(clock) {}

std::string LocalPeerBroker::newToken() {
    // /dev/urandom through Poco: tokens must not be guessable by a third client that knows
    // when they were made, which rules out a seeded PRNG.
    std::array<unsigned char, 16> bytes{};
    Poco::RandomInputStream random;
    random.read(reinterpret_cast<char*>(bytes.data()), bytes.size());
    return toHex(bytes.data(), bytes.size());
}

LocalPeerBroker::Pair LocalPeerBroker::pairOf(const std::string& a, const std::string& b) {
    return a < b ? Pair{a, b} : Pair{b, a};
}

void LocalPeerBroker::dropExpiredLocked() {
    const Poco::Timestamp::TimeDiff ttl =
        static_cast<Poco::Timestamp::TimeDiff>(_settings.privateRequestSeconds) * 1000000;
    const Poco::Timestamp now = _clock.now();
    std::erase_if(_requests, [&](const Request& r) { return now - r.at >= ttl; });
}

std::size_t LocalPeerBroker::involvementLocked(const std::string& username) const {
    std::size_t count = 0;
    for (const auto& pair : _open)
        count += pair.first == username || pair.second == username;
    for (const auto& request : _requests)
        count += request.requester == username || request.target == username;
    return count;
}

PeerBroker::AskOutcome LocalPeerBroker::ask(const std::string& requester,
                                            const std::string& target) {
    MutexLock lock(_mutex);
    dropExpiredLocked();
    if (_open.count(pairOf(requester, target)))
        return AskOutcome::AlreadyOpen;
    for (const auto& request : _requests) {
        if (request.requester == requester && request.target == target)
            return AskOutcome::AlreadyAsked;
    }
    if (involvementLocked(requester) >= _settings.maxPrivateChats ||
        involvementLocked(target) >= _settings.maxPrivateChats)
        return AskOutcome::TooMany;
    _requests.push_back({requester, target, _clock.now()});
    return AskOutcome::Asked;
}

std::optional<PeerBroker::Answer>
LocalPeerBroker::answer(const std::string& target, const std::string& requester, bool accept) {
    MutexLock lock(_mutex);
    dropExpiredLocked();
    auto it = std::find_if(_requests.begin(), _requests.end(), [&](const Request& r) {
        return r.target == target && (requester.empty() || r.requester == requester);
    });
    if (it == _requests.end())
        return std::nullopt;
    Answer answer{it->requester, {}};
    // If both asked each other, one acceptance settles both requests.
    std::erase_if(_requests, [&](const Request& r) {
        return (r.requester == answer.requester && r.target == target) ||
               (accept && r.requester == target && r.target == answer.requester);
    });
    if (accept) {
        _open.insert(pairOf(answer.requester, target));
        answer.token = newToken();
    }
    return answer;
}

bool LocalPeerBroker::close(const std::string& a, const std::string& b) {
    MutexLock lock(_mutex);
    return _open.erase(pairOf(a, b)) > 0;
}

bool LocalPeerBroker::isOpen(const std::string& a, const std::string& b) const {
    MutexLock lock(_mutex);
    return _open.count(pairOf(a, b)) > 0;
}

void LocalPeerBroker::userLeft(const std::string& username, CloseReason reason) {
    std::vector<std::string> chatPeers;
    std::vector<std::string> waitingRequesters; // asked `username`, now without an answer
    std::vector<std::string> askedTargets;      // were asked by `username`
    {
        MutexLock lock(_mutex);
        for (auto it = _open.begin(); it != _open.end();) {
            if (it->first == username || it->second == username) {
                chatPeers.push_back(it->first == username ? it->second : it->first);
                it = _open.erase(it);
            } else {
                ++it;
            }
        }
        dropExpiredLocked();
        for (const auto& request : _requests) {
            if (request.target == username)
                waitingRequesters.push_back(request.requester);
            else if (request.requester == username)
                askedTargets.push_back(request.target);
        }
        std::erase_if(_requests, [&](const Request& r) {
            return r.target == username || r.requester == username;
        });
    }
    // Events are queued after the lock is released: the messenger takes its own locks.
    if (reason == CloseReason::Shutdown)
        return;
    const std::string why = whyGone(username, reason);
    for (const auto& peer : chatPeers) {
        ServerLine event = ServerLine::event(std::string(ev::kPrivateEnded));
        event.with("user", username).with("reason", reasonName(reason));
        event.say(why + "; private messaging with " + username + " ended");
        _messenger.sendTo(peer, event);
    }
    for (const auto& requester : waitingRequesters) {
        ServerLine event = ServerLine::event(std::string(ev::kPrivateDeclined));
        event.with("user", username).with("reason", "offline");
        event.say(why + " before answering your private messaging request");
        _messenger.sendTo(requester, event);
    }
    for (const auto& target : askedTargets) {
        ServerLine event = ServerLine::event(std::string(ev::kPrivateEnded));
        event.with("user", username).with("reason", "withdrawn");
        event.say(why + "; their private messaging request is withdrawn");
        _messenger.sendTo(target, event);
    }
}

} // namespace toom
