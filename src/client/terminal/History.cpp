#include "client/terminal/History.h"

#include "common/Text.h"

namespace toom::client {

History::History(std::size_t capacity)
    : _capacity(capacity == 0 ? 1 : capacity) {
    beginBrowse();
}

void History::add(std::string_view line) {
    if (trim(line).empty())
        return;
    if (!_entries.empty() && _entries.back() == line)
        return;
    _entries.emplace_back(line);
    if (_entries.size() > _capacity)
        _entries.erase(_entries.begin());
}

void History::beginBrowse() {
    // Browsing works on a copy so that editing a recalled line never rewrites history.
    _scratch = _entries;
    _scratch.emplace_back();
    _position = _entries.size();
}

std::optional<std::string> History::previous(std::string_view current) {
    if (_position == 0 || _position >= _scratch.size())
        return std::nullopt;
    _scratch[_position] = std::string(current);
    --_position;
    return _scratch[_position];
}

std::optional<std::string> History::next(std::string_view current) {
    if (_position + 1 >= _scratch.size())
        return std::nullopt;
    _scratch[_position] = std::string(current);
    ++_position;
    return _scratch[_position];
}

} // namespace toom::client
