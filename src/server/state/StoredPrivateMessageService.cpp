#include "server/state/StoredPrivateMessageService.h"

#include "common/MessageText.h"
#include "common/SeedTime.h"

namespace toom {

StoredPrivateMessageService::StoredPrivateMessageService(Messenger& messenger,
                                                         OfflineMessageStore& store,
                                                         PrivateLogFile& log,
                                                         const ServerSettings& settings)
    : _messenger(messenger)
    , _store(store)
    , _log(log)
    , _settings(settings) {}

ServerLine StoredPrivateMessageService::event(const PrivateMessage& message, bool wasStored) const {
    ServerLine line = ServerLine::event("MESSAGE");
    line.with("from", message.sender)
        .with("ts", isoTime(message.sentAt))
        .with("offline", wasStored ? 1 : 0)
        .with("text", message.text)
        .say(messageText(_settings.messageStyle, _settings.padDay, message.sentAt, message.sender,
                         message.text));
    return line;
}

PrivateMessageService::Outcome StoredPrivateMessageService::send(const PrivateMessage& message) {
    MutexLock lock(_mutex);
    Outcome outcome;
    // While older messages still wait (the recipient is between logging in and receiving them),
    // a new one joins the queue rather than overtaking them.
    const std::size_t waiting = _store.offlineMessageCount(message.recipient);
    if (waiting == 0 && _messenger.sendTo(message.recipient, event(message, false))) {
        outcome = Outcome::Delivered;
    } else if (waiting >= _settings.maxOfflineMessages) {
        return Outcome::QueueFull;
    } else {
        _store.insertOfflineMessage(message);
        outcome = Outcome::Stored;
    }
    _log.append(message.sentAt, message.recipient, message.text);
    return outcome;
}

PrivateMessageService::StoredDelivery
StoredPrivateMessageService::deliverStored(const std::string& recipient, std::size_t maxBytes) {
    MutexLock lock(_mutex);
    StoredDelivery result;
    std::vector<std::int64_t> delivered;
    std::size_t bytes = 0;
    for (const auto& message : _store.offlineMessagesFor(recipient)) {
        const ServerLine line = event(message, true);
        const std::size_t size = line.format().size() + 1;
        if (!delivered.empty() && bytes + size > maxBytes) {
            result.more = true; // The rest waits until the recipient has read these.
            break;
        }
        if (!_messenger.sendTo(recipient, line))
            break; // Gone again: the rest stays queued, in order.
        bytes += size;
        delivered.push_back(message.id);
    }
    _store.deleteOfflineMessages(delivered);
    result.delivered = delivered.size();
    return result;
}

} // namespace toom
