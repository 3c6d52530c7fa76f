#pragma once
// Test helpers: read back what the code under test wrote to a file (a message log, the user
// log), and its mode. Header-only, standard library only, so that every suite can use them.

#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace toom::test {

/// The lines of the file at `path`, without their line ends; none when it cannot be read.
inline std::vector<std::string> readLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

/// The whole content of the file at `path`; empty when it cannot be read.
inline std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The permission bits of the file at `path` (e.g. 0600); -1 when it does not exist.
inline int fileMode(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? static_cast<int>(info.st_mode & 07777) : -1;
}

} // namespace toom::test
