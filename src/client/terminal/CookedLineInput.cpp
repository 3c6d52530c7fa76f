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
    // The terminal edits the line, so a draft cannot be put on it: it is offered in brackets
    // instead, and an empty line takes it.
    const bool offersDraft = !request.draft.empty() && !request.secret;
    _console.showPrompt(offersDraft ? request.prompt + "[" + request.draft + "] " : request.prompt);
    InputResult result = _lines.readLine(request);
    if (offersDraft && result.status == InputResult::Status::Line && result.line.empty())
        result.line = request.draft;
    if (request.secret) {
        // The Enter that ended the password was not echoed either: end the prompt's line.
        _terminal.lineMode(true);
        _console.endPromptLine();
    }
    return result;
}

} // namespace toom::client
