#include "server/state/LocalMessenger.h"

namespace toom {

bool LocalMessenger::sendTo(const std::string& username, const ServerLine& event) {
    auto outbox = _directory.outboxOf(username);
    if (!outbox)
        return false;
    return outbox->push(event.format() + '\n');
}

std::size_t LocalMessenger::sendToEach(const std::vector<std::string>& usernames,
                                       const ServerLine& event) {
    const std::string wire = event.format() + '\n';
    std::size_t delivered = 0;
    for (const auto& outbox : _directory.outboxesOf(usernames)) {
        if (outbox->push(wire))
            ++delivered;
    }
    return delivered;
}

std::size_t LocalMessenger::broadcast(const ServerLine& event, const std::string& except,
                                      const std::function<bool(const std::string&)>& accept) {
    const std::string wire = event.format() + '\n';
    std::size_t delivered = 0;
    // The snapshot is taken under the directory's lock; the pushes happen without it.
    for (const auto& entry : _directory.snapshot()) {
        if (entry.user.username == except || (accept && !accept(entry.user.username)))
            continue;
        if (entry.outbox->push(wire))
            ++delivered;
    }
    return delivered;
}

} // namespace toom
