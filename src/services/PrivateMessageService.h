#pragma once
// Private messages between two users: delivered at once to an online recipient, otherwise
// kept (bounded per recipient) and delivered, in order, at their next login.

#include "models/PrivateMessage.h"

#include <cstddef>
#include <string>
#include <vector>

namespace toom {

class PrivateMessageService {
public:
    virtual ~PrivateMessageService() = default;

    enum class Outcome {
        Delivered, ///< Queued on the recipient's live connection.
        Stored,    ///< The recipient is offline; it waits for their next login.
        QueueFull  ///< The recipient is offline and their offline queue is full; nothing kept.
    };

    /// Sends `message` (sender, recipient, text, sentAt set by the caller). Permission checks
    /// (unknown user, self, blocks) are the caller's.
    virtual Outcome send(const PrivateMessage& message) = 0;

    /// What one deliverStored() call did.
    struct StoredDelivery {
        std::size_t delivered = 0; ///< Messages pushed (and removed from the store).
        bool more = false;         ///< It stopped at the byte budget; others still wait.
    };

    /// Pushes the messages waiting for `recipient`, oldest first, each with its original time,
    /// until about `maxBytes` of lines have been pushed (at least one message, whatever its
    /// size). The caller asks again for the rest once the recipient has read these, so that a
    /// long queue never overflows the connection's send queue.
    virtual StoredDelivery deliverStored(const std::string& recipient, std::size_t maxBytes) = 0;

    /// The latest private messages between two users.
    struct Conversation {
        std::vector<PrivateMessage> messages; ///< Oldest first.
        bool more = false;                    ///< Earlier ones exist.
    };

    /// The last `limit` private messages between `user` and `other`, in both directions,
    /// delivered or still waiting for an offline recipient, oldest first.
    virtual Conversation conversation(const std::string& user, const std::string& other,
                                      std::size_t limit) = 0;
};

} // namespace toom
