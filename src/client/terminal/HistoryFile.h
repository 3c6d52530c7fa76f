#pragma once
// The line editor's history kept between runs, in $XDG_STATE_HOME/toom/history (by default
// ~/.local/state/toom/history): one entered line per line of the file, oldest first. Only the
// lines History records reach it, and History records only command lines: never a password,
// never what was typed at the username prompt.
//
// Each line is appended with one write (two clients of the same user interleave whole lines);
// when the file has grown to twice its bounds it is rewritten with its newest lines through a
// temporary file and a rename, so a crash leaves the old file or the new one, never half (a
// line another client appends during that rewrite may be lost: history, not a log). The
// directory is created 0700 and the file 0600: what a user typed is theirs alone.

#include "client/terminal/History.h"

#include <cstddef>
#include <optional>
#include <string>

namespace toom::client {

class HistoryFile {
public:
    /// The file's place: `$XDG_STATE_HOME/toom/history` when XDG_STATE_HOME is an absolute
    /// path, else `$HOME/.local/state/toom/history`; nothing without either.
    static std::optional<std::string> defaultPath(const char* xdgStateHome, const char* home);

    /// The file at `path`, kept to about `maxLines` lines and `maxBytes` bytes (twice that
    /// before it is rewritten).
    HistoryFile(std::string path, std::size_t maxLines = History::kDefaultCapacity,
                std::size_t maxBytes = History::kDefaultMaxBytes);

    /// Reads the file into `history` (with History::restore). Lines that are not UTF-8 text
    /// without control characters are skipped; a missing file is an empty history. Returns
    /// false when the file exists but cannot be read.
    bool loadInto(History& history);

    /// Appends `line` to the file, creating it (and its directory) if needed; rewrites it when
    /// it has grown past twice its bounds. Returns false when the line could not be written.
    bool append(const std::string& line);

    /// Makes `history` append every line it records to this file. The file must outlive it.
    void attach(History& history);

    const std::string& path() const { return _path; }

private:
    bool ensureDirectory() const;
    bool compact();

    std::string _path;
    std::size_t _maxLines;
    std::size_t _maxBytes;
    std::size_t _lines = 0; ///< Lines in the file as far as this process knows.
    std::size_t _bytes = 0; ///< Its size, likewise.
};

} // namespace toom::client
