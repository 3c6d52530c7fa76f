#pragma once
// PrivateMessageService over the Messenger (live delivery) and the Store (offline queue).

#include "Messenger.h"
#include "PrivateLogFile.h"
#include "PrivateMessageService.h"
#include "Settings.h"
#include "Store.h"

#include <mutex>

namespace toom {

class PrivateMessenger final : public PrivateMessageService {
public:
    PrivateMessenger(Messenger& messenger, Store& store, PrivateLogFile& log,
                     const Settings& settings);

    Outcome send(const PrivateMessage& message) override;
    std::size_t deliverStored(const std::string& recipient) override;

    /// The event a recipient gets for `message`.
    ServerLine event(const PrivateMessage& message, bool wasStored) const;

private:
    Messenger& _messenger;
    Store& _store;
    PrivateLogFile& _log;
    const Settings& _settings;
    /// Orders "store while offline" against "deliver at login", so a message sent while its
    /// recipient logs in is neither lost nor delivered out of order.
    std::mutex _mutex;
};

} // namespace toom
