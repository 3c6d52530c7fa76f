#pragma once
// PeerBroker implementation: in-memory requests and chats (they mean nothing after a restart:
// every client reconnects and every direct connection is gone), with bounded counts and
// requests that expire unanswered.

#include "common/Mutex.h"
#include "services/Clock.h"
#include "services/Messenger.h"
#include "services/PeerBroker.h"
#include "services/ServerSettings.h"

#include <set>
#include <utility>
#include <vector>

namespace toom {

class LocalPeerBroker final : public PeerBroker {
public:
    LocalPeerBroker(Messenger& messenger, const ServerSettings& settings, Clock& clock);

    std::string newToken() override;
    AskOutcome ask(const std::string& requester, const std::string& target) override;
    std::optional<Answer> answer(const std::string& target, const std::string& requester,
                                 bool accept) override;
    bool close(const std::string& a, const std::string& b) override;
    bool isOpen(const std::string& a, const std::string& b) const override;
    void userLeft(const std::string& username, CloseReason reason) override;

private:
    struct Request {
        std::string requester;
        std::string target;
        Poco::Timestamp at;
    };
    /// An unordered pair, stored smaller name first.
    using Pair = std::pair<std::string, std::string>;
    static Pair pairOf(const std::string& a, const std::string& b);

    void dropExpiredLocked() TOOM_REQUIRES(_mutex);
    std::size_t involvementLocked(const std::string& username) const TOOM_REQUIRES(_mutex);

    Messenger& _messenger;
    const ServerSettings& _settings;
    Clock& _clock;

    mutable Mutex _mutex;
    std::vector<Request> _requests TOOM_GUARDED_BY(_mutex); ///< Oldest first.
    std::set<Pair> _open TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
