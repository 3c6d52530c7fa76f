#include "server/state/StoredPrivateMessageService.h"

#include "common/MessageText.h"
#include "common/SeedTime.h"

namespace toom {

StoredPrivateMessageService::StoredPrivateMessageService(Messenger& messenger,
                                                         PrivateMessageStore& store,
                                                         PrivateLogFile& log,
                                                         const ServerSettings& settings)
    : _messenger(messenger)
    , _store(store)
    , _log(log)
    , _settings(settings) {
    for (const auto& [recipient, count] : _store.offlineMessageCounts()) {
        Stripe& stripe = stripeOf(recipient);
        MutexLock lock(stripe.mutex); // No other thread yet; the lock is for the analysis.
        stripe.waiting[recipient] = count;
    }
}

StoredPrivateMessageService::Stripe&
StoredPrivateMessageService::stripeOf(const std::string& recipient) {
    return _stripes[std::hash<std::string>{}(recipient) % kStripes];
}

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
    Stripe& stripe = stripeOf(message.recipient);
    MutexLock lock(stripe.mutex);
    // While older messages still wait (the recipient is between logging in and receiving them),
    // a new one joins the queue rather than overtaking them.
    auto waiting = stripe.waiting.find(message.recipient);
    const std::size_t count = waiting == stripe.waiting.end() ? 0 : waiting->second;
    Outcome outcome;
    if (count == 0 && _messenger.sendTo(message.recipient, event(message, false))) {
        // Kept too, as history: every private message is stored (the write is queued; the
        // sender's OK waits for its commit, the recipient's copy does not).
        _store.insertDeliveredMessage(message);
        outcome = Outcome::Delivered;
    } else if (count >= _settings.maxOfflineMessages) {
        return Outcome::QueueFull;
    } else {
        _store.insertOfflineMessage(message);
        stripe.waiting[message.recipient] = count + 1;
        outcome = Outcome::Stored;
    }
    _log.append(message.sentAt, message.recipient, message.text);
    return outcome;
}

PrivateMessageService::StoredDelivery
StoredPrivateMessageService::deliverStored(const std::string& recipient, std::size_t maxBytes) {
    Stripe& stripe = stripeOf(recipient);
    MutexLock lock(stripe.mutex);
    StoredDelivery result;
    auto waiting = stripe.waiting.find(recipient);
    if (waiting == stripe.waiting.end())
        return result; // The usual login: nothing waits, and the store is not asked.
    std::vector<std::int64_t> delivered;
    std::size_t bytes = 0;
    bool gone = false;
    for (const auto& message : _store.offlineMessagesFor(recipient)) {
        const ServerLine line = event(message, true);
        const std::size_t size = line.format().size() + 1;
        if (!delivered.empty() && bytes + size > maxBytes) {
            result.more = true; // The rest waits until the recipient has read these.
            break;
        }
        if (!_messenger.sendTo(recipient, line)) {
            gone = true; // Gone again: the rest stays queued, in order.
            break;
        }
        bytes += size;
        delivered.push_back(message.id);
    }
    _store.markOfflineMessagesDelivered(delivered);
    result.delivered = delivered.size();
    if ((!result.more && !gone) || delivered.size() >= waiting->second)
        stripe.waiting.erase(waiting);
    else
        waiting->second -= delivered.size();
    return result;
}

PrivateMessageService::Conversation
StoredPrivateMessageService::conversation(const std::string& user, const std::string& other,
                                          std::size_t limit) {
    // Read from the store, like room history: nothing of it is kept in memory. One more than
    // asked tells whether earlier ones exist.
    Conversation result;
    result.messages = _store.latestBetween(user, other, limit + 1);
    result.more = result.messages.size() > limit;
    if (result.more)
        result.messages.erase(result.messages.begin());
    return result;
}

} // namespace toom
