#include "server/state/SessionDirectory.h"

#include <algorithm>

namespace toom {

bool SessionDirectory::add(const OnlineUser& user, std::shared_ptr<Outbox> outbox) {
    WriterLock lock(_mutex);
    auto [it, inserted] = _entries.try_emplace(user.username);
    if (!inserted)
        return false;
    it->second = Entry{user, std::move(outbox), _nextOrder++};
    return true;
}

std::optional<SessionDirectory::Entry> SessionDirectory::remove(const std::string& username) {
    WriterLock lock(_mutex);
    auto it = _entries.find(username);
    if (it == _entries.end())
        return std::nullopt;
    Entry removed = std::move(it->second);
    _entries.erase(it);
    return removed;
}

std::optional<SessionDirectory::Entry> SessionDirectory::removeSession(const std::string& username,
                                                                       const Outbox& outbox) {
    WriterLock lock(_mutex);
    auto it = _entries.find(username);
    if (it == _entries.end() || it->second.outbox.get() != &outbox)
        return std::nullopt;
    Entry removed = std::move(it->second);
    _entries.erase(it);
    return removed;
}

std::optional<SessionDirectory::Entry> SessionDirectory::replace(const OnlineUser& user,
                                                                 std::shared_ptr<Outbox> outbox) {
    WriterLock lock(_mutex);
    std::optional<Entry> previous;
    auto it = _entries.find(user.username);
    if (it != _entries.end()) {
        previous = std::move(it->second);
        it->second = Entry{user, std::move(outbox), _nextOrder++};
    } else {
        _entries.emplace(user.username, Entry{user, std::move(outbox), _nextOrder++});
    }
    return previous;
}

std::optional<SessionDirectory::Entry> SessionDirectory::find(const std::string& username) const {
    ReaderLock lock(_mutex);
    auto it = _entries.find(username);
    if (it == _entries.end())
        return std::nullopt;
    return it->second;
}

bool SessionDirectory::setUdpPort(const std::string& username, int udpPort) {
    WriterLock lock(_mutex);
    auto it = _entries.find(username);
    if (it == _entries.end())
        return false;
    it->second.user.udpPort = udpPort;
    return true;
}

bool SessionDirectory::setChatPort(const std::string& username, int chatPort) {
    WriterLock lock(_mutex);
    auto it = _entries.find(username);
    if (it == _entries.end())
        return false;
    it->second.user.chatPort = chatPort;
    return true;
}

std::vector<SessionDirectory::Entry> SessionDirectory::snapshot() const {
    std::vector<Entry> out;
    {
        ReaderLock lock(_mutex);
        out.reserve(_entries.size());
        for (const auto& [name, entry] : _entries)
            out.push_back(entry);
    }
    std::sort(out.begin(), out.end(),
              [](const Entry& a, const Entry& b) { return a.order < b.order; });
    return out;
}

std::size_t SessionDirectory::size() const {
    ReaderLock lock(_mutex);
    return _entries.size();
}

std::shared_ptr<Outbox> SessionDirectory::outboxOf(const std::string& username) const {
    ReaderLock lock(_mutex);
    auto it = _entries.find(username);
    return it == _entries.end() ? nullptr : it->second.outbox;
}

std::vector<std::shared_ptr<Outbox>>
SessionDirectory::outboxesOf(const std::vector<std::string>& usernames) const {
    std::vector<std::shared_ptr<Outbox>> outboxes;
    outboxes.reserve(usernames.size());
    ReaderLock lock(_mutex);
    for (const auto& name : usernames) {
        auto it = _entries.find(name);
        if (it != _entries.end())
            outboxes.push_back(it->second.outbox);
    }
    return outboxes;
}

} // namespace toom
