#pragma once
// Input on a terminal that cannot take escape sequences (TERM=dumb or unset, or output that is
// not a terminal): the prompt is written as plain text, the terminal's own line discipline
// edits the line (backspace, kill, echo), and a password is read with echo off. No cursor
// moves and no redraws, so nothing but text reaches the screen; a message that arrives while
// a line is being typed is printed where the cursor is, as on any dumb terminal. A draft is
// offered in brackets after the prompt ("Username: [yoda] "); an empty line takes it.

#include "client/terminal/InputSource.h"
#include "client/terminal/ScriptInput.h"

namespace toom::client {

class Console;
class Terminal;

class CookedLineInput : public InputSource {
public:
    /// Reads from `fd` (a terminal, not owned), whose modes `terminal` owns.
    CookedLineInput(int fd, Terminal& terminal, Console& console);

    InputResult readLine(const InputRequest& request) override;

    void interrupt() override { _lines.interrupt(); }

    void resume() override { _lines.resume(); }

    bool showsPrompts() const override { return true; }

private:
    Terminal& _terminal;
    Console& _console;
    ScriptInput _lines; ///< The line reading itself: the terminal delivers whole lines.
};

} // namespace toom::client
