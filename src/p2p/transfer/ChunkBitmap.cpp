#include "p2p/transfer/ChunkBitmap.h"

#include <algorithm>

namespace toom::p2p::transfer {

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

std::uint8_t ChunkBitmap::byteAt(std::uint64_t first) const {
    // Eight bits starting at any position, from at most two words.
    std::size_t word = static_cast<std::size_t>(first / 64);
    unsigned shift = static_cast<unsigned>(first % 64);
    std::uint64_t bits = word < _words.size() ? _words[word] >> shift : 0;
    if (shift > 56 && word + 1 < _words.size())
        bits |= _words[word + 1] << (64 - shift);
    return static_cast<std::uint8_t>(bits);
}

std::vector<std::uint8_t> ChunkBitmap::sack(std::size_t maxBytes) const {
    std::vector<std::uint8_t> bits;
    std::uint64_t first = std::uint64_t{_cumulative} + 1;
    if (_highest <= first)
        return bits;
    std::size_t length = std::min<std::size_t>(maxBytes, (_highest - first + 7) / 8);
    bits.resize(length);
    for (std::size_t i = 0; i < length; ++i)
        bits[i] = byteAt(first + 8 * i);
    // Bits past the last chunk are never set, so the last byte needs no masking.
    while (!bits.empty() && bits.back() == 0)
        bits.pop_back();
    return bits;
}

} // namespace toom::p2p::transfer
