#pragma once
// Incremental line framing for a byte stream (TCP): LF or CRLF terminated lines, bounded length.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace toom {

/// One unit produced by the framer.
struct FramedLine {
    enum class Kind {
        Line,   ///< A complete line; `text` holds it without its CR/LF.
        TooLong ///< A line longer than the limit was discarded; `text` is empty.
    };
    Kind kind = Kind::Line;
    std::string text;
};

/// Cuts a byte stream into lines. Bytes arrive in arbitrary pieces (partial reads); a line is
/// produced once its LF arrives. A line over `maxLineBytes` (not counting CR/LF) is reported
/// once as TooLong and its bytes are dropped up to and including the next LF, so memory use
/// stays bounded by `maxLineBytes` whatever the peer sends.
class LineFramer {
public:
    explicit LineFramer(std::size_t maxLineBytes);

    /// Consumes `bytes` and appends every completed unit to `out`.
    void feed(std::string_view bytes, std::vector<FramedLine>& out);

    /// Bytes of the current incomplete line held in memory.
    std::size_t pendingBytes() const { return _partial.size(); }

    std::size_t maxLineBytes() const { return _maxLineBytes; }

private:
    std::size_t _maxLineBytes;
    std::string _partial;
    bool _discarding = false; ///< Inside an over-long line, dropping bytes until LF.
};

} // namespace toom
