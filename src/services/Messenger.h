#pragma once
// Delivery of events to online users. Delivery only queues bytes on the recipients' outboxes;
// it never waits for a socket.

#include "common/ServerLine.h"

#include <functional>
#include <string>
#include <vector>

namespace toom {

class Messenger {
public:
    virtual ~Messenger() = default;

    /// Queues `event` for `username`. False when the user is not online (or their connection
    /// is closing).
    virtual bool sendTo(const std::string& username, const ServerLine& event) = 0;

    /// Queues `event` for each of `usernames` who is online; returns for how many. This
    /// default sends through sendTo one by one; a messenger that can format the line once and
    /// look everyone up in one pass overrides it (a room message goes to every member).
    virtual std::size_t sendToEach(const std::vector<std::string>& usernames,
                                   const ServerLine& event) {
        std::size_t delivered = 0;
        for (const auto& name : usernames) {
            if (sendTo(name, event))
                ++delivered;
        }
        return delivered;
    }

    /// Queues `event` for every online user except `except` for whom `accept(name)` is true.
    /// Returns how many users it was queued for.
    virtual std::size_t broadcast(const ServerLine& event, const std::string& except,
                                  const std::function<bool(const std::string&)>& accept) = 0;
};

} // namespace toom
