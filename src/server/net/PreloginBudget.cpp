#include "server/net/PreloginBudget.h"

namespace toom {

bool PreloginBudget::tryAdmit(int fd, const std::string& address) {
    MutexLock lock(_mutex);
    std::size_t& count = _waiting[address];
    if (_perAddress != 0 && count >= _perAddress)
        return false; // count > 0 here, so the entry is not left empty.
    ++count;
    _addressOf[fd] = address;
    return true;
}

void PreloginBudget::release(int fd) {
    MutexLock lock(_mutex);
    auto byFd = _addressOf.find(fd);
    if (byFd == _addressOf.end())
        return;
    auto it = _waiting.find(byFd->second);
    _addressOf.erase(byFd);
    if (it != _waiting.end() && --it->second == 0)
        _waiting.erase(it);
}

std::size_t PreloginBudget::waiting(const std::string& address) const {
    MutexLock lock(_mutex);
    auto it = _waiting.find(address);
    return it == _waiting.end() ? 0 : it->second;
}

} // namespace toom
