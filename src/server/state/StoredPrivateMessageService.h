#pragma once
// PrivateMessageService over the Messenger (live delivery) and the Store (every message: the
// offline queue and the history).
//
// Sending never reads the store: how many messages wait for each recipient is kept here (loaded
// once at start), so a message to an online user costs a push and a queued write. The lock that
// orders "queue while offline" against "deliver at login" is per recipient (striped), so
// senders to different users do not wait for each other.

#include "common/Mutex.h"
#include "server/store/PrivateLogFile.h"
#include "server/store/PrivateMessageStore.h"
#include "services/Messenger.h"
#include "services/PrivateMessageService.h"
#include "services/ServerSettings.h"

#include <array>
#include <string>
#include <unordered_map>

namespace toom {

class StoredPrivateMessageService final : public PrivateMessageService {
public:
    StoredPrivateMessageService(Messenger& messenger, PrivateMessageStore& store,
                                PrivateLogFile& log, const ServerSettings& settings);

    Outcome send(const PrivateMessage& message) override;
    StoredDelivery deliverStored(const std::string& recipient, std::size_t maxBytes) override;
    Conversation conversation(const std::string& user, const std::string& other,
                              std::size_t limit) override;

    /// The event a recipient gets for `message`.
    ServerLine event(const PrivateMessage& message, bool wasStored) const;

private:
    Messenger& _messenger;
    PrivateMessageStore& _store;
    PrivateLogFile& _log;
    const ServerSettings& _settings;
    /// Orders "store while offline" against "deliver at login", so a message sent while its
    /// recipient logs in is neither lost nor delivered out of order; with it, how many
    /// messages wait for each recipient of the stripe (absent: none).
    struct Stripe {
        Mutex mutex;
        std::unordered_map<std::string, std::size_t> waiting TOOM_GUARDED_BY(mutex);
    };
    static constexpr std::size_t kStripes = 64;
    Stripe& stripeOf(const std::string& recipient);
    std::array<Stripe, kStripes> _stripes;
};

} // namespace toom
