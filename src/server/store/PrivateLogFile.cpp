#include "server/store/PrivateLogFile.h"

#include "common/SeedTime.h"

#include <fstream>

namespace toom {

PrivateLogFile::PrivateLogFile(std::string path, bool padDay, LineAppender& appender)
    : _path(std::move(path))
    , _padDay(padDay)
    , _appender(appender) {
    if (_path.empty())
        return;
    std::ifstream in(_path);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty())
            ++_count;
    }
}

void PrivateLogFile::append(const Poco::Timestamp& time, const std::string& receiver,
                            const std::string& text) {
    if (_path.empty())
        return;
    const std::string rest = "; " + formatSeedTime(time, _padDay) + "; " + receiver + "; " + text;
    MutexLock lock(_mutex);
    _appender.append(_path, std::to_string(++_count) + rest + '\n');
}

} // namespace toom
