#include "common/LineFramer.h"

namespace toom {

LineFramer::LineFramer(std::size_t maxLineBytes)
    : _maxLineBytes(maxLineBytes) {}

void LineFramer::feed(std::string_view bytes, std::vector<FramedLine>& out) {
    while (!bytes.empty()) {
        std::size_t newline = bytes.find('\n');
        std::string_view piece = bytes.substr(0, newline);
        if (_discarding) {
            if (newline == std::string_view::npos)
                return;
            _discarding = false;
            bytes.remove_prefix(newline + 1);
            continue;
        }
        // +1 leaves room for a CR that belongs to a CRLF ending and is not part of the line.
        if (_partial.size() + piece.size() > _maxLineBytes + 1) {
            _partial.clear();
            out.push_back({FramedLine::Kind::TooLong, {}});
            if (newline == std::string_view::npos) {
                _discarding = true;
                return;
            }
            bytes.remove_prefix(newline + 1);
            continue;
        }
        _partial.append(piece);
        if (newline == std::string_view::npos)
            return;
        if (!_partial.empty() && _partial.back() == '\r')
            _partial.pop_back();
        if (_partial.size() > _maxLineBytes)
            out.push_back({FramedLine::Kind::TooLong, {}});
        else
            out.push_back({FramedLine::Kind::Line, std::move(_partial)});
        _partial.clear();
        bytes.remove_prefix(newline + 1);
    }
}

} // namespace toom
