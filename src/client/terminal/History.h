#pragma once
// Command history for the line editor: the lines entered so far, and browsing them with the
// up/down keys without losing the line being typed.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// Entered lines, oldest first, with a browsing position.
class History {
public:
    /// Keeps at most `capacity` lines; the oldest are dropped first.
    explicit History(std::size_t capacity = 500);

    /// Records an entered line. Blank lines and a repeat of the newest line are not recorded.
    void add(std::string_view line);

    /// Number of recorded lines.
    std::size_t size() const { return _entries.size(); }

    /// Recorded line `i` (0 = oldest).
    const std::string& entry(std::size_t i) const { return _entries[i]; }

    /// Starts browsing for a new line: the position is after the newest entry, on the draft.
    void beginBrowse();

    /// Moves to the older line. `current` is the text being shown, kept so that coming back
    /// shows it again (edits to a recalled line last until the line is entered). Nothing when
    /// already on the oldest line.
    std::optional<std::string> previous(std::string_view current);

    /// Moves to the newer line (finally the draft); nothing when already on the draft.
    std::optional<std::string> next(std::string_view current);

private:
    std::size_t _capacity;
    std::vector<std::string> _entries;
    std::vector<std::string> _scratch; ///< Entries plus the draft, as edited while browsing.
    std::size_t _position = 0;         ///< Index into _scratch.
};

} // namespace toom::client
