#pragma once
// Messenger over the session directory: formats an event once and queues it on each
// recipient's outbox.

#include "server/state/SessionDirectory.h"
#include "services/Messenger.h"

namespace toom {

class LocalMessenger final : public Messenger {
public:
    explicit LocalMessenger(SessionDirectory& directory)
        : _directory(directory) {}

    bool sendTo(const std::string& username, const ServerLine& event) override;
    /// Formats `event` once and finds every recipient under one directory lock.
    std::size_t sendToEach(const std::vector<std::string>& usernames,
                           const ServerLine& event) override;
    std::size_t broadcast(const ServerLine& event, const std::string& except,
                          const std::function<bool(const std::string&)>& accept) override;

private:
    SessionDirectory& _directory;
};

} // namespace toom
