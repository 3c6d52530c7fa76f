#include "client/terminal/HistorySearch.h"

#include "client/terminal/TextWidth.h"

namespace toom::client {

HistorySearch::HistorySearch(const History& history)
    : _history(history) {}

void HistorySearch::searchFrom(std::size_t before) {
    if (auto found = _history.findOlder(_query, before)) {
        _match = found;
        _failed = false;
    } else {
        _failed = true; // The last match stays shown, as readline's does.
    }
}

void HistorySearch::append(std::string_view text) {
    _query += text;
    // The match shown may still contain the longer query: search from it, inclusive.
    searchFrom(_match ? *_match + 1 : _history.size());
}

void HistorySearch::backspace() {
    if (_query.empty())
        return;
    _query.resize(previousCodePoint(_query, _query.size()));
    _match.reset();
    _failed = false;
    if (!_query.empty())
        searchFrom(_history.size());
}

void HistorySearch::older(std::string_view previous) {
    if (_query.empty()) {
        if (previous.empty())
            return;
        _query = std::string(previous);
        searchFrom(_history.size());
        return;
    }
    searchFrom(_match ? *_match : _history.size());
}

std::string_view HistorySearch::matchText() const {
    if (!_match || *_match >= _history.size())
        return {};
    return _history.entry(*_match);
}

std::size_t HistorySearch::matchOffset() const {
    const std::size_t at = matchText().find(_query);
    return at == std::string_view::npos ? 0 : at;
}

} // namespace toom::client
