#include "server/store/UserLogFile.h"

#include "common/SeedTime.h"

#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace toom {

UserLogFile::UserLogFile(std::string path, bool padDay)
    : _path(std::move(path))
    , _padDay(padDay) {
    if (_path.empty())
        return;
    const Poco::Path parent = Poco::Path(_path).parent();
    if (!parent.toString().empty())
        Poco::File(parent).createDirectories();
    writeFile({}, 1, false); // Every run starts with nobody online.
    _writer = std::thread([this] { writerLoop(); });
}

UserLogFile::~UserLogFile() {
    {
        MutexLock lock(_mutex);
        _stopping = true;
    }
    _wake.notifyAll();
    if (_writer.joinable())
        _writer.join();
}

void UserLogFile::changed(bool appendOnly) {
    ++_version;
    if (!appendOnly)
        _needsRewrite = true;
    _wake.notifyOne();
}

void UserLogFile::add(const OnlineUser& user) {
    MutexLock lock(_mutex);
    _online.push_back(user);
    changed(true);
}

void UserLogFile::remove(const std::string& username) {
    MutexLock lock(_mutex);
    auto it = std::find_if(_online.begin(), _online.end(),
                           [&](const OnlineUser& u) { return u.username == username; });
    if (it == _online.end())
        return;
    _online.erase(it);
    changed(false);
}

void UserLogFile::replace(const OnlineUser& user) {
    MutexLock lock(_mutex);
    std::erase_if(_online, [&](const OnlineUser& u) { return u.username == user.username; });
    _online.push_back(user);
    changed(false);
}

void UserLogFile::updateUdpPort(const std::string& username, int udpPort) {
    MutexLock lock(_mutex);
    for (auto& u : _online) {
        if (u.username == username)
            u.udpPort = udpPort;
    }
    changed(false);
}

void UserLogFile::flush() {
    MutexLock lock(_mutex);
    if (_path.empty())
        return;
    const std::uint64_t target = _version;
    while (_writtenVersion < target)
        _written.wait(_mutex);
}

std::vector<std::string> UserLogFile::lines() const {
    MutexLock lock(_mutex);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < _online.size(); ++i)
        out.push_back(formatLine(i + 1, _online[i]));
    return out;
}

std::uint64_t UserLogFile::writeCount() const {
    MutexLock lock(_mutex);
    return _writes;
}

void UserLogFile::writerLoop() {
    MutexLock lock(_mutex);
    for (;;) {
        while (_writtenVersion == _version && !_stopping)
            _wake.wait(_mutex);
        if (_writtenVersion == _version)
            return; // Stopping, and everything is written.
        // Take the batch: every change since the last write. Copy under the lock, format and
        // write without it, so logins and logouts never wait for the disk.
        const std::uint64_t version = _version;
        const bool rewrite = _needsRewrite;
        const std::size_t firstNew = rewrite ? 0 : std::min(_linesInFile, _online.size());
        std::vector<OnlineUser> users(_online.begin() + static_cast<std::ptrdiff_t>(firstNew),
                                      _online.end());
        _needsRewrite = false;
        _linesInFile = _online.size();
        ++_writes;
        lock.unlock();
        writeFile(users, firstNew + 1, !rewrite);
        lock.lock();
        _writtenVersion = version;
        _written.notifyAll();
    }
}

std::string UserLogFile::formatLine(std::size_t seq, const OnlineUser& user) const {
    return std::to_string(seq) + "; " + formatSeedTime(user.since, _padDay) + "; " + user.username +
           "; " + user.address + "; " + std::to_string(user.udpPort);
}

void UserLogFile::writeFile(const std::vector<OnlineUser>& users, std::size_t firstSeq,
                            bool append) const {
    if (_path.empty())
        return;
    std::string text;
    for (std::size_t i = 0; i < users.size(); ++i) {
        text += formatLine(firstSeq + i, users[i]);
        text += '\n';
    }
    if (append) {
        std::ofstream out(_path, std::ios::app);
        out << text;
        return;
    }
    const std::string temp = _path + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << text;
    }
    std::rename(temp.c_str(), _path.c_str());
}

} // namespace toom
