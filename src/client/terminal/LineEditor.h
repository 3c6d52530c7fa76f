#pragma once
// Interactive input: a small line editor on a raw-mode terminal (cursor keys, Home/End, kill
// keys, history and its search, Tab completion, bracketed paste; UTF-8 aware), drawing through
// the Console so that events printed by the reader thread appear above the line being typed.
// The keys' meaning is EditorCore's; this class reads the terminal and shows the result.

#include "client/terminal/Completer.h"
#include "client/terminal/Console.h"
#include "client/terminal/History.h"
#include "client/terminal/InputSource.h"
#include "client/terminal/KeyDecoder.h"
#include "client/terminal/Terminal.h"
#include "common/WakeUp.h"

#include <deque>
#include <string>

namespace toom::client {

/// An InputSource reading keys from a terminal.
class LineEditor : public InputSource {
public:
    /// Reads keys from `fd`; all references must outlive the editor.
    LineEditor(int fd, Terminal& terminal, Console& console, History& history);

    /// Completes words on Tab with `completer` (which must outlive the editor).
    void completeWith(Completer& completer) { _completer = &completer; }

    /// Edits one line. Keys typed after Enter are kept for the next line, and so are the
    /// lines of a paste sent as several (returned one per call, shown as if typed, to
    /// command prompts only: another prompt drops them).
    InputResult readLine(const InputRequest& request) override;

    void interrupt() override { _wake.notify(); }

    void resume() override { _wake.drain(); }

    bool showsPrompts() const override { return true; }

private:
    InputResult queuedLine(const InputRequest& request);

    int _fd;
    Terminal& _terminal;
    Console& _console;
    History& _history;
    KeyDecoder _decoder;
    Completer* _completer = nullptr;
    std::deque<Key> _pending;        ///< Decoded keys not yet applied.
    std::deque<std::string> _queued; ///< Lines of a paste still to send.
    WakeUp _wake;                    ///< Drained only by resume(): interrupted until then.
};

} // namespace toom::client
