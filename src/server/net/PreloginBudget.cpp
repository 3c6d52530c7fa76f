#include "server/net/PreloginBudget.h"

namespace toom {

bool PreloginBudget::tryAdmit(int fd, const std::string& address) {
    MutexLock lock(_mutex);
    std::size_t& count = _waiting[address];
    if (_perAddress != 0 && count >= _perAddress)
        return false; // count > 0 here, so the entry is not left empty.
    ++count;
    _byFd[fd] = Waiting{address, ++_admissions, {}};
    return true;
}

void PreloginBudget::release(int fd) {
    MutexLock lock(_mutex);
    auto entry = _byFd.find(fd);
    if (entry != _byFd.end())
        forget(entry);
}

void PreloginBudget::attach(int fd, const std::shared_ptr<Session>& session) {
    MutexLock lock(_mutex);
    auto entry = _byFd.find(fd);
    if (entry != _byFd.end())
        entry->second.session = session;
}

std::shared_ptr<Session> PreloginBudget::displace() {
    MutexLock lock(_mutex);
    // Of the connections that can be closed, one from the address with the most waiting (a
    // stranger who holds many is displaced first, a user who opened one only when everyone
    // holds just one), and of those the one admitted first.
    auto chosen = _byFd.end();
    std::size_t chosenCount = 0;
    for (auto it = _byFd.begin(); it != _byFd.end(); ++it) {
        if (it->second.session.expired())
            continue; // Not handed to a loop yet, or gone already.
        const std::size_t count = _waiting.at(it->second.address);
        if (chosen == _byFd.end() || count > chosenCount ||
            (count == chosenCount && it->second.order < chosen->second.order)) {
            chosen = it;
            chosenCount = count;
        }
    }
    if (chosen == _byFd.end())
        return nullptr;
    std::shared_ptr<Session> session = chosen->second.session.lock();
    forget(chosen);
    return session;
}

void PreloginBudget::forget(std::unordered_map<int, Waiting>::iterator entry) {
    auto count = _waiting.find(entry->second.address);
    if (count != _waiting.end() && --count->second == 0)
        _waiting.erase(count);
    _byFd.erase(entry);
}

std::size_t PreloginBudget::waiting(const std::string& address) const {
    MutexLock lock(_mutex);
    auto it = _waiting.find(address);
    return it == _waiting.end() ? 0 : it->second;
}

} // namespace toom
