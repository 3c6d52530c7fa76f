#include "client/terminal/LineEditor.h"

#include "client/terminal/EditorCore.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <unistd.h>

namespace toom::client {

namespace {
// How long a lone ESC waits for the rest of an escape sequence before it is the Escape key.
constexpr int kEscapeWaitMs = 50;
// How long a bracketed paste may pause before its end marker is given up on.
constexpr int kPasteWaitMs = 2000;
} // namespace

LineEditor::LineEditor(int fd, Terminal& terminal, Console& console, History& history)
    : _fd(fd)
    , _terminal(terminal)
    , _console(console)
    , _history(history) {}

InputResult LineEditor::queuedLine(const InputRequest& request) {
    // The lines of a paste the user chose to send go to command prompts only: anything else
    // (a question, a password) drops what is left of them.
    if (!request.history || request.secret) {
        _queued.clear();
        return {InputResult::Status::Interrupted, {}};
    }
    std::string line = std::move(_queued.front());
    _queued.pop_front();
    // Shown as if typed, so that each reply follows the line it answers.
    _console.beginEdit(request.prompt, false);
    _console.updateEdit(line, line.size());
    _console.endEdit(true);
    return {InputResult::Status::Line, std::move(line)};
}

InputResult LineEditor::readLine(const InputRequest& request) {
    if (_wake.pending())
        return {InputResult::Status::Interrupted, request.draft};
    if (!_queued.empty()) {
        InputResult queued = queuedLine(request);
        if (queued.status == InputResult::Status::Line)
            return queued;
    }
    using SteadyClock = std::chrono::steady_clock;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(request.timeoutMs);
    _terminal.rawMode();
    // Only a command prompt completes: a username or an answer to a question is no command.
    EditorCore core(request.history ? &_history : nullptr, request.secret,
                    request.history ? _completer : nullptr);
    core.preset(request.draft);
    _console.beginEdit(request.prompt, request.secret);
    InputResult result;
    bool done = false;
    std::vector<Key> decoded;
    while (!done) {
        while (!done && !_pending.empty()) {
            Key key = std::move(_pending.front());
            _pending.pop_front();
            switch (core.handle(key)) {
            case EditorCore::Outcome::Continue:
                break;
            case EditorCore::Outcome::ClearScreen:
                _console.clearScreen();
                break;
            case EditorCore::Outcome::ListCandidates:
                for (const auto& line : layOutCandidates(core.candidates(), _console.textColumns()))
                    _console.printLine(line);
                break;
            case EditorCore::Outcome::Notice:
                _console.printLine(core.notice());
                break;
            case EditorCore::Outcome::Submit: {
                const auto& lines = core.submitted();
                result = {InputResult::Status::Line, lines.front()};
                _queued.assign(lines.begin() + 1, lines.end());
                done = true;
                break;
            }
            case EditorCore::Outcome::EndOfInput:
                result = {InputResult::Status::EndOfInput, {}};
                done = true;
                break;
            case EditorCore::Outcome::Quit:
                result = {InputResult::Status::Quit, {}};
                done = true;
                break;
            }
        }
        if (done)
            break;
        EditorCore::View view = core.view();
        _console.updateEdit(view.text, view.cursor, view.prompt);
        int waitMs = _decoder.pending() ? kEscapeWaitMs : _decoder.pasting() ? kPasteWaitMs : -1;
        if (request.timeoutMs >= 0) {
            const auto left =
                std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
            if (left <= 0) {
                // Out of time (a reconnect is due): the line stays as typed, to go on with.
                _console.endEdit(false);
                _terminal.waitMode();
                return {InputResult::Status::TimedOut, core.buffer().text()};
            }
            waitMs = waitMs < 0 ? static_cast<int>(left) : std::min(waitMs, static_cast<int>(left));
        }
        pollfd fds[2] = {{_fd, POLLIN, 0}, {_wake.fd(), POLLIN, 0}};
        int ready = ::poll(fds, 2, waitMs);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            result = {InputResult::Status::EndOfInput, {}};
            break;
        }
        if (ready == 0) {
            decoded.clear();
            _decoder.timeOut(decoded); // The Escape key on its own, or a paste cut short.
            _pending.insert(_pending.end(), decoded.begin(), decoded.end());
            continue;
        }
        if (fds[1].revents != 0) {
            // The connection ended (server closed, timeout): the half-typed line goes back to
            // the session, which keeps it if it reconnects.
            _console.endEdit(false);
            _terminal.waitMode();
            return {InputResult::Status::Interrupted, core.buffer().text()};
        }
        char chunk[4096];
        ssize_t n = ::read(_fd, chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            result = {InputResult::Status::EndOfInput, {}};
            break;
        }
        decoded.clear();
        _decoder.feed(std::string_view(chunk, static_cast<std::size_t>(n)), decoded);
        _pending.insert(_pending.end(), decoded.begin(), decoded.end());
    }
    // Keys handled in the last batch (a paste ending in Enter) may not have been drawn yet.
    const std::string& shown =
        result.status == InputResult::Status::Line ? result.line : core.buffer().text();
    _console.updateEdit(shown, shown.size());
    _console.endEdit(true);
    _terminal.waitMode();
    return result;
}

} // namespace toom::client
