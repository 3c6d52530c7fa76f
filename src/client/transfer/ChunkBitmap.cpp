#include "ChunkBitmap.h"

#include <algorithm>

namespace toom::client::transfer {

ChunkBitmap::ChunkBitmap(std::uint32_t chunkCount)
    : _chunkCount(chunkCount)
    , _words((std::size_t{chunkCount} + 63) / 64, 0) {}

bool ChunkBitmap::test(std::uint32_t seq) const {
    return seq < _chunkCount && (_words[seq / 64] >> (seq % 64)) & 1u;
}

bool ChunkBitmap::set(std::uint32_t seq) {
    if (seq >= _chunkCount || test(seq))
        return false;
    _words[seq / 64] |= std::uint64_t{1} << (seq % 64);
    ++_received;
    _highest = std::max(_highest, seq + 1);
    while (_cumulative < _chunkCount && test(_cumulative))
        ++_cumulative;
    return true;
}

std::vector<std::uint8_t> ChunkBitmap::sack(std::size_t maxBytes) const {
    std::vector<std::uint8_t> bits;
    std::uint64_t first = std::uint64_t{_cumulative} + 1;
    std::uint64_t end = std::min<std::uint64_t>(_highest, first + maxBytes * 8);
    if (end <= first)
        return bits;
    bits.assign(static_cast<std::size_t>((end - first + 7) / 8), 0);
    for (std::uint64_t seq = first; seq < end; ++seq) {
        if (test(static_cast<std::uint32_t>(seq))) {
            std::uint64_t i = seq - first;
            bits[i / 8] = static_cast<std::uint8_t>(bits[i / 8] | (1u << (i % 8)));
        }
    }
    while (!bits.empty() && bits.back() == 0)
        bits.pop_back();
    return bits;
}

} // namespace toom::client::transfer
