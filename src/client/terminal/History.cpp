#include "client/terminal/History.h"

#include "common/Text.h"

#include <algorithm>

namespace toom::client {

History::History(std::size_t capacity, std::size_t maxBytes)
    : _capacity(capacity == 0 ? 1 : capacity)
    , _maxBytes(maxBytes < 10 ? 10 : maxBytes) {
    beginBrowse();
}

bool History::record(std::string_view line) {
    // A line over a tenth of the bound would push out a tenth of the history at once.
    if (trim(line).empty() || line.size() > _maxBytes / 10)
        return false;
    if (!_entries.empty() && _entries.back() == line)
        return false;
    _entries.emplace_back(line);
    _bytes += line.size();
    std::size_t drop = 0;
    while (_entries.size() - drop > _capacity || _bytes > _maxBytes) {
        _bytes -= _entries[drop].size();
        ++drop;
    }
    _entries.erase(_entries.begin(), _entries.begin() + static_cast<std::ptrdiff_t>(drop));
    return true;
}

void History::add(std::string_view line) {
    if (record(line) && _onRecord)
        _onRecord(_entries.back());
}

void History::restore(std::string_view line) {
    record(line);
}

std::optional<std::size_t> History::findOlder(std::string_view query, std::size_t before) const {
    for (std::size_t i = std::min(before, _entries.size()); i > 0; --i) {
        if (_entries[i - 1].find(query) != std::string::npos)
            return i - 1;
    }
    return std::nullopt;
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
