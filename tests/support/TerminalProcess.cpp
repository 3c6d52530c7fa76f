#include "support/TerminalProcess.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <poll.h>
#include <pty.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace toom::test {

TerminalProcess::TerminalProcess(const std::string& binary, const std::vector<std::string>& args,
                                 const std::string& workingDir, int columns,
                                 const std::string& term,
                                 const std::vector<std::string>& environment) {
    winsize size{};
    size.ws_row = 24;
    size.ws_col = static_cast<unsigned short>(columns);
    // Everything the child needs is prepared before the fork: after it only async-signal-safe
    // calls are allowed in a threaded test process.
    std::vector<std::string> argvStrings{binary};
    argvStrings.insert(argvStrings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argvStrings)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::string termVariable = "TERM=" + term;
    std::string homeVariable = "HOME=" + workingDir;
    std::string stateVariable = "XDG_STATE_HOME=" + workingDir + "/state";
    std::string configVariable = "XDG_CONFIG_HOME=" + workingDir + "/config";
    std::vector<std::string> envStrings = environment;
    std::vector<char*> env{termVariable.data(), homeVariable.data(), stateVariable.data(),
                           configVariable.data()};
    for (auto& variable : envStrings)
        env.push_back(variable.data());
    env.push_back(nullptr);
    _pid = forkpty(&_master, nullptr, nullptr, &size);
    if (_pid < 0)
        throw std::runtime_error("forkpty failed");
    if (_pid == 0) {
        if (chdir(workingDir.c_str()) != 0)
            _exit(126);
        // Nothing of the test's but the terminal: an inherited listening socket of a
        // TestServer would keep its port taken after the server stopped, and a restart on
        // the same port would fail.
        close_range(3, ~0U, 0);
        execve(argv[0], argv.data(), env.data());
        _exit(127);
    }
}

TerminalProcess::~TerminalProcess() {
    if (_pid > 0) {
        int status = 0;
        if (waitpid(_pid, &status, WNOHANG) == 0) {
            kill(_pid, SIGKILL);
            waitpid(_pid, &status, 0);
        }
    }
    if (_master >= 0)
        close(_master);
}

void TerminalProcess::type(const std::string& keys) {
    std::size_t done = 0;
    while (done < keys.size()) {
        const ssize_t n = ::write(_master, keys.data() + done, keys.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += static_cast<std::size_t>(n);
    }
}

void TerminalProcess::signal(int signal) {
    if (_pid > 0)
        ::kill(_pid, signal);
}

bool TerminalProcess::readSome(int timeoutMs) {
    pollfd fd{_master, POLLIN, 0};
    const int ready = ::poll(&fd, 1, timeoutMs);
    if (ready <= 0)
        return ready == 0; // A timeout is not the end.
    char buffer[4096];
    const ssize_t n = ::read(_master, buffer, sizeof buffer);
    if (n <= 0)
        return false; // EIO once the child has closed the terminal.
    _output.append(buffer, static_cast<std::size_t>(n));
    return true;
}

bool TerminalProcess::waitFor(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (_output.find(text) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !readSome(static_cast<int>(std::min<long>(left.count(), 100))))
            return _output.find(text) != std::string::npos;
    }
    return true;
}

bool TerminalProcess::waitForAfter(const std::string& anchor, const std::string& text,
                                   std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const auto found = [&] {
        const std::size_t at = _output.find(anchor);
        return at != std::string::npos &&
               _output.find(text, at + anchor.size()) != std::string::npos;
    };
    while (!found()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !readSome(static_cast<int>(std::min<long>(left.count(), 100))))
            return found();
    }
    return true;
}

std::optional<int> TerminalProcess::waitExit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        readSome(50);
        int status = 0;
        const pid_t done = waitpid(_pid, &status, WNOHANG);
        if (done == _pid) {
            for (;;) { // What it wrote before it ended.
                pollfd fd{_master, POLLIN, 0};
                if (::poll(&fd, 1, 0) <= 0 || !readSome(0))
                    break;
            }
            _pid = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
    return std::nullopt;
}

} // namespace toom::test
