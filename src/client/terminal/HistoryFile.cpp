#include "client/terminal/HistoryFile.h"

#include "common/Utf8.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace toom::client {

namespace {

// A file larger than this many times its bound is read from its tail only: a history file
// that something else filled must not make the client read gigabytes at start.
constexpr std::size_t kReadFactor = 8;

/// What may come back into the edit line, which is drawn as it is: UTF-8 without C0, DEL or C1
/// controls (a tampered file must not reach the terminal's escape parser).
bool isPlainText(std::string_view line) {
    if (line.empty() || !isValidUtf8(line))
        return false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        auto byte = static_cast<unsigned char>(line[i]);
        if (byte < 0x20 || byte == 0x7F)
            return false;
        if (byte == 0xC2 && i + 1 < line.size()) {
            auto next = static_cast<unsigned char>(line[i + 1]);
            if (next >= 0x80 && next <= 0x9F)
                return false;
        }
    }
    return true;
}

/// The file's lines (the last `limit` bytes of it at most); nothing if it cannot be read, an
/// empty list if it does not exist.
std::optional<std::vector<std::string>> readLines(const std::string& path, std::size_t limit,
                                                  std::size_t& fileBytes) {
    fileBytes = 0;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return std::vector<std::string>{};
        return std::nullopt;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    fileBytes = static_cast<std::size_t>(info.st_size);
    bool fromMiddle = false;
    if (fileBytes > limit) {
        ::lseek(fd, static_cast<off_t>(fileBytes - limit), SEEK_SET);
        fromMiddle = true;
    }
    std::string content;
    char chunk[8192];
    while (content.size() < limit) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        content.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd);
    std::vector<std::string> lines;
    std::size_t start = 0;
    if (fromMiddle) {
        // The first line read is the tail of a longer one.
        const std::size_t newline = content.find('\n');
        start = newline == std::string::npos ? content.size() : newline + 1;
    }
    while (start < content.size()) {
        std::size_t end = content.find('\n', start);
        if (end == std::string::npos)
            end = content.size();
        lines.emplace_back(content, start, end - start);
        start = end + 1;
    }
    return lines;
}

bool writeAll(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace

std::optional<std::string> HistoryFile::defaultPath(const char* xdgStateHome, const char* home) {
    // The XDG base directory rules: a relative XDG_STATE_HOME is invalid and ignored.
    if (xdgStateHome != nullptr && xdgStateHome[0] == '/')
        return std::string(xdgStateHome) + "/toom/history";
    if (home != nullptr && home[0] == '/')
        return std::string(home) + "/.local/state/toom/history";
    return std::nullopt;
}

HistoryFile::HistoryFile(std::string path, std::size_t maxLines, std::size_t maxBytes)
    : _path(std::move(path))
    , _maxLines(maxLines == 0 ? 1 : maxLines)
    , _maxBytes(maxBytes == 0 ? 1 : maxBytes) {}

bool HistoryFile::loadInto(History& history) {
    std::size_t fileBytes = 0;
    auto lines = readLines(_path, kReadFactor * _maxBytes, fileBytes);
    if (!lines)
        return false;
    for (const auto& line : *lines) {
        if (isPlainText(line))
            history.restore(line);
    }
    _lines = lines->size();
    _bytes = fileBytes;
    return true;
}

void HistoryFile::attach(History& history) {
    history.onRecord([this](const std::string& line) { append(line); });
}

bool HistoryFile::ensureDirectory() const {
    const std::size_t slash = _path.rfind('/');
    if (slash == std::string::npos || slash == 0)
        return true;
    // mkdir -p with 0700 for what is missing: the state directory is private (XDG says so).
    const std::string directory = _path.substr(0, slash);
    for (std::size_t at = directory.find('/', 1);; at = directory.find('/', at + 1)) {
        const std::string prefix = directory.substr(0, at);
        if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST)
            return false;
        if (at == std::string::npos)
            return true;
    }
}

bool HistoryFile::append(const std::string& line) {
    if (!isPlainText(line) || !ensureDirectory())
        return false;
    const int fd = ::open(_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && (info.st_mode & 0077) != 0)
        ::fchmod(fd, 0600); // A file made by hand (or an older umask) is made private.
    // One write per line: appends from two clients at once interleave whole lines.
    const bool written = writeAll(fd, line + "\n");
    if (::fstat(fd, &info) == 0)
        _bytes = static_cast<std::size_t>(info.st_size);
    ::close(fd);
    if (!written)
        return false;
    ++_lines;
    if (_lines > 2 * _maxLines || _bytes > 2 * _maxBytes)
        return compact();
    return true;
}

bool HistoryFile::compact() {
    std::size_t fileBytes = 0;
    auto lines = readLines(_path, kReadFactor * _maxBytes, fileBytes);
    if (!lines)
        return false;
    // The newest lines within both bounds, as History keeps them.
    std::size_t first = lines->size();
    std::size_t bytes = 0;
    while (first > 0 && lines->size() - first < _maxLines &&
           bytes + (*lines)[first - 1].size() + 1 <= _maxBytes) {
        --first;
        bytes += (*lines)[first].size() + 1;
    }
    std::string kept;
    kept.reserve(bytes);
    std::size_t count = 0;
    for (std::size_t i = first; i < lines->size(); ++i) {
        if (!isPlainText((*lines)[i]))
            continue;
        kept += (*lines)[i];
        kept += '\n';
        ++count;
    }
    std::string temporary = _path + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data()); // Created 0600.
    if (fd < 0)
        return false;
    const bool written = writeAll(fd, kept) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temporary.c_str(), _path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return false;
    }
    _lines = count;
    _bytes = kept.size();
    return true;
}

} // namespace toom::client
