#pragma once
// All terminal output of the client goes through one Console: the reader thread prints events
// while the input thread edits a line, and a mutex keeps their output from interleaving. In
// interactive mode an event is printed above the line being edited, which is then redrawn.

#include "client/terminal/LineRenderer.h"
#include "client/terminal/StyledLine.h"
#include "common/Mutex.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace toom::client {

/// Serialised output with an optional edit line kept at the bottom.
class Console {
public:
    /// Returns the terminal width in columns.
    using WidthSource = std::function<int()>;

    /// `interactive` enables the edit line and its escape sequences; `width` defaults to 80.
    explicit Console(std::ostream& out, bool interactive = false, WidthSource width = {});

    /// How printed lines are dressed. A plain console (scripts) prints text as it comes; a
    /// terminal puts the time first, and colours and rings the bell only when it takes them.
    struct Decoration {
        bool colour = false; ///< Tones become ANSI colours (not with NO_COLOR or TERM=dumb).
        bool bell = false;   ///< An alerting line rings the terminal bell.
        /// The time column for lines that bring none, e.g. "14:05"; none when empty.
        std::function<std::string()> stamp;
    };

    /// Sets the decoration; call before the first line is printed.
    void decorate(Decoration decoration);

    /// The edit prompt used when the requested one is wider than half the terminal: the long
    /// prompt is then printed whole above it, broken at spaces into rows that fit the terminal
    /// (see beginEdit).
    static constexpr const char* kShortPrompt = "> ";

    /// Prints one line of text (control characters made harmless). If a line is being edited
    /// it is erased first and redrawn below the printed text.
    void printLine(std::string_view text);

    /// Prints a line of runs (each made harmless like printLine's text), coloured if the
    /// decoration says so, with the time column unless the line has one; `alert` rings the
    /// bell (someone wrote to you or mentioned you).
    void print(const StyledLine& line, bool alert = false);

    /// Writes `prompt` without ending the line, for a plain console whose input is read by the
    /// terminal's own line discipline (CookedLineInput); an interactive console draws its
    /// prompts in the edit line instead and ignores this.
    void showPrompt(std::string_view prompt);

    /// Ends the line a prompt left open (after a line typed without echo).
    void endPromptLine();

    /// Starts showing an edit line with `prompt` (interactive consoles only; otherwise the edit
    /// calls do nothing). A secret line shows the prompt only.
    void beginEdit(std::string prompt, bool secret);

    /// Redraws the edit line with `text` and the cursor after `cursor` bytes of it, after
    /// `prompt` instead of the edit prompt when given (the history search, a question).
    void updateEdit(std::string_view text, std::size_t cursor,
                    const std::optional<std::string>& prompt = std::nullopt);

    /// Stops showing the edit line. `keep`: the line was entered and stays on screen, and
    /// output continues on the next row; otherwise it is erased.
    void endEdit(bool keep);

    /// Clears the screen (Ctrl-L) and redraws the edit line at the top.
    void clearScreen();

    /// Shows `text` on a status row kept just above the edit line (a transfer's progress bar),
    /// replacing the previous status; printed lines scroll above it. Empty removes the row.
    /// Cut to the terminal width. Interactive consoles only; otherwise nothing happens.
    void setStatus(std::string_view text);

    /// The terminal's width in columns (80 when unknown), for text laid out to fit it.
    int columns() const { return width(); }

    /// The columns left for a printed line's text after the time column (text laid out to
    /// fit, like HELP, uses this).
    int textColumns() const;

    /// True for a terminal console.
    bool interactive() const { return _interactive; }

    /// Replaces control characters (C0 except TAB, DEL, C1) with U+FFFD so that text from the
    /// network cannot move the cursor, recolour or retitle the terminal.
    static std::string sanitize(std::string_view text);

private:
    void redrawLocked() TOOM_REQUIRES(_mutex);
    const std::string& promptLocked() const TOOM_REQUIRES(_mutex);
    /// Erases the edit area and the status row; the cursor ends at column 0 of the top row.
    void eraseLocked() TOOM_REQUIRES(_mutex);
    /// Draws the status row (if any) and the edit area (if editing) from column 0.
    void drawLocked() TOOM_REQUIRES(_mutex);
    int width() const;
    /// The bytes that show `line` under the decoration (no newline).
    std::string renderLocked(const StyledLine& line) const TOOM_REQUIRES(_mutex);

    std::ostream& _out; ///< Written under _mutex only.
    bool _interactive;
    WidthSource _width;
    Decoration _decoration TOOM_GUARDED_BY(_mutex);
    /// The client's output serialisation point: held while writing to the terminal, by design
    /// (docs/ARCHITECTURE.md, "Threads and locks"). Nothing else is ever taken under it.
    mutable Mutex _mutex;
    LineRenderer _renderer TOOM_GUARDED_BY(_mutex);
    bool _editing TOOM_GUARDED_BY(_mutex) = false;
    bool _secret TOOM_GUARDED_BY(_mutex) = false;
    std::string _prompt TOOM_GUARDED_BY(_mutex);
    /// Shown instead of _prompt while set (sanitised).
    std::optional<std::string> _promptOverride TOOM_GUARDED_BY(_mutex);
    std::string _text TOOM_GUARDED_BY(_mutex);
    std::size_t _cursor TOOM_GUARDED_BY(_mutex) = 0;
    /// Shown on the row above the edit area when not empty.
    std::string _status TOOM_GUARDED_BY(_mutex);
};

} // namespace toom::client
