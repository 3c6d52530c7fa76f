#include "server/store/BoardLogFile.h"

#include "common/SeedTime.h"

namespace toom {

BoardLogFile::BoardLogFile(std::string path, BoardLogFormat format, bool padDay,
                           LineAppender& appender)
    : _path(std::move(path))
    , _format(format)
    , _padDay(padDay)
    , _appender(appender) {}

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
    _appender.append(_path, formatLine(post) + '\n');
}

void BoardLogFile::rewrite(const std::vector<BoardPost>& posts) {
    if (_path.empty())
        return;
    std::string content;
    for (const auto& post : posts)
        content += formatLine(post) + '\n';
    MutexLock lock(_mutex);
    _appender.replace(_path, std::move(content));
}

} // namespace toom
