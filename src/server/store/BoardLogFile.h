#pragma once
// messagelog.txt for the board, in the profile's seed format:
//   WithEdited (B): "n; timestamp; user; text; no|yes"
//   Plain      (C): "n; timestamp; user; text"
// Appended on every post and rewritten (renumbered) on every edit or delete. The board itself
// lives in the store; this file mirrors it for people and for the seeds' tests.

#include "common/Mutex.h"
#include "common/Profile.h"
#include "models/BoardPost.h"
#include "server/store/LineAppender.h"

#include <string>
#include <vector>

namespace toom {

class BoardLogFile {
public:
    /// An empty path disables the file. Writes go through `appender` (see LineAppender).
    BoardLogFile(std::string path, BoardLogFormat format, bool padDay,
                 LineAppender& appender = LineAppender::direct());

    void append(const BoardPost& post);
    void rewrite(const std::vector<BoardPost>& posts);

    std::string formatLine(const BoardPost& post) const;
    const std::string& path() const { return _path; }

private:
    std::string _path;
    BoardLogFormat _format;
    bool _padDay;
    LineAppender& _appender;
    Mutex _mutex; ///< Orders the writes handed to the appender.
};

} // namespace toom
