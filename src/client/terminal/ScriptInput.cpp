#include "client/terminal/ScriptInput.h"

#include "client/terminal/Console.h"

#include <cerrno>
#include <chrono>
#include <poll.h>
#include <unistd.h>

namespace toom::client {

ScriptInput::ScriptInput(int fd, Console& console, bool echo)
    : _fd(fd)
    , _console(console)
    , _echo(echo) {}

std::optional<std::string> ScriptInput::takeLine() {
    auto newline = _buffer.find('\n');
    if (newline == std::string::npos) {
        if (!_eof || _buffer.empty())
            return std::nullopt;
        newline = _buffer.size(); // The last line had no LF.
    }
    std::string line = _buffer.substr(0, newline);
    _buffer.erase(0, newline < _buffer.size() ? newline + 1 : newline);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

InputResult ScriptInput::readLine(const InputRequest& request) {
    using SteadyClock = std::chrono::steady_clock;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(request.timeoutMs);
    for (;;) {
        // The wake-up wins over buffered input: once the session is ending, later script
        // lines must not be sent.
        if (_wake.pending())
            return {InputResult::Status::Interrupted, {}};
        if (auto line = takeLine()) {
            if (_echo)
                _console.printLine(request.prompt + (request.secret ? std::string() : *line));
            return {InputResult::Status::Line, std::move(*line)};
        }
        if (_eof)
            return {InputResult::Status::EndOfInput, {}};
        int waitMs = -1;
        if (request.timeoutMs >= 0) {
            const auto left =
                std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
            if (left <= 0)
                return {InputResult::Status::TimedOut, {}};
            waitMs = static_cast<int>(left);
        }
        pollfd fds[2] = {{_fd, POLLIN, 0}, {_wake.fd(), POLLIN, 0}};
        if (::poll(fds, 2, waitMs) < 0) {
            if (errno == EINTR)
                continue;
            _eof = true;
            continue;
        }
        if (fds[1].revents != 0)
            continue;
        if (fds[0].revents == 0)
            continue;
        char chunk[4096];
        ssize_t n = ::read(_fd, chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            _eof = true;
        else
            _buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

} // namespace toom::client
