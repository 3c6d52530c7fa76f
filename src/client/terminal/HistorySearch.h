#pragma once
// Ctrl-R: readline's reverse incremental search of the history. Each character typed narrows
// the search from the match shown, Ctrl-R again goes on to the next older match, and when
// nothing matches the last match stays shown, marked as failing. Pure: EditorCore drives it
// and LineRenderer::searchPrompt words it.

#include "client/terminal/History.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace toom::client {

class HistorySearch {
public:
    /// Starts a search of `history` (which must outlive it) with an empty query.
    explicit HistorySearch(const History& history);

    /// Adds `text` to the query and searches again, from the match shown back.
    void append(std::string_view text);

    /// Removes the query's last character and searches again from the newest entry.
    void backspace();

    /// Goes on to the next older match of the query; with an empty query, the query becomes
    /// `previous` (readline's: Ctrl-R Ctrl-R repeats the last search).
    void older(std::string_view previous = {});

    const std::string& query() const { return _query; }

    /// True when the query matches nothing older than the match shown.
    bool failed() const { return _failed; }

    /// The entry shown, if any matched.
    std::optional<std::size_t> match() const { return _match; }

    /// The text of the entry shown, empty when none.
    std::string_view matchText() const;

    /// Where the query starts in matchText() (0 without a match).
    std::size_t matchOffset() const;

private:
    /// Searches entries before `before` for the query.
    void searchFrom(std::size_t before);

    const History& _history;
    std::string _query;
    std::optional<std::size_t> _match;
    bool _failed = false;
};

} // namespace toom::client
