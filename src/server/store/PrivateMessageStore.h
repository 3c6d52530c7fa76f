#pragma once
// One slice of the durable store. Every private message, delivered or still waiting for a
// recipient who was offline: the waiting ones are the offline queue, the delivered ones the
// history between two users. SqliteStore implements every slice over one SQLite connection; a
// service depends only on the slices it uses, and each slice has its own small mock
// (tests/support/mocks/MockStores.h).

#include "models/PrivateMessage.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace toom {

class PrivateMessageStore {
public:
    virtual ~PrivateMessageStore() = default;

    /// Keeps a message that was delivered at once (history only); returns its id. A nonzero
    /// `message.id` is used as the id (see BatchedStore, which numbers writes before they run).
    virtual std::int64_t insertDeliveredMessage(const PrivateMessage& message) = 0;

    /// Queues a message for an offline recipient; returns its id (`message.id` as above).
    virtual std::int64_t insertOfflineMessage(const PrivateMessage& message) = 0;

    /// The messages waiting for `recipient`, oldest first.
    virtual std::vector<PrivateMessage> offlineMessagesFor(const std::string& recipient) = 0;

    /// How many messages wait for `recipient`.
    virtual std::size_t offlineMessageCount(const std::string& recipient) = 0;

    /// How many messages wait, per recipient (only recipients with some).
    virtual std::map<std::string, std::size_t> offlineMessageCounts() = 0;

    /// Marks waiting messages as delivered: they leave the queue and stay in the history.
    virtual void markOfflineMessagesDelivered(const std::vector<std::int64_t>& ids) = 0;

    /// The last `limit` messages between `a` and `b` (either one the sender), delivered or
    /// waiting, oldest first.
    virtual std::vector<PrivateMessage> latestBetween(const std::string& a, const std::string& b,
                                                      std::size_t limit) = 0;
};

} // namespace toom
