#include "server/store/RoomLogFile.h"

#include "common/SeedTime.h"
#include "server/store/RoomLogName.h"

#include <Poco/Path.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace toom {

RoomLogFile::RoomLogFile(std::string logDir, bool padDay, LineAppender& appender)
    : _logDir(std::move(logDir))
    , _padDay(padDay)
    , _appender(appender) {}

std::string RoomLogFile::path(const Room& room) const {
    if (_logDir.empty())
        return {};
    return Poco::Path(Poco::Path(_logDir).makeDirectory(), roomLogFileName(room)).toString();
}

std::string RoomLogFile::formatLine(const RoomMessage& message) const {
    return std::to_string(message.number) + "; " + formatSeedTime(message.time, _padDay) + "; " +
           message.sender + "; " + message.text;
}

void RoomLogFile::create(const Room& room) const {
    if (auto file = path(room); !file.empty())
        _appender.append(file, std::string());
}

void RoomLogFile::append(const Room& room, const RoomMessage& message) const {
    if (auto file = path(room); !file.empty())
        _appender.append(file, formatLine(message) + '\n');
}

RoomLogFile::Repair RoomLogFile::repair(const Room& room,
                                        const std::vector<RoomMessage>& messages) const {
    const std::string file = path(room);
    if (file.empty())
        return Repair::Disabled;
    std::string expected;
    for (const auto& message : messages)
        expected += formatLine(message) + '\n';

    // The size first: a log a crash left behind is shorter (lines missing, or a last line cut
    // off), and comparing sizes needs no read. Equal sizes are compared in full, so a log that
    // was edited by hand is put right too.
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        static_cast<std::size_t>(info.st_size) == expected.size()) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream actual;
        actual << in.rdbuf();
        if (in && actual.str() == expected)
            return Repair::Matched;
    }

    const std::string temp = file + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << expected;
        out.flush();
        if (!out) {
            std::remove(temp.c_str());
            return Repair::Failed;
        }
    }
    if (std::rename(temp.c_str(), file.c_str()) != 0) {
        std::remove(temp.c_str());
        return Repair::Failed;
    }
    return Repair::Rewritten;
}

} // namespace toom
