#pragma once
// A real Toom server on an ephemeral loopback port, in a temporary directory with the seeds'
// sample users, for integration tests (Poco's own TCPServerTest pattern: bind port 0, ask the
// socket which port it got).

#include "server/ToomServer.h"
#include "services/Clock.h"
#include "support/TempDir.h"

#include <functional>
#include <memory>
#include <string>

namespace toom::test {

/// The sample users every TestServer starts with (name, password).
inline const std::vector<std::pair<std::string, std::string>> kSeedUsers = {
    {"yoda", "wise@!man"},   {"obiwan", "(jedimaster)"}, {"gandalf", "youshallnotpass"},
    {"hans", "falcon*solo"}, {"luke", "light==saber"},   {"leia", "princess@!"},
    {"vader", "sithlord**"},
};

/// Returns the password of a seed user.
std::string passwordOf(const std::string& user);

class TestServer {
public:
    using Tweak = std::function<void(ServerOptions&)>;

    /// Starts at once. `tweak` adjusts the options (profile, limits...) before the start;
    /// `clock` replaces the system clock (tests that drive time call housekeep() themselves).
    explicit TestServer(Tweak tweak = {}, std::shared_ptr<Clock> clock = nullptr);
    ~TestServer();

    int port() const { return _server->port(); }
    /// The TLS port (0 unless a tweak turned TLS on, see withTls()).
    int tlsPort() const { return _server->tlsPort(); }
    ToomServer& server() { return *_server; }
    const ServerOptions& options() const { return _server->options(); }
    const std::string& dir() const { return _dir.path(); }
    std::string credentialsPath() const { return _dir.file("credentials.txt"); }
    std::string file(const std::string& name) const { return _dir.file(name); }

    /// Stops the server (clients get the shutdown notice).
    void stop() { _server->stop(); }

    /// Starts a new server on the same directory (the store and logs survive).
    void restart();

    /// As restart(), on the same port (and TLS port): what clients that reconnect find.
    void restartOnSamePort();

    /// Default options: port 0 on 127.0.0.1, data in the temp dir, cheap password hashing,
    /// fast housekeeping.
    ServerOptions defaultOptions() const;

private:
    void startOn(int port);

    TempDir _dir;
    Tweak _tweak;
    std::shared_ptr<Clock> _clock;
    std::unique_ptr<ToomServer> _server;
    int _tlsPort = 0; ///< The TLS port to keep across restartOnSamePort().
};

/// A TestServer tweak that runs the server with the built-in profile `name` (e.g. "toom-rooms").
TestServer::Tweak profile(const char* name);

/// A TestServer tweak that opens a TLS port (ephemeral) with this certificate and key (see
/// makeTestCertificate), after `then` (may be empty).
TestServer::Tweak withTls(const std::string& certificateFile, const std::string& privateKeyFile,
                          TestServer::Tweak then = {});

} // namespace toom::test
