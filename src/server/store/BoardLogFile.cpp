#include "server/store/BoardLogFile.h"

#include "common/SeedTime.h"

#include <cstdio>
#include <fstream>

namespace toom {

BoardLogFile::BoardLogFile(std::string path, BoardLogFormat format, bool padDay)
    : _path(std::move(path))
    , _format(format)
    , _padDay(padDay) {}

std::string BoardLogFile::formatLine(const BoardPost& post) const {
    std::string line = std::to_string(post.number) + "; " + formatSeedTime(post.time, _padDay) +
                       "; " + post.author + "; " + post.text;
    if (_format == BoardLogFormat::WithEdited)
        line += post.edited ? "; yes" : "; no";
    return line;
}

void BoardLogFile::append(const BoardPost& post) {
    if (_path.empty())
        return;
    MutexLock lock(_mutex);
    std::ofstream out(_path, std::ios::app);
    out << formatLine(post) << '\n';
}

void BoardLogFile::rewrite(const std::vector<BoardPost>& posts) {
    if (_path.empty())
        return;
    MutexLock lock(_mutex);
    const std::string temp = _path + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        for (const auto& post : posts)
            out << formatLine(post) << '\n';
    }
    std::rename(temp.c_str(), _path.c_str());
}

} // namespace toom
