#include "client/terminal/CookedLineInput.h"

#include "client/terminal/Console.h"
#include "client/terminal/Terminal.h"

namespace toom::client {

CookedLineInput::CookedLineInput(int fd, Terminal& terminal, Console& console)
    : _terminal(terminal)
    , _console(console)
    , _lines(fd, console, false) {}

InputResult CookedLineInput::readLine(const InputRequest& request) {
    // The mode first: keys typed as soon as the prompt shows must already meet echo off.
    _terminal.lineMode(!request.secret);
    _console.showPrompt(request.prompt);
    InputResult result = _lines.readLine(request);
    if (request.secret) {
        // The Enter that ended the password was not echoed either: end the prompt's line.
        _terminal.lineMode(true);
        _console.endPromptLine();
    }
    return result;
}

} // namespace toom::client
