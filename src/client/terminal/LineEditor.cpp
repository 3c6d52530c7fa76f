#include "client/terminal/LineEditor.h"

#include "client/terminal/EditorCore.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <unistd.h>

namespace toom::client {

namespace {
// How long a lone ESC waits for the rest of an escape sequence before it is dropped.
constexpr int kEscapeWaitMs = 50;
} // namespace

LineEditor::LineEditor(int fd, Terminal& terminal, Console& console, History& history)
    : _fd(fd)
    , _terminal(terminal)
    , _console(console)
    , _history(history) {}

InputResult LineEditor::readLine(const InputRequest& request) {
    if (_wake.pending())
        return {InputResult::Status::Interrupted, request.draft};
    using SteadyClock = std::chrono::steady_clock;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(request.timeoutMs);
    _terminal.rawMode();
    EditorCore core(request.history ? &_history : nullptr, request.secret);
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
            case EditorCore::Outcome::Submit:
                result = {InputResult::Status::Line, core.buffer().text()};
                done = true;
                break;
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
        _console.updateEdit(core.buffer().text(), core.buffer().cursor());
        int waitMs = _decoder.pending() ? kEscapeWaitMs : -1;
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
            if (_decoder.pending())
                _decoder.reset(); // The Escape key on its own.
            continue;
        }
        if (fds[1].revents != 0) {
            // The connection ended (server closed, timeout): the half-typed line goes back to
            // the session, which keeps it if it reconnects.
            _console.endEdit(false);
            _terminal.waitMode();
            return {InputResult::Status::Interrupted, core.buffer().text()};
        }
        char chunk[256];
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
    _console.updateEdit(core.buffer().text(), core.buffer().text().size());
    _console.endEdit(true);
    _terminal.waitMode();
    return result;
}

} // namespace toom::client
