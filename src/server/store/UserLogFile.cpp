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
    MutexLock lock(_mutex);
    rewrite();
}

void UserLogFile::add(const OnlineUser& user) {
    MutexLock lock(_mutex);
    _online.push_back(user);
    rewrite();
}

void UserLogFile::remove(const std::string& username) {
    MutexLock lock(_mutex);
    auto it = std::find_if(_online.begin(), _online.end(),
                           [&](const OnlineUser& u) { return u.username == username; });
    if (it == _online.end())
        return;
    _online.erase(it);
    rewrite();
}

void UserLogFile::replace(const OnlineUser& user) {
    MutexLock lock(_mutex);
    std::erase_if(_online, [&](const OnlineUser& u) { return u.username == user.username; });
    _online.push_back(user);
    rewrite();
}

void UserLogFile::updateUdpPort(const std::string& username, int udpPort) {
    MutexLock lock(_mutex);
    for (auto& u : _online) {
        if (u.username == username)
            u.udpPort = udpPort;
    }
    rewrite();
}

std::vector<std::string> UserLogFile::lines() const {
    MutexLock lock(_mutex);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < _online.size(); ++i)
        out.push_back(formatLine(i + 1, _online[i]));
    return out;
}

std::string UserLogFile::formatLine(std::size_t seq, const OnlineUser& user) const {
    return std::to_string(seq) + "; " + formatSeedTime(user.since, _padDay) + "; " + user.username +
           "; " + user.address + "; " + std::to_string(user.udpPort);
}

void UserLogFile::rewrite() const {
    if (_path.empty())
        return;
    // Write a sibling file and rename it over the log, so a reader never sees half a file.
    const std::string temp = _path + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        for (std::size_t i = 0; i < _online.size(); ++i)
            out << formatLine(i + 1, _online[i]) << '\n';
    }
    std::rename(temp.c_str(), _path.c_str());
}

} // namespace toom
