#include "ServerProcess.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <csignal>
#include <regex>
#include <stdexcept>

namespace toom::test {

ServerProcess::ServerProcess(const std::vector<std::string>& args, const std::string& workingDir) {
    Poco::Process::Args argv(args.begin(), args.end());
    _handle = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(TOOM_SERVER_BINARY, argv, workingDir, nullptr, &_out, &_err));
    _outReader = std::thread([this] { drain(_out); });
    _errReader = std::thread([this] { drain(_err); });
}

ServerProcess::~ServerProcess() {
    if (!_exited) {
        try {
            Poco::Process::kill(*_handle);
            wait();
        } catch (...) {
        }
    }
    if (_outReader.joinable())
        _outReader.join();
    if (_errReader.joinable())
        _errReader.join();
}

void ServerProcess::drain(Poco::Pipe& pipe) {
    // Keep reading until the process closes its end, so it never blocks on a full pipe.
    char buffer[4096];
    for (;;) {
        int n = pipe.readBytes(buffer, sizeof buffer);
        if (n <= 0)
            return;
        std::lock_guard lock(_mutex);
        _output.append(buffer, static_cast<std::size_t>(n));
    }
}

int ServerProcess::waitListening(std::chrono::milliseconds timeout) {
    const std::regex listening("listening on [^ ]*:([0-9]+)");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        {
            std::lock_guard lock(_mutex);
            std::smatch match;
            if (std::regex_search(_output, match, listening))
                return std::stoi(match[1]);
        }
        if (!Poco::Process::isRunning(*_handle))
            return 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
}

int ServerProcess::wait() {
    if (!_exited) {
        _exitCode = _handle->wait();
        _exited = true;
    }
    return _exitCode;
}

void ServerProcess::signal(int signalNumber) { ::kill(static_cast<pid_t>(_handle->id()), signalNumber); }

std::string ServerProcess::output() const {
    std::lock_guard lock(_mutex);
    return _output;
}

std::pair<int, std::string> ServerProcess::run(const std::vector<std::string>& args, const std::string& workingDir) {
    ServerProcess process(args, workingDir);
    int code = process.wait();
    process._outReader.join();
    process._errReader.join();
    return {code, process.output()};
}

int freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

} // namespace toom::test
