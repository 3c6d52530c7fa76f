#pragma once
// The seed log of private messages (variant D's messagelog.txt):
//   "n; timestamp; receiver; text"
// numbered from 1 across all users and appended as messages are sent. Numbering continues
// from the lines already in the file.

#include <Poco/Timestamp.h>

#include <mutex>
#include <string>

namespace toom {

class PrivateLogFile {
public:
    /// An empty path disables the file.
    PrivateLogFile(std::string path, bool padDay);

    void append(const Poco::Timestamp& time, const std::string& receiver, const std::string& text);

    const std::string& path() const { return _path; }

private:
    std::string _path;
    bool _padDay;
    std::mutex _mutex;
    long _count = 0;
};

} // namespace toom
