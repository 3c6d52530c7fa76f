#pragma once
// Delivery of events to online users. Delivery only queues bytes on the recipients' outboxes;
// it never waits for a socket.

#include "common/ServerLine.h"

#include <functional>
#include <string>

namespace toom {

class Messenger {
public:
    virtual ~Messenger() = default;

    /// Queues `event` for `username`. False when the user is not online (or their connection
    /// is closing).
    virtual bool sendTo(const std::string& username, const ServerLine& event) = 0;

    /// Queues `event` for every online user except `except` for whom `accept(name)` is true.
    /// Returns how many users it was queued for.
    virtual std::size_t broadcast(const ServerLine& event, const std::string& except,
                                  const std::function<bool(const std::string&)>& accept) = 0;
};

} // namespace toom
