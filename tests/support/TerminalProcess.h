#pragma once
// A program of ours run on a pseudo-terminal, for what only a terminal shows: the edit line,
// prompts, escape sequences. The terminal has a fixed size (80 x 24 unless told) and TERM as
// given; the output is collected as the program writes it, escape sequences included.

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace toom::test {

class TerminalProcess {
public:
    /// Starts `binary` with `args` in `workingDir` on a new pseudo-terminal of `columns`. The
    /// environment holds TERM, HOME and the XDG directories (inside `workingDir`) and the
    /// `environment` entries ("NAME=value") only.
    TerminalProcess(const std::string& binary, const std::vector<std::string>& args,
                    const std::string& workingDir, int columns = 80,
                    const std::string& term = "xterm",
                    const std::vector<std::string>& environment = {});
    /// Kills the process if it is still running.
    ~TerminalProcess();
    TerminalProcess(const TerminalProcess&) = delete;
    TerminalProcess& operator=(const TerminalProcess&) = delete;

    /// Types `keys` (a line ends with "\r", as the Enter key sends).
    void type(const std::string& keys);

    /// Sends `signal` to the process (e.g. SIGTERM, to see what it restores on the way out).
    void signal(int signal);

    /// Reads until the output contains `text`; false when the process ended or `timeout`
    /// passed first.
    bool waitFor(const std::string& text,
                 std::chrono::milliseconds timeout = std::chrono::seconds(20));

    /// Reads until `text` appears after the first `anchor` in the output (e.g. the prompt
    /// drawn after a given line, which says the editor is reading keys again).
    bool waitForAfter(const std::string& anchor, const std::string& text,
                      std::chrono::milliseconds timeout = std::chrono::seconds(20));

    /// Waits for the process to end (killing it after `timeout`) and returns its exit code.
    std::optional<int> waitExit(std::chrono::milliseconds timeout = std::chrono::seconds(20));

    /// Everything read so far.
    const std::string& output() const { return _output; }

private:
    /// Reads what is there within `timeoutMs`; false at end of output.
    bool readSome(int timeoutMs);

    int _master = -1;
    pid_t _pid = -1;
    std::string _output;
};

} // namespace toom::test
