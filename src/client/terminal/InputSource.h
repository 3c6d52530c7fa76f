#pragma once
// Where the session's typed lines come from: the line editor on a terminal, stdin in scripted
// mode, or a fake in tests.

#include <string>

namespace toom::client {

/// What the session asks for.
struct InputRequest {
    std::string prompt;   ///< Shown before the line (when the source shows prompts).
    bool secret = false;  ///< A password: never echoed, never put in history.
    bool history = false; ///< Up/down recall previous commands.
};

/// What the source returned.
struct InputResult {
    enum class Status {
        Line,        ///< `line` holds the typed line (without newline).
        EndOfInput,  ///< End of stdin or Ctrl-D at an empty line.
        Quit,        ///< The user asked to leave (Ctrl-C at an empty line).
        Interrupted, ///< interrupt() was called: the session is ending for another reason.
    };
    Status status = Status::EndOfInput;
    std::string line;
};

/// A source of typed lines.
class InputSource {
public:
    virtual ~InputSource() = default;

    /// Waits for one line.
    virtual InputResult readLine(const InputRequest& request) = 0;

    /// Makes a pending or future readLine() return Interrupted (callable from any thread,
    /// sticky: the session is ending).
    virtual void interrupt() = 0;

    /// True if prompts (and the login banner) are shown to the user.
    virtual bool showsPrompts() const = 0;
};

} // namespace toom::client
