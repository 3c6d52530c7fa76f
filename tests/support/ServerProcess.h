#pragma once
// toom-server as a separate process, for what only a real process shows: argument handling,
// exit codes, signals, and durability across kill -9.

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace toom::test {

class ServerProcess {
public:
    /// Starts TOOM_SERVER_BINARY with `args` in `workingDir`; its console output (stdout and
    /// stderr) is collected in the background.
    ServerProcess(const std::vector<std::string>& args, const std::string& workingDir);
    ~ServerProcess();

    /// Waits until the server logs "listening on <addr>:<port>" and returns the port, or 0 if
    /// the process ended or `timeout` passed first.
    int waitListening(std::chrono::milliseconds timeout = std::chrono::seconds(20));

    /// Waits for the process to end and returns its exit code.
    int wait();

    /// Sends a signal (SIGTERM, SIGINT, SIGKILL...).
    void signal(int signalNumber);

    /// Everything the process printed so far.
    std::string output() const;

    /// Runs the server to completion (for argument errors) and returns {exit code, output}.
    static std::pair<int, std::string> run(const std::vector<std::string>& args, const std::string& workingDir);

private:
    void drain(Poco::Pipe& pipe);

    Poco::Pipe _out;
    Poco::Pipe _err;
    std::unique_ptr<Poco::ProcessHandle> _handle;
    mutable std::mutex _mutex;
    std::string _output;
    std::thread _outReader;
    std::thread _errReader;
    bool _exited = false;
    int _exitCode = -1;
};

/// A TCP port that was free a moment ago (bind port 0, read it, close).
int freePort();

} // namespace toom::test
