#include "p2p/transfer/ChunkReader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace toom::p2p::transfer {

ChunkReader::ChunkReader(int fd, std::uint64_t fileSize, std::uint32_t chunkSize,
                         std::size_t readAheadBytes)
    : _fd(fd)
    , _fileSize(fileSize)
    , _chunkSize(chunkSize)
    , _ahead(std::max<std::size_t>(1, readAheadBytes / chunkSize) * chunkSize) {}

std::uint32_t ChunkReader::chunkLength(std::uint32_t seq) const {
    std::uint64_t offset = std::uint64_t{seq} * _chunkSize;
    if (offset >= _fileSize)
        return 0;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(_chunkSize, _fileSize - offset));
}

bool ChunkReader::read(std::uint32_t seq, char* out) {
    std::uint64_t offset = std::uint64_t{seq} * _chunkSize;
    std::uint32_t length = chunkLength(seq);
    if (offset >= _aheadOffset && offset + length <= _aheadOffset + _aheadLength) {
        std::memcpy(out, _ahead.data() + (offset - _aheadOffset), length);
        return true;
    }
    if (offset < _aheadOffset) { // a retransmission: behind the read-ahead
        std::size_t got = readUpTo(out, length, offset);
        return got == length || (got != kReadError && shrank());
    }
    // Ahead of what is buffered: the next stretch of new chunks.
    std::size_t stretch =
        static_cast<std::size_t>(std::min<std::uint64_t>(_ahead.size(), _fileSize - offset));
    std::size_t got = readUpTo(_ahead.data(), stretch, offset);
    _aheadOffset = offset;
    _aheadLength = got == kReadError ? 0 : got;
    if (_aheadLength < length)
        return got != kReadError && shrank();
    std::memcpy(out, _ahead.data(), length);
    return true;
}

bool ChunkReader::shrank() {
    errno = EIO; // the file is shorter than it was when offered
    return false;
}

std::size_t ChunkReader::readUpTo(char* out, std::size_t length, std::uint64_t offset) {
    std::size_t got = 0;
    while (got < length) {
        ssize_t n = ::pread(_fd, out + got, length - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return kReadError;
        if (n == 0)
            break; // end of file
        got += static_cast<std::size_t>(n);
    }
    return got;
}

} // namespace toom::p2p::transfer
