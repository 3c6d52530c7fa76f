#include "support/TestServer.h"

#include <Poco/Exception.h>

#include <fstream>
#include <stdexcept>

namespace toom::test {

std::string passwordOf(const std::string& user) {
    for (const auto& [name, password] : kSeedUsers) {
        if (name == user)
            return password;
    }
    throw std::invalid_argument("not a seed user: " + user);
}

TestServer::Tweak profile(const char* name) {
    return
        [name](ServerOptions& o) { o.settings = ServerSettings::fromProfile(*findProfile(name)); };
}

TestServer::TestServer(Tweak tweak, std::shared_ptr<Clock> clock)
    : _tweak(std::move(tweak))
    , _clock(std::move(clock)) {
    std::ofstream credentials(credentialsPath());
    for (const auto& [name, password] : kSeedUsers)
        credentials << name << ' ' << password << '\n';
    credentials.close();
    restart();
}

TestServer::~TestServer() {
    if (_server)
        _server->stop();
}

ServerOptions TestServer::defaultOptions() const {
    ServerOptions o;
    o.settings = ServerSettings::fromProfile(defaultProfile());
    o.bindAddress = "127.0.0.1";
    o.port = 0;
    o.dataDir = _dir.path();
    o.logDir = _dir.path();
    o.credentialsFile = credentialsPath();
    o.pbkdf2Iterations = 1000;
    o.housekeepingMillis = 20;
    o.maxConnections = 2000;
    o.maxPreloginPerAddress = 0; // Tests connect many clients at once from 127.0.0.1.
    o.registrationBurst = 0;     // ...and some register many accounts.
    o.eventLoops = 2; // Several loops, so that cross-loop delivery is tested on any machine.
    // Tests pipeline hundreds of requests on one connection; flood control would only slow
    // them. Tests of flood control turn it on.
    o.flood.linesPerSecond = 0;
    return o;
}

void TestServer::restart() {
    startOn(0);
}

void TestServer::restartOnSamePort() {
    _tlsPort = _server->tlsPort();
    startOn(_server->port());
}

TestServer::Tweak withTls(const std::string& certificateFile, const std::string& privateKeyFile,
                          TestServer::Tweak then) {
    return [=](ServerOptions& o) {
        if (then)
            then(o);
        o.tls.enabled = true;
        o.tls.bindAddress = "127.0.0.1";
        o.tls.port = 0;
        o.tls.certificateFile = certificateFile;
        o.tls.privateKeyFile = privateKeyFile;
    };
}

void TestServer::startOn(int port) {
    if (_server)
        _server->stop();
    _server.reset();
    ServerOptions options = defaultOptions();
    if (_tweak)
        _tweak(options);
    if (port != 0)
        options.port = port; // SO_REUSEADDR: the old connections in TIME_WAIT do not block it.
    if (port != 0 && options.tls.enabled && _tlsPort != 0)
        options.tls.port = _tlsPort;
    _server = std::make_unique<ToomServer>(options, _clock);
    try {
        _server->start();
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("TestServer on port " + std::to_string(options.port) + ": " +
                                 e.displayText());
    }
}

} // namespace toom::test
