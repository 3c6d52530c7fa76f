#include "server/store/CredentialsFile.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <fstream>
#include <utility>

namespace toom {

namespace {

// True when the file exists, is not empty and its last byte is not '\n'.
bool lacksFinalNewline(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in || in.tellg() <= 0) {
        return false;
    }
    in.seekg(-1, std::ios::end);
    char last = '\0';
    in.get(last);
    return last != '\n';
}

} // namespace

CredentialsFile::CredentialsFile(std::string path)
    : _path(std::move(path)) {}

void CredentialsFile::append(const std::string& username, const std::string& password) {
    MutexLock lock(_mutex);
    Poco::File(Poco::Path(_path).makeAbsolute().parent()).createDirectories();

    // Build the whole addition first and write it with one call: a short line then reaches the
    // file in a single write(), so a reader in another process does not see half a line.
    std::string text;
    if (lacksFinalNewline(_path)) {
        text += '\n';
    }
    text += username;
    text += ' ';
    text += password;
    text += '\n';

    std::ofstream out(_path, std::ios::binary | std::ios::app);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
        throw Poco::FileException("cannot append to credentials file", _path);
    }
}

} // namespace toom
