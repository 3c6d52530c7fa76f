#pragma once
// The presenter's reads: chunks of the file to send, with read-ahead. New chunks go out in
// order, so one read serves a few hundred of them; a retransmission (behind the read-ahead)
// reads just its chunk, leaving the read-ahead where the new chunks are.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace toom::p2p::transfer {

class ChunkReader {
public:
    /// Reads from `fd` (open for reading, owned by the caller), a file of `fileSize` bytes cut
    /// in `chunkSize`-byte chunks, `readAheadBytes` at a time (at least one chunk).
    ChunkReader(int fd, std::uint64_t fileSize, std::uint32_t chunkSize,
                std::size_t readAheadBytes = 256 * 1024);

    /// Bytes in chunk `seq` (the last one may be short).
    std::uint32_t chunkLength(std::uint32_t seq) const;

    /// Copies chunk `seq` into `out` (chunkLength(seq) bytes). False on a read error or a file
    /// shorter than announced, with errno set.
    bool read(std::uint32_t seq, char* out);

private:
    static constexpr std::size_t kReadError = static_cast<std::size_t>(-1);

    /// Reads up to `length` bytes (fewer at the end of the file); kReadError with errno set.
    std::size_t readUpTo(char* out, std::size_t length, std::uint64_t offset);
    /// Sets errno for a file shorter than announced; returns false.
    static bool shrank();

    int _fd;
    std::uint64_t _fileSize;
    std::uint32_t _chunkSize;
    std::vector<char> _ahead;
    std::uint64_t _aheadOffset = 0;
    std::size_t _aheadLength = 0;
};

} // namespace toom::p2p::transfer
