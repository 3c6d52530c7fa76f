#pragma once
// The seed log of private messages (variant D's messagelog.txt):
//   "n; timestamp; receiver; text"
// numbered from 1 across all users and appended as messages are sent. Numbering continues
// from the lines already in the file.

#include "common/Mutex.h"
#include "server/store/LineAppender.h"

#include <Poco/Timestamp.h>

#include <string>

namespace toom {

class PrivateLogFile {
public:
    /// An empty path disables the file.
    /// Writes go through `appender` (see LineAppender).
    PrivateLogFile(std::string path, bool padDay, LineAppender& appender = LineAppender::direct());

    void append(const Poco::Timestamp& time, const std::string& receiver, const std::string& text);

    const std::string& path() const { return _path; }

private:
    std::string _path;
    bool _padDay;
    LineAppender& _appender;
    Mutex _mutex; ///< Numbers the lines in the order they are handed to the appender.
    long _count TOOM_GUARDED_BY(_mutex) = 0;
};

} // namespace toom
