#pragma once
// Command history for the line editor: the lines entered so far, browsing them with the
// up/down keys without losing the line being typed, and finding one by what it contains
// (Ctrl-R). Bounded in lines and bytes. Pure: keeping it in a file is HistoryFile's business,
// told of each recorded line through onRecord().

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// Entered lines, oldest first, with a browsing position.
class History {
public:
    /// The bounds used unless told otherwise.
    static constexpr std::size_t kDefaultCapacity = 1000;
    static constexpr std::size_t kDefaultMaxBytes = 256 * 1024;

    /// Keeps at most `capacity` lines of at most `maxBytes` together; the oldest are dropped
    /// first.
    explicit History(std::size_t capacity = kDefaultCapacity,
                     std::size_t maxBytes = kDefaultMaxBytes);

    /// Records an entered line and tells the onRecord() callback. Blank lines, lines longer
    /// than a tenth of the byte bound, and a repeat of the newest line are not recorded.
    void add(std::string_view line);

    /// Records a line kept from an earlier run (no callback), with the same rules as add().
    void restore(std::string_view line);

    /// Called with each line add() records (HistoryFile appends it to the file).
    void onRecord(std::function<void(const std::string& line)> callback) {
        _onRecord = std::move(callback);
    }

    /// The newest entry before entry `before` (size() to search them all) that contains
    /// `query` (bytes, case-sensitive as readline's search is); nothing when none does.
    std::optional<std::size_t> findOlder(std::string_view query, std::size_t before) const;

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
    bool record(std::string_view line);

    std::size_t _capacity;
    std::size_t _maxBytes;
    std::size_t _bytes = 0; ///< Bytes of all entries.
    std::function<void(const std::string&)> _onRecord;
    std::vector<std::string> _entries;
    std::vector<std::string> _scratch; ///< Entries plus the draft, as edited while browsing.
    std::size_t _position = 0;         ///< Index into _scratch.
};

} // namespace toom::client
