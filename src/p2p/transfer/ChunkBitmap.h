#pragma once
// The audience's record of which chunks arrived: one bit per chunk (a 4 GiB file in 1200-byte
// chunks needs under 450 KiB), the cumulative point, and the selective acknowledgement bits.

#include <cstdint>
#include <vector>

namespace toom::p2p::transfer {

class ChunkBitmap {
public:
    explicit ChunkBitmap(std::uint32_t chunkCount);

    /// Marks `seq` as arrived; true if it was not already. Ignores seq >= chunkCount.
    bool set(std::uint32_t seq);
    bool test(std::uint32_t seq) const;

    /// The first chunk not yet arrived (chunkCount when all did).
    std::uint32_t cumulative() const { return _cumulative; }
    std::uint32_t received() const { return _received; }
    std::uint32_t chunkCount() const { return _chunkCount; }
    bool complete() const { return _received == _chunkCount; }
    /// One past the highest chunk that arrived (0 before any).
    std::uint32_t highest() const { return _highest; }

    /// Selective acknowledgement: bit i of the result (least significant bit first in each
    /// byte) is chunk cumulative() + 1 + i. At most `maxBytes`, without trailing zero bytes.
    std::vector<std::uint8_t> sack(std::size_t maxBytes) const;

private:
    std::uint8_t byteAt(std::uint64_t first) const;

    std::uint32_t _chunkCount;
    std::vector<std::uint64_t> _words;
    std::uint32_t _cumulative = 0;
    std::uint32_t _received = 0;
    std::uint32_t _highest = 0; ///< One past the highest chunk that arrived.
};

} // namespace toom::p2p::transfer
