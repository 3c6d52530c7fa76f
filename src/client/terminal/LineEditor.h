#pragma once
// Interactive input: a small line editor on a raw-mode terminal (cursor keys, Home/End, kill
// keys, history, UTF-8 aware), drawing through the Console so that events printed by the
// reader thread appear above the line being typed.

#include "client/terminal/Console.h"
#include "client/terminal/History.h"
#include "client/terminal/InputSource.h"
#include "client/terminal/KeyDecoder.h"
#include "client/terminal/Terminal.h"
#include "common/WakeUp.h"

#include <deque>

namespace toom::client {

/// An InputSource reading keys from a terminal.
class LineEditor : public InputSource {
public:
    /// Reads keys from `fd`; all references must outlive the editor.
    LineEditor(int fd, Terminal& terminal, Console& console, History& history);

    /// Edits one line. Keys typed after Enter (a pasted block) are kept for the next line.
    InputResult readLine(const InputRequest& request) override;

    void interrupt() override { _wake.notify(); }

    void resume() override { _wake.drain(); }

    bool showsPrompts() const override { return true; }

private:
    int _fd;
    Terminal& _terminal;
    Console& _console;
    History& _history;
    KeyDecoder _decoder;
    std::deque<Key> _pending; ///< Decoded keys not yet applied.
    WakeUp _wake;             ///< Drained only by resume(): interrupted until then.
};

} // namespace toom::client
