#include "server/store/FreshRun.h"

#include "server/store/RoomLogName.h"

#include <Poco/Exception.h>
#include <Poco/Format.h>
#include <Poco/Path.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace toom {

namespace {
// A file that is not there is already as a fresh run wants it; anything else is an error.
bool removeIfExists(const std::string& path) {
    if (std::remove(path.c_str()) == 0)
        return true;
    if (errno == ENOENT)
        return false;
    throw Poco::FileException("cannot remove the previous run's log",
                              path + ": " + std::strerror(errno));
}

// truncate(2) rather than reopening with O_TRUNC: it never creates a file the profile does
// not write, and it keeps the file's owner and mode (the private log is 0600 by choice).
bool truncateIfExists(const std::string& path) {
    if (::truncate(path.c_str(), 0) == 0)
        return true;
    if (errno == ENOENT)
        return false;
    throw Poco::FileException("cannot empty the previous run's log",
                              path + ": " + std::strerror(errno));
}
} // namespace

FreshRunResult resetForFreshRun(SqliteStore& store, const std::string& logDir,
                                const std::vector<std::string>& textLogs) {
    FreshRunResult result;
    if (!logDir.empty()) {
        const Poco::Path dir = Poco::Path(logDir).makeDirectory();
        auto inDir = [&dir](const std::string& name) { return Poco::Path(dir, name).toString(); };
        for (const Room& room : store.rooms()) {
            if (removeIfExists(inDir(roomLogFileName(room))))
                ++result.roomLogsRemoved;
        }
        for (const std::string& name : textLogs) {
            if (!name.empty() && truncateIfExists(inDir(name)))
                ++result.logsEmptied;
        }
    }
    result.store = store.clearRunState();
    return result;
}

std::string FreshRunResult::summary() const {
    return Poco::format("the previous run's %z logins, %z board posts, %z private messages, "
                        "%z blocks, %z rooms and groups (%z room messages, %z room logs) and "
                        "%z text logs are gone",
                        store.logins, store.boardPosts, store.privateMessages, store.blocks,
                        store.rooms, store.roomMessages, roomLogsRemoved, logsEmptied);
}

} // namespace toom
