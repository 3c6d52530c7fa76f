#pragma once
// One slice of the durable store. Private messages waiting for a user who was offline.
// SqliteStore implements every slice over one SQLite connection; a service depends only on the
// slices it uses, and each slice has its own small mock (tests/support/mocks/MockStores.h).

#include "models/PrivateMessage.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace toom {

class OfflineMessageStore {
public:
    virtual ~OfflineMessageStore() = default;

    /// Queues a message for an offline recipient; returns its id.
    virtual std::int64_t insertOfflineMessage(const PrivateMessage& message) = 0;

    /// The messages waiting for `recipient`, oldest first.
    virtual std::vector<PrivateMessage> offlineMessagesFor(const std::string& recipient) = 0;

    /// How many messages wait for `recipient`.
    virtual std::size_t offlineMessageCount(const std::string& recipient) = 0;

    /// Removes delivered messages.
    virtual void deleteOfflineMessages(const std::vector<std::int64_t>& ids) = 0;
};

} // namespace toom
