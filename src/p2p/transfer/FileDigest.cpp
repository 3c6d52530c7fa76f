#include "p2p/transfer/FileDigest.h"

#include "p2p/transfer/Sha256.h"

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace toom::p2p::transfer {

std::optional<FileDigest> digestFile(const std::string& path) {
    // POSIX I/O rather than a stream: a directory opens "successfully" as an ifstream, and a
    // read error must not look like the end of the file.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    Sha256 engine;
    std::array<char, 64 * 1024> block;
    FileDigest digest;
    for (;;) {
        ssize_t got = ::read(fd, block.data(), block.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (got == 0)
            break;
        engine.update(block.data(), static_cast<std::size_t>(got));
        digest.size += static_cast<std::uint64_t>(got);
    }
    ::close(fd);
    digest.sha256 = engine.hexDigest();
    return digest;
}

} // namespace toom::p2p::transfer
