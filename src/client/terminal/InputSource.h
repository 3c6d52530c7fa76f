#pragma once
// Where the session's typed lines come from: the line editor on a terminal, stdin in scripted
// mode, or a fake in tests.

#include <string>
#include <utility>

namespace toom::client {

/// What the session asks for.
struct InputRequest {
    InputRequest() = default;
    InputRequest(std::string prompt_, bool secret_ = false, bool history_ = false)
        : prompt(std::move(prompt_))
        , secret(secret_)
        , history(history_) {}

    std::string prompt;   ///< Shown before the line (when the source shows prompts).
    bool secret = false;  ///< A password: never echoed, never put in history.
    bool history = false; ///< Up/down recall previous commands.
    /// Text the line starts with, to edit or send as it is (a line kept across a reconnect, a
    /// suggested username). The line editor puts it on the line; a dumb terminal offers it in
    /// brackets, taken by an empty line; scripts ignore it.
    std::string draft;
    /// Give up waiting after this many milliseconds (TimedOut); negative: wait for good.
    int timeoutMs = -1;
};

/// What the source returned.
struct InputResult {
    enum class Status {
        Line,        ///< `line` holds the typed line (without newline).
        EndOfInput,  ///< End of stdin or Ctrl-D at an empty line.
        Quit,        ///< The user asked to leave (Ctrl-C at an empty line).
        Interrupted, ///< interrupt() was called: the connection ended. `line` holds what was
                     ///< typed so far (the line editor's draft), for a reconnect to keep.
        TimedOut,    ///< The request's timeoutMs passed; `line` holds what was typed so far.
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
    /// sticky until resume(): the connection has ended).
    virtual void interrupt() = 0;

    /// Undoes interrupt(): the session goes on over a new connection. Only while no other
    /// thread can call interrupt().
    virtual void resume() = 0;

    /// True if prompts (and the login banner) are shown to the user.
    virtual bool showsPrompts() const = 0;
};

} // namespace toom::client
