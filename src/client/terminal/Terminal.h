#pragma once
// The terminal modes of the interactive client: raw mode while a line is edited, a quiet mode
// (no echo, signals on) while waiting for a reply, bracketed paste mode for the line editor,
// and the user's original mode restored on every exit path: normal return, exception,
// std::terminate, fatal signals (and Ctrl-Z, until the shell resumes the client).

namespace toom::client {

/// Owns the terminal settings of one descriptor for the life of the client.
class Terminal {
public:
    /// Saves the current settings of `fd` and installs the restoring signal handlers. Throws
    /// std::system_error if `fd` is not a terminal. Only one Terminal may exist at a time.
    explicit Terminal(int fd);

    /// Restores the original settings.
    ~Terminal();

    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    /// Byte-at-a-time input, no echo, no signal keys (Ctrl-C arrives as a byte), output
    /// post-processing kept so that "\n" still starts a new line.
    void rawMode();

    /// Between lines: no echo (typed-ahead keys wait for the editor), but Ctrl-C and Ctrl-Z
    /// act as usual so that a hung wait can be interrupted.
    void waitMode();

    /// The terminal's own line editing (canonical mode, as found at construction), with or
    /// without echo: a dumb terminal's input, where the kernel does the editing.
    void lineMode(bool echo);

    /// Puts back the settings found at construction (and turns bracketed paste off).
    void restore();

    /// Turns bracketed paste mode on (ESC [?2004h written to `outputFd`, the terminal's output):
    /// the terminal then wraps what is pasted in ESC [200~ ... ESC [201~ (KeyDecoder's Paste).
    /// It is turned off (ESC [?2004l) on every path that restores the settings.
    void bracketedPaste(int outputFd);

    /// Width of the terminal in columns (80 if unknown).
    int columns() const;

    /// True if `fd` is a terminal.
    static bool isTerminal(int fd);

private:
    int _fd;
};

} // namespace toom::client
