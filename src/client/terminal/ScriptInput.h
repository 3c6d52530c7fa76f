#pragma once
// Scripted input: lines from a non-terminal stdin (a pipe or file), no prompts unless --echo,
// in which case each prompt and the line read are printed so the output reads as a transcript.

#include "client/terminal/InputSource.h"
#include "common/WakeUp.h"

#include <optional>
#include <string>

namespace toom::client {

class Console;

/// Reads LF- or CRLF-terminated lines from a descriptor; interruptible.
class ScriptInput : public InputSource {
public:
    /// Reads from `fd` (not owned). With `echo`, prints "<prompt><line>" for each line read
    /// (only the prompt for a secret line).
    ScriptInput(int fd, Console& console, bool echo);

    /// The next line; a last line without LF counts; EndOfInput at the end; TimedOut after
    /// the request's timeoutMs.
    InputResult readLine(const InputRequest& request) override;

    void interrupt() override { _wake.notify(); }

    void resume() override { _wake.drain(); }

    bool showsPrompts() const override { return _echo; }

private:
    std::optional<std::string> takeLine();

    int _fd;
    Console& _console;
    bool _echo;
    WakeUp _wake; ///< Drained only by resume(): interrupted until then.
    std::string _buffer;
    bool _eof = false;
};

} // namespace toom::client
