#pragma once
// The seed-format credentials file (credentials.txt): one "username password" per line. The
// server appends self-registered accounts to it so the file stays the complete account list.

#include "common/Mutex.h"

#include <string>

namespace toom {

class CredentialsFile {
public:
    /// A writer for the file at `path` (created on the first append if missing).
    explicit CredentialsFile(std::string path);

    /// The file's path.
    const std::string& path() const { return _path; }

    /// Appends the line "username password\n", first adding a newline if the file does not end
    /// with one (a hand-edited last line), creating the file and its parent directories if
    /// missing. Thread-safe: concurrent appends never interleave within a line. Throws
    /// Poco::FileException when the file cannot be written.
    void append(const std::string& username, const std::string& password);

private:
    std::string _path;
    Mutex _mutex; ///< Serialises the appends (held across them by design).
};

} // namespace toom
