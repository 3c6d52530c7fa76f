#pragma once
// PrivateMessageService over the Messenger (live delivery) and the Store (offline queue).

#include "common/Mutex.h"
#include "server/store/OfflineMessageStore.h"
#include "server/store/PrivateLogFile.h"
#include "services/Messenger.h"
#include "services/PrivateMessageService.h"
#include "services/ServerSettings.h"

namespace toom {

class StoredPrivateMessageService final : public PrivateMessageService {
public:
    StoredPrivateMessageService(Messenger& messenger, OfflineMessageStore& store,
                                PrivateLogFile& log, const ServerSettings& settings);

    Outcome send(const PrivateMessage& message) override;
    StoredDelivery deliverStored(const std::string& recipient, std::size_t maxBytes) override;

    /// The event a recipient gets for `message`.
    ServerLine event(const PrivateMessage& message, bool wasStored) const;

private:
    Messenger& _messenger;
    OfflineMessageStore& _store;
    PrivateLogFile& _log;
    const ServerSettings& _settings;
    /// Orders "store while offline" against "deliver at login", so a message sent while its
    /// recipient logs in is neither lost nor delivered out of order.
    Mutex _mutex;
};

} // namespace toom
