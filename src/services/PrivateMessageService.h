#pragma once
// Private messages between two users: delivered at once to an online recipient, otherwise
// kept (bounded per recipient) and delivered, in order, at their next login.

#include "models/PrivateMessage.h"

#include <string>

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

    /// Pushes every message waiting for `recipient`, oldest first, each with its original
    /// time; returns how many.
    virtual std::size_t deliverStored(const std::string& recipient) = 0;
};

} // namespace toom
