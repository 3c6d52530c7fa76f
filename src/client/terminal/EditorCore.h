#pragma once
// What each key does to the line being edited: the terminal-free heart of the line editor, so
// that key bindings are unit-tested without a terminal.

#include "client/terminal/EditBuffer.h"
#include "client/terminal/History.h"
#include "client/terminal/KeyDecoder.h"

#include <string>

namespace toom::client {

/// Applies keys to one line being edited.
class EditorCore {
public:
    /// What the editor should do after a key.
    enum class Outcome {
        Continue,    ///< Keep editing (redraw).
        Submit,      ///< Enter: the line is complete.
        EndOfInput,  ///< Ctrl-D on an empty line.
        Quit,        ///< Ctrl-C on an empty line.
        ClearScreen, ///< Ctrl-L: clear the screen, then redraw.
    };

    /// `history` may be null (no up/down recall, e.g. for a password). A secret line is never
    /// recorded and never recalled.
    explicit EditorCore(History* history, bool secret = false);

    /// Starts the line with `text` (a kept draft), the cursor after it.
    void preset(std::string_view text) { _buffer.insert(text); }

    /// Applies one key.
    Outcome handle(const Key& key);

    /// The line and cursor.
    const EditBuffer& buffer() const { return _buffer; }

private:
    void remember(std::string killed);

    EditBuffer _buffer;
    History* _history;
    bool _secret;
    std::string _killed; ///< Last text removed by a kill key, for Ctrl-Y.
};

} // namespace toom::client
