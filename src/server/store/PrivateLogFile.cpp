#include "server/store/PrivateLogFile.h"

#include "common/SeedTime.h"

#include <fstream>

namespace toom {

PrivateLogFile::PrivateLogFile(std::string path, bool padDay)
    : _path(std::move(path))
    , _padDay(padDay) {
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
    MutexLock lock(_mutex);
    std::ofstream out(_path, std::ios::app);
    out << ++_count << "; " << formatSeedTime(time, _padDay) << "; " << receiver << "; " << text
        << '\n';
}

} // namespace toom
