#pragma once
// A program of ours run as a separate process (toom-server, toom-client), for what only a real
// process shows: arguments, exit codes, signals, piped standard input, kill -9.

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace toom::test {

class ChildProcess {
public:
    /// Starts `binary` with `args` in `workingDir`. Its standard output and error are collected
    /// in the background (so it never blocks on a full pipe); its standard input is a pipe.
    ChildProcess(const std::string& binary, const std::vector<std::string>& args,
                 const std::string& workingDir);
    /// Kills the process if it is still running.
    ~ChildProcess();

    /// Writes to the process's standard input.
    void write(const std::string& text);
    /// Closes its standard input (end of input).
    void closeInput();

    /// Waits until the output matches `pattern` (ECMAScript regex) and returns the first
    /// capture group (or the whole match); nothing if the process ended or `timeout` passed.
    std::optional<std::string>
    waitFor(const std::string& pattern,
            std::chrono::milliseconds timeout = std::chrono::seconds(20));

    /// Waits for the process to end and returns its exit code.
    int wait();
    /// Like wait(), but kills the process and returns nothing when it has not ended in time.
    std::optional<int> waitFor(std::chrono::milliseconds timeout);

    /// Sends a signal (SIGTERM, SIGINT, SIGKILL...).
    void signal(int signalNumber);

    /// Everything the process printed so far (stdout and stderr interleaved).
    std::string output() const;

    /// Runs to completion with `input` on standard input; returns {exit code, output}.
    static std::pair<int, std::string> run(const std::string& binary,
                                           const std::vector<std::string>& args,
                                           const std::string& workingDir,
                                           const std::string& input = {});

private:
    void drain(Poco::Pipe& pipe);
    void joinReaders();
    bool hasEnded();

    Poco::Pipe _in;
    Poco::Pipe _out;
    Poco::Pipe _err;
    std::unique_ptr<Poco::ProcessHandle> _handle;
    mutable std::mutex _mutex;
    std::string _output;
    std::thread _outReader;
    std::thread _errReader;
    bool _outClosed = false;
    bool _errClosed = false;
    bool _inputClosed = false;
    bool _exited = false;
    int _exitCode = -1;
};

/// toom-server on a port it picks, as a process: waits for its "listening on" line.
/// Returns the port, or 0 when it did not start.
int waitListening(ChildProcess& server,
                  std::chrono::milliseconds timeout = std::chrono::seconds(20));

/// A TCP port that was free a moment ago (bind port 0, read it, close).
int freePort();

/// A server process started on a port chosen for it.
struct PortedServer {
    std::unique_ptr<ChildProcess> process;
    int port = 0; ///< 0 when it did not start.
};

/// Starts toom-server `binary` in `workingDir` with `args`, each "{port}" in them replaced by
/// freePort(), and waits until it listens. The seeds' positional forms take no port 0, and a
/// free port can be taken by another test (an outgoing connection's source port) before the
/// server binds it: on "already in use" it tries again with another port, up to five times.
PortedServer startOnFreePort(const std::string& binary, const std::vector<std::string>& args,
                             const std::string& workingDir);

} // namespace toom::test
