#pragma once
// userlog.txt in the seeds' format: one line per online user,
//   "seq; timestamp; username; IP; UDP port"
// numbered from 1 and renumbered whenever someone logs out. It mirrors who is online now, so
// it starts empty with every server run; the durable login history lives in the Store.
//
// The file is written by a thread of its own, never by the caller: a login or logout changes
// the list in memory and returns. The writer then brings the file up to date with everything
// that changed meanwhile in one go: logins alone are appended (their numbers follow the lines
// already there), anything else (a logout renumbers the lines after it) rewrites the file
// once for the whole batch. So a login storm costs one append per batch, not one rewrite of
// the whole list per login, and no caller waits on the disk. The file may lag the list by the
// time one write takes; flush() waits for it.

#include "common/Mutex.h"
#include "models/Presence.h"

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace toom {

class UserLogFile {
public:
    /// Truncates (or creates) the file at `path` and starts the writer. An empty path disables
    /// the file (the list is kept in memory only, and no thread is started).
    UserLogFile(std::string path, bool padDay);
    /// Writes what is pending, then stops the writer.
    ~UserLogFile();

    UserLogFile(const UserLogFile&) = delete;
    UserLogFile& operator=(const UserLogFile&) = delete;

    void add(const OnlineUser& user) TOOM_EXCLUDES(_mutex);
    void remove(const std::string& username) TOOM_EXCLUDES(_mutex);
    /// The user's line is replaced by `user`'s, as a new login (last, renumbered); added if
    /// missing. One change, so the file never shows the user twice or not at all.
    void replace(const OnlineUser& user) TOOM_EXCLUDES(_mutex);
    void updateUdpPort(const std::string& username, int udpPort) TOOM_EXCLUDES(_mutex);

    /// Returns once the file shows every change made before the call.
    void flush() TOOM_EXCLUDES(_mutex);

    /// The current lines (of the list, which the file follows).
    std::vector<std::string> lines() const TOOM_EXCLUDES(_mutex);

    const std::string& path() const { return _path; }

    /// Writes so far: appends plus rewrites (for tests of the batching).
    std::uint64_t writeCount() const TOOM_EXCLUDES(_mutex);

private:
    /// Records a change and wakes the writer; `appendOnly` when it only added a line at the end.
    void changed(bool appendOnly) TOOM_REQUIRES(_mutex);
    void writerLoop() TOOM_EXCLUDES(_mutex);
    std::string formatLine(std::size_t seq, const OnlineUser& user) const;
    /// Replaces the file with `users` (a sibling file renamed over it: a reader never sees half
    /// a file), or appends `users` numbered from `firstSeq`.
    void writeFile(const std::vector<OnlineUser>& users, std::size_t firstSeq, bool append) const;

    const std::string _path;
    const bool _padDay;
    mutable Mutex _mutex;
    CondVar _wake;    ///< The writer waits here for changes (or the stop).
    CondVar _written; ///< flush() waits here for the writer.
    std::vector<OnlineUser> _online TOOM_GUARDED_BY(_mutex);
    std::uint64_t _version TOOM_GUARDED_BY(_mutex) = 0;        ///< Changes made.
    std::uint64_t _writtenVersion TOOM_GUARDED_BY(_mutex) = 0; ///< Changes in the file.
    bool _needsRewrite TOOM_GUARDED_BY(_mutex) = false;   ///< A change since the last write that
                                                          ///< was not an append.
    std::size_t _linesInFile TOOM_GUARDED_BY(_mutex) = 0; ///< As of the last write taken.
    std::uint64_t _writes TOOM_GUARDED_BY(_mutex) = 0;
    bool _stopping TOOM_GUARDED_BY(_mutex) = false;
    std::thread _writer;
};

} // namespace toom
