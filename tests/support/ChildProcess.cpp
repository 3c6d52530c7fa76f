#include "support/ChildProcess.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <csignal>
#include <regex>
#include <sys/wait.h>

namespace toom::test {

ChildProcess::ChildProcess(const std::string& binary, const std::vector<std::string>& args,
                           const std::string& workingDir) {
    Poco::Process::Args argv(args.begin(), args.end());
    _handle = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(binary, argv, workingDir, &_in, &_out, &_err));
    _outReader = std::thread([this] { drain(_out); });
    _errReader = std::thread([this] { drain(_err); });
}

ChildProcess::~ChildProcess() {
    closeInput();
    if (!_exited) {
        try {
            Poco::Process::kill(*_handle);
            wait();
        } catch (...) {
        }
    }
    joinReaders();
}

void ChildProcess::joinReaders() {
    if (_outReader.joinable())
        _outReader.join();
    if (_errReader.joinable())
        _errReader.join();
}

void ChildProcess::drain(Poco::Pipe& pipe) {
    char buffer[4096];
    for (;;) {
        int n = pipe.readBytes(buffer, sizeof buffer);
        if (n <= 0) {
            std::lock_guard lock(_mutex);
            (&pipe == &_out ? _outClosed : _errClosed) = true;
            return;
        }
        std::lock_guard lock(_mutex);
        _output.append(buffer, static_cast<std::size_t>(n));
    }
}

void ChildProcess::write(const std::string& text) {
    std::size_t offset = 0;
    while (offset < text.size()) {
        int n = _in.writeBytes(text.data() + offset, static_cast<int>(text.size() - offset));
        if (n <= 0)
            return;
        offset += static_cast<std::size_t>(n);
    }
}

void ChildProcess::closeInput() {
    if (!_inputClosed) {
        _in.close(Poco::Pipe::CLOSE_WRITE);
        _inputClosed = true;
    }
}

std::optional<std::string> ChildProcess::waitFor(const std::string& pattern,
                                                 std::chrono::milliseconds timeout) {
    const std::regex re(pattern);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        {
            std::lock_guard lock(_mutex);
            std::smatch match;
            if (std::regex_search(_output, match, re))
                return match.size() > 1 ? match[1].str() : match[0].str();
        }
        if (std::chrono::steady_clock::now() >= deadline || _exited || hasEnded()) {
            // One last look: the output may have arrived just before the process ended.
            std::lock_guard lock(_mutex);
            std::smatch match;
            if (std::regex_search(_output, match, re))
                return match.size() > 1 ? match[1].str() : match[0].str();
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

int ChildProcess::wait() {
    if (!_exited) {
        _exitCode = _handle->wait();
        _exited = true;
        joinReaders();
    }
    return _exitCode;
}

std::optional<int> ChildProcess::waitFor(std::chrono::milliseconds timeout) {
    // Poco 1.11 has no non-blocking wait, and kill(pid, 0) still succeeds on a zombie, so poll
    // with waitpid(WNOHANG), which also reaps the child.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const pid_t pid = static_cast<pid_t>(_handle->id());
    while (!_exited) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            _exited = true;
            _exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            joinReaders();
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            Poco::Process::kill(*_handle);
            wait();
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return _exitCode;
}

bool ChildProcess::hasEnded() {
    // Both output pipes closed means the process is gone (or closed them, which ours never do).
    std::lock_guard lock(_mutex);
    return _outClosed && _errClosed;
}

void ChildProcess::signal(int signalNumber) {
    ::kill(static_cast<pid_t>(_handle->id()), signalNumber);
}

std::string ChildProcess::output() const {
    std::lock_guard lock(_mutex);
    return _output;
}

std::pair<int, std::string> ChildProcess::run(const std::string& binary,
                                              const std::vector<std::string>& args,
                                              const std::string& workingDir,
                                              const std::string& input) {
    ChildProcess process(binary, args, workingDir);
    process.write(input);
    process.closeInput();
    auto code = process.waitFor(std::chrono::seconds(60));
    return {code.value_or(-1), process.output()};
}

int waitListening(ChildProcess& server, std::chrono::milliseconds timeout) {
    auto port = server.waitFor("listening on [^ ]*:([0-9]+)", timeout);
    return port ? std::stoi(*port) : 0;
}

int freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

PortedServer startOnFreePort(const std::string& binary, const std::vector<std::string>& args,
                             const std::string& workingDir) {
    PortedServer started;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const std::string port = std::to_string(freePort());
        std::vector<std::string> withPort = args;
        for (auto& arg : withPort) {
            if (arg == "{port}")
                arg = port;
        }
        started.process = std::make_unique<ChildProcess>(binary, withPort, workingDir);
        started.port = waitListening(*started.process);
        if (started.port != 0 ||
            started.process->output().find("already in use") == std::string::npos)
            return started;
    }
    return started;
}

} // namespace toom::test
