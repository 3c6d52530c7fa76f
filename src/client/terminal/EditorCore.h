#pragma once
// What each key does to the line being edited: the terminal-free heart of the line editor, so
// that key bindings are unit-tested without a terminal. Besides editing it runs the three
// modes that take over the line for a moment:
//
//   - Ctrl-R, the reverse incremental search of the history (HistorySearch): typing narrows
//     it, Ctrl-R goes to an older match, Enter runs the match, an editing key keeps it on the
//     line to edit, Esc or Ctrl-G (or Ctrl-C) goes back to the line as it was;
//   - a bracketed paste of several lines asks first: "Paste of 3 lines: (s)end as 3
//     messages, (o)ne message, (c)ancel". (s) sends each line as a line typed at the prompt,
//     with the draft around the cursor around it (a draft "PM obiwan " makes each line a
//     message to obiwan; with no draft, each line is what it would be typed: in a /query a
//     message, else a command); (o) joins the lines with spaces into the edit line, to send
//     with Enter; (c) drops the paste. A paste is never sent without that answer; a one-line
//     paste is inserted and waits for Enter;
//   - Tab: the longest common start of the completer's candidates, and their list on the
//     second Tab in a row.

#include "client/terminal/Completer.h"
#include "client/terminal/EditBuffer.h"
#include "client/terminal/History.h"
#include "client/terminal/HistorySearch.h"
#include "client/terminal/KeyDecoder.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace toom::client {

/// Applies keys to one line being edited.
class EditorCore {
public:
    /// What the editor should do after a key.
    enum class Outcome {
        Continue,       ///< Keep editing (redraw).
        Submit,         ///< The line (or the lines of a paste) is complete: see submitted().
        EndOfInput,     ///< Ctrl-D on an empty line.
        Quit,           ///< Ctrl-C on an empty line.
        ClearScreen,    ///< Ctrl-L: clear the screen, then redraw.
        ListCandidates, ///< Second Tab: show candidates() above the line, keep editing.
        Notice,         ///< Show notice() above the line, keep editing.
    };

    /// The most lines one paste may send as separate lines.
    static constexpr std::size_t kMaxPastedLines = 100;

    /// `history` may be null (no up/down recall, e.g. for a password). A secret line is never
    /// recorded and never recalled, and is not completed. `completer` may be null (Tab does
    /// nothing).
    explicit EditorCore(History* history, bool secret = false, Completer* completer = nullptr);

    /// Starts the line with `text` (a kept draft), the cursor after it.
    void preset(std::string_view text) { _buffer.insert(text); }

    /// Applies one key.
    Outcome handle(const Key& key);

    /// The line and cursor.
    const EditBuffer& buffer() const { return _buffer; }

    /// What to draw: a prompt in place of the usual one (the search, the paste question),
    /// and the text with the cursor in it.
    struct View {
        std::optional<std::string> prompt; ///< Nothing: the usual prompt.
        std::string text;
        std::size_t cursor = 0;
    };
    View view() const;

    /// After Submit: the lines to send, in order (one, unless a paste was sent as several).
    const std::vector<std::string>& submitted() const { return _submitted; }

    /// After ListCandidates.
    const std::vector<std::string>& candidates() const { return _candidates; }

    /// After Notice.
    const std::string& notice() const { return _notice; }

    /// True while the search or the paste question has the line.
    bool searching() const { return _search.has_value(); }
    bool askingAboutPaste() const { return !_pasted.empty(); }

private:
    Outcome edit(const Key& key);
    Outcome submit(std::string line);
    /// A key during the search; nothing when it ends the search and is to be applied as an
    /// editing key.
    std::optional<Outcome> searchKey(const Key& key);
    Outcome pasteKey(const Key& key);
    Outcome paste(const Key& key);
    Outcome complete();
    Outcome tell(std::string notice);
    void remember(std::string killed);

    EditBuffer _buffer;
    History* _history;
    bool _secret;
    Completer* _completer;
    std::string _killed; ///< Last text removed by a kill key, for Ctrl-Y.
    std::vector<std::string> _submitted;
    std::vector<std::string> _candidates;
    std::string _notice;
    std::optional<HistorySearch> _search;
    std::string _lastQuery;           ///< The previous search's query, for Ctrl-R Ctrl-R.
    std::vector<std::string> _pasted; ///< A paste waiting for its answer.
    bool _lastKeyWasTab = false;      ///< A second Tab lists the candidates.
};

} // namespace toom::client
