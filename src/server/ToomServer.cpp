#include "server/ToomServer.h"

#include "commands/CoreCommands.h"
#include "common/SeedTime.h"
#include "common/Version.h"
#include "server/irc/GuestNicks.h"
#include "server/irc/IrcConnection.h"
#include "server/irc/IrcContext.h"
#include "server/net/ClientHandlerFactory.h"
#include "server/net/ConnectionLimitFilter.h"
#include "server/net/TlsServerContext.h"
#include "server/state/ContactsAudience.h"
#include "server/state/LocalMessenger.h"
#include "server/state/LocalMonitorService.h"
#include "server/state/LocalPeerBroker.h"
#include "server/state/LocalPresenceService.h"
#include "server/state/LoginLimiter.h"
#include "server/state/PasswordHasher.h"
#include "server/state/SessionDirectory.h"
#include "server/state/StoredAccountService.h"
#include "server/state/StoredBlockService.h"
#include "server/state/StoredBoardService.h"
#include "server/state/StoredPrivateMessageService.h"
#include "server/state/StoredRoomService.h"
#include "server/store/BatchedStore.h"
#include "server/store/BoardLogFile.h"
#include "server/store/CredentialsFile.h"
#include "server/store/FreshRun.h"
#include "server/store/ImportKey.h"
#include "server/store/PrivateLogFile.h"
#include "server/store/SqliteStore.h"
#include "server/store/StoreWriter.h"
#include "server/store/UserLogFile.h"
#include "services/Clock.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Path.h>

#include <chrono>
#include <fcntl.h>
#include <optional>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace toom {

namespace {
constexpr int kListenBacklog = 4096;

/// Creates `path` with mode 0600 if it does not exist, and makes an existing one 0600 too: the
/// files it is used for hold password hashes, passwords or private messages.
void createPrivateFile(const std::string& path) {
    Poco::File(Poco::Path(path).makeAbsolute().parent()).createDirectories();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Poco::FileException("cannot create", path);
    ::fchmod(fd, 0600);
    ::close(fd);
}

/// The administrator's credentials file is theirs: say so when others can read it, but leave it.
void warnIfReadableByOthers(const std::string& path, Poco::Logger& log) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IRGRP | S_IROTH)) != 0)
        log.warning("%s holds passwords and can be read by other users (chmod 600 it)", path);
}

std::string joinPath(const std::string& dir, const std::string& file) {
    return Poco::Path(Poco::Path(dir).makeDirectory(), file).toString();
}

/// Each connection costs a descriptor (its socket; two for a moment while it is handed to its
/// loop); the default soft limit of 1024 would cap the server near 1000 clients, so raise it to
/// the hard limit.
void raiseDescriptorLimit(Poco::Logger& log) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            log.warning("could not raise the open-file limit");
    }
}
} // namespace

ToomServer::ToomServer(ServerOptions options, std::shared_ptr<Clock> clock)
    : _options(std::move(options))
    , _clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , _log(Poco::Logger::get("toom.server")) {
    if (_options.logDir.empty())
        _options.logDir = _options.dataDir;
}

ToomServer::~ToomServer() {
    try {
        stop();
    } catch (...) {
        // Destructors must not throw; stop() already logged what went wrong.
    }
}

void ToomServer::flushLogs() {
    if (_userLog)
        _userLog->flush();
    if (_writer)
        _writer->flush();
}

Services& ToomServer::services() {
    return *_services;
}

void ToomServer::start() {
    if (_started)
        return;
    const ServerSettings& settings = _options.settings;
    raiseDescriptorLimit(_log);
    // The TLS identity before anything else: a missing or broken certificate stops the start
    // with its reason, before a port is bound or the store touched.
    if (_options.tls.enabled) {
        _tlsContext = std::make_unique<TlsServerContext>(_options.tls.certificateFile,
                                                         _options.tls.privateKeyFile);
        warnIfReadableByOthers(_options.tls.privateKeyFile, _log);
    }
    // Bind first: a second server started on a port in use fails here, before it touches the
    // store and the logs the first one is using (closing its logins, emptying a seed run).
    // SO_REUSEADDR lets a restarted server bind while old connections linger in TIME_WAIT; never
    // SO_REUSEPORT (Poco's one-argument bind sets both), which would let a second server bind the
    // same port and the kernel split the users between two boards.
    Poco::Net::ServerSocket socket;
    socket.bind(
        Poco::Net::SocketAddress(_options.bindAddress, static_cast<Poco::UInt16>(_options.port)),
        true, false);
    socket.listen(kListenBacklog);
    Poco::Net::ServerSocket tlsSocket;
    if (_tlsContext) {
        tlsSocket.bind(Poco::Net::SocketAddress(_options.tls.bindAddress,
                                                static_cast<Poco::UInt16>(_options.tls.port)),
                       true, false);
        tlsSocket.listen(kListenBacklog);
    }
    // The IRC port too, before anything is touched: a port in use fails the start here.
    std::optional<Poco::Net::ServerSocket> ircSocket;
    if (_options.irc.port) {
        ircSocket.emplace();
        ircSocket->bind(Poco::Net::SocketAddress(_options.irc.bindAddress,
                                                 static_cast<Poco::UInt16>(*_options.irc.port)),
                        true, false);
        ircSocket->listen(kListenBacklog);
    }

    Poco::File(_options.dataDir).createDirectories();
    Poco::File(_options.logDir).createDirectories();

    // The store holds password hashes and private messages: only the server's user reads it.
    // SQLite gives its -wal and -shm files the database file's mode.
    const std::string storePath = joinPath(_options.dataDir, "toom.db");
    createPrivateFile(storePath);
    _store = std::make_unique<SqliteStore>(storePath);
    if (!_options.keepState) { // A seed run: before any service or log reads the previous one.
        const auto fresh = resetForFreshRun(*_store, _options.logDir,
                                            {settings.boardLogFile, settings.privateLogFile});
        _log.information("fresh run (toom.keep_state off): %s", fresh.summary());
    }
    const std::size_t closed = _store->closeOpenLogins(_clock->now());
    if (closed > 0)
        _log.information("closed %z logins left open by the previous run", closed);
    // From here on only the writer's thread writes the store (group commit); the services see
    // it through BatchedStore.
    _writer = std::make_unique<StoreWriter>(*_store, Poco::Logger::get("toom.store"));
    _batchedStore = std::make_unique<BatchedStore>(*_store, *_writer);

    _hasher = std::make_unique<PasswordHasher>(_options.pbkdf2Iterations > 0
                                                   ? _options.pbkdf2Iterations
                                                   : PasswordHasher::kDefaultIterations);
    _accounts = std::make_unique<StoredAccountService>(*_batchedStore, *_hasher);
    // Marks imported credentials lines, so an unchanged line costs no PBKDF2 at the next start.
    _accounts->setImportKey(loadOrCreateImportKey(joinPath(_options.dataDir, "credentials.key")));
    if (!_options.credentialsFile.empty()) {
        importCredentials();
        warnIfReadableByOthers(_options.credentialsFile, _log);
    }
    if (_options.saveRegistrationsToCredentials && !_options.credentialsFile.empty()) {
        _log.warning("self-registered passwords are appended to %s in plain text (variant A's "
                     "rule; auth.save_registrations_to_credentials)",
                     _options.credentialsFile);
        _credentials = std::make_unique<CredentialsFile>(_options.credentialsFile);
        _accounts->setRegistrationHook(
            [this](const std::string& user, const std::string& password) {
                createPrivateFile(_options.credentialsFile);
                _credentials->append(user, password);
            });
    }

    _directory = std::make_unique<SessionDirectory>();
    _messenger = std::make_unique<LocalMessenger>(*_directory);
    _blocks = std::make_unique<StoredBlockService>(*_batchedStore, settings.maxBlocksPerUser);
    auto logFile = [&](const std::string& name) {
        return name.empty() ? name : joinPath(_options.logDir, name);
    };
    _boardLog = std::make_unique<BoardLogFile>(logFile(settings.boardLogFile),
                                               settings.boardLogFormat, settings.padDay, *_writer);
    _board = std::make_unique<StoredBoardService>(*_batchedStore, *_clock, *_boardLog);
    _privateLog = std::make_unique<PrivateLogFile>(logFile(settings.privateLogFile),
                                                   settings.padDay, *_writer);
    _privateMessages = std::make_unique<StoredPrivateMessageService>(
        *_messenger, *_batchedStore, *_privateLog, _options.settings);
    _rooms = std::make_unique<StoredRoomService>(*_batchedStore, *_clock, _options.logDir,
                                                 settings.padDay, *_writer);
    if (const auto repairs = _rooms->logRepairs(); repairs.rewritten + repairs.failed > 0)
        _log.warning("room logs rewritten from the store: %z (could not rewrite %z)",
                     repairs.rewritten, repairs.failed);
    _userLog =
        std::make_unique<UserLogFile>(joinPath(_options.logDir, "userlog.txt"), settings.padDay);
    _monitors = std::make_unique<LocalMonitorService>();
    _contacts = std::make_unique<ContactsAudience>(*_rooms, *_monitors);
    _presence = std::make_unique<LocalPresenceService>(*_directory, *_batchedStore, *_userLog,
                                                       *_messenger, *_blocks, _options.settings,
                                                       *_clock, _contacts.get());
    // A follow list lives as long as its owner's session (IRC's MONITOR); a takeover keeps it.
    _presence->addLeaveListener(
        [monitors = _monitors.get()](const std::string& user, CloseReason reason) {
            if (reason != CloseReason::TakenOver)
                monitors->clear(user);
        });
    // Leaving ends the user's direct chats and requests; the peers are told.
    _peers = std::make_unique<LocalPeerBroker>(*_messenger, _options.settings, *_clock);
    _presence->addLeaveListener(
        [peers = _peers.get()](const std::string& user, CloseReason reason) {
            peers->userLeft(user, reason);
        });
    LoginLimits limits;
    limits.maxAttempts = settings.maxLoginAttempts;
    limits.lockSeconds = settings.lockSeconds;
    limits.scope = settings.lockScope;
    limits.slowAfterFailures = settings.slowAfterFailures;
    limits.slowDelayMs = settings.slowDelayMs;
    limits.slowMaxDelayMs = settings.slowMaxDelayMs;
    limits.slowForgetSeconds = settings.slowForgetSeconds;
    limits.maxTracked = settings.maxTrackedLogins;
    _limiter = std::make_unique<LoginLimiter>(*_clock, limits);
    _services = std::make_unique<Services>(
        Services{_options.settings, *_clock, *_accounts, *_presence, *_messenger, *_blocks, *_board,
                 *_privateMessages, *_rooms, *_peers, *_monitors, Poco::Logger::get("toom.audit")});
    registerCoreCommands(_registry);
    _loops = std::make_unique<EventLoops>(
        static_cast<std::size_t>(std::max(0, _options.eventLoops)), _log);
    _loops->start();
    WorkerPool::Options workers;
    workers.threads = _options.loginThreads > 0 ? static_cast<std::size_t>(_options.loginThreads)
                                                : std::max(2u, std::thread::hardware_concurrency());
    // One login step per connection at a time: the queue never needs more than that.
    workers.maxQueued = static_cast<std::size_t>(std::max(1, _options.maxConnections));
    workers.name = "toom-login";
    _loginWorkers = std::make_unique<WorkerPool>(workers);
    // Always kept, even without a per-address cap (0): it is also what chooses the connection
    // that makes room on a full server.
    _prelogin = std::make_unique<PreloginBudget>(
        static_cast<std::size_t>(std::max(0, _options.maxPreloginPerAddress)));
    if (_options.registrationBurst > 0)
        _registrations = std::make_unique<RegistrationThrottle>(
            *_clock, RegistrationLimits{_options.registrationBurst, _options.registrationsPerHour});
    _context = std::make_unique<ServerContext>(ServerContext{
        *_services, _registry, *_limiter, _connections, _log, _admitted, *_loops,
        _options.helloText, _options.flood, _writer.get(), _loginWorkers.get(), _prelogin.get(),
        _registrations.get(), std::chrono::milliseconds(_options.tls.handshakeTimeoutMillis)});

    // Poco's TCPServer accepts and hands each connection to a ClientHandler on this pool, which
    // only sets the socket up and passes it to an event loop: two threads are plenty, and the
    // queue in front of them may hold every admitted connection (the filter caps those).
    const int maxConnections = std::max(1, _options.maxConnections);
    _pool = std::make_unique<Poco::ThreadPool>("toom-accept", 1, _tlsContext ? 4 : 2);
    auto params = new Poco::Net::TCPServerParams;
    params->setMaxThreads(2);
    params->setMaxQueued(maxConnections);
    params->setThreadIdleTime(Poco::Timespan(60, 0));
    _tcpServer = std::make_unique<Poco::Net::TCPServer>(new ClientHandlerFactory(*_context), *_pool,
                                                        socket, params);
    _tcpServer->setConnectionFilter(
        new ConnectionLimitFilter(_admitted, maxConnections, _prelogin.get()));
    _tcpServer->start();
    // The TLS port: the same handlers, loops and limits (max_connections and the pre-login cap
    // per address count both ports together), each connection with a TLS session.
    if (_tlsContext) {
        auto tlsParams = new Poco::Net::TCPServerParams;
        tlsParams->setMaxThreads(2);
        tlsParams->setMaxQueued(maxConnections);
        tlsParams->setThreadIdleTime(Poco::Timespan(60, 0));
        _tlsServer = std::make_unique<Poco::Net::TCPServer>(
            new ClientHandlerFactory(*_context, _tlsContext.get()), *_pool, tlsSocket, tlsParams);
        _tlsServer->setConnectionFilter(
            new ConnectionLimitFilter(_admitted, maxConnections, _prelogin.get(), false));
        _tlsServer->start();
    }
    if (ircSocket)
        startIrc(*ircSocket, maxConnections);

    {
        MutexLock lock(_housekeeperMutex);
        _stopping = false;
    }
    _housekeeper = std::thread([this] { housekeepingLoop(); });
    _started = true;
    _log.information("listening on %s:%d, profile %s", _options.bindAddress, port(),
                     settings.profile.name);
    if (_tlsContext)
        _log.information("listening for TLS on %s:%d, certificate %s", _options.tls.bindAddress,
                         tlsPort(), _tlsContext->subject());
}

void ToomServer::importCredentials() {
    auto result = _accounts->importCredentials(_options.credentialsFile);
    _log.information("credentials %s: %z added, %z updated, %z unchanged (%z hashed)",
                     _options.credentialsFile, result.added, result.updated, result.unchanged,
                     result.hashed);
    for (const auto& problem : result.problems)
        _log.warning("credentials %s: %s", _options.credentialsFile, problem);
}

void ToomServer::reloadCredentials() {
    if (_options.credentialsFile.empty()) {
        _log.information("reload: no credentials file to read");
        return;
    }
    try {
        importCredentials();
    } catch (const Poco::Exception& e) {
        // A file the operator is halfway through editing must not stop the server.
        _log.error("reload: credentials %s: %s", _options.credentialsFile, e.displayText());
    }
}

void ToomServer::startIrc(const Poco::Net::ServerSocket& socket, int maxConnections) {
    _guests = std::make_unique<GuestNicks>();
    IrcWelcomeFacts welcome;
    welcome.network = _options.irc.network;
    welcome.version = "toom-" + std::string(kVersion);
    welcome.createdAt = isoTime(_clock->now());
    welcome.motd = _options.helloText + "\n" + _options.settings.profile.welcome;
    _ircContext = std::make_unique<IrcContext>(
        IrcContext{*_context, _options.irc, *_guests, std::move(welcome)});
    // IRC connections share the admission count, the pre-login budget, the loops, the workers
    // and the services with the Toom port: only the accepting and the protocol differ.
    _ircPool = std::make_unique<Poco::ThreadPool>("toom-irc-accept", 1, 2);
    auto params = new Poco::Net::TCPServerParams;
    params->setMaxThreads(2);
    params->setMaxQueued(maxConnections);
    params->setThreadIdleTime(Poco::Timespan(60, 0));
    ConnectionMaker maker = [context = _ircContext.get()](const Poco::Net::StreamSocket& s,
                                                          std::shared_ptr<Session> session) {
        return std::make_unique<IrcConnection>(s, std::move(session), *context);
    };
    _ircServer = std::make_unique<Poco::Net::TCPServer>(
        new ClientHandlerFactory(*_context, nullptr, std::move(maker)), *_ircPool, socket, params);
    _ircServer->setConnectionFilter(
        new ConnectionLimitFilter(_admitted, maxConnections, _prelogin.get()));
    _ircServer->start();
    _log.information("IRC listening on %s:%d as %s", _options.irc.bindAddress, ircPort(),
                     _options.irc.serverName);
}

int ToomServer::ircPort() const {
    return _ircServer ? static_cast<int>(_ircServer->socket().address().port()) : 0;
}

int ToomServer::port() const {
    return _tcpServer ? static_cast<int>(_tcpServer->socket().address().port()) : _options.port;
}

int ToomServer::tlsPort() const {
    return _tlsServer ? static_cast<int>(_tlsServer->socket().address().port()) : 0;
}

std::size_t ToomServer::connectionCount() const {
    return _connections.size();
}

void ToomServer::stop() {
    if (!_started)
        return;
    _started = false;
    _log.information("shutting down");
    _tcpServer->stop(); // No new connections from here on.
    if (_tlsServer)
        _tlsServer->stop();
    if (_ircServer)
        _ircServer->stop();
    // Ask every connection to close, again on each pass so that one whose handler was just
    // starting is caught too. Each handler sends the notice, drains briefly, and cuts its client
    // after a grace period, so this ends.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (_connections.size() > 0 && std::chrono::steady_clock::now() < deadline) {
        for (const auto& session : _connections.snapshot())
            session->requestClose(CloseReason::Shutdown);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    {
        MutexLock lock(_housekeeperMutex);
        _stopping = true;
    }
    _housekeeperWake.notifyAll();
    if (_housekeeper.joinable())
        _housekeeper.join();
    _pool->joinAll();
    _tcpServer.reset();
    _tlsServer.reset();
    if (_ircServer) {
        _ircPool->joinAll();
        _ircServer.reset();
    }
    // Connections still open after the grace (clients that never read their notice) are
    // abandoned by their loops: logged out, closed.
    _loops->stop();
    // Login steps still running finish (those whose connection is gone undo their login);
    // waiting ones are dropped with their connections.
    _loginWorkers->stop();
    // The writer commits what the connections' last requests queued, then the store closes:
    // everything acknowledged (and more) is on disk.
    _writer->stop();
    _batchedStore.reset();
    _writer.reset();
    _store.reset();
    _log.information("stopped");
}

void ToomServer::housekeep() {
    const ServerSettings& settings = _options.settings;
    const Poco::Timestamp now = _clock->now();
    for (const auto& session : _connections.snapshot()) {
        if (session->loggedIn()) {
            if (settings.idleTimeoutSeconds > 0 &&
                now - session->lastActivity() >=
                    Poco::Timespan(settings.idleTimeoutSeconds, 0).totalMicroseconds())
                session->requestClose(CloseReason::IdleTimeout);
        } else if (settings.loginTimeoutSeconds > 0 &&
                   now - session->connectedAt() >=
                       Poco::Timespan(settings.loginTimeoutSeconds, 0).totalMicroseconds()) {
            session->requestClose(CloseReason::LoginTimeout);
        }
    }
    if (now - _lastPrune >= Poco::Timespan(60, 0).totalMicroseconds()) {
        _lastPrune = now;
        _limiter->prune();
        if (_registrations)
            _registrations->prune();
        _batchedStore->pruneLoginsBefore(now -
                                         Poco::Timespan(_options.historyRetentionDays, 0, 0, 0, 0));
    }
}

void ToomServer::housekeepingLoop() {
    MutexLock lock(_housekeeperMutex);
    while (!_stopping) {
        _housekeeperWake.waitFor(_housekeeperMutex,
                                 std::chrono::milliseconds(_options.housekeepingMillis));
        if (_stopping)
            break;
        lock.unlock();
        try {
            housekeep();
        } catch (const std::exception& e) {
            _log.error("housekeeping failed: %s", std::string(e.what()));
        }
        lock.lock();
    }
}

} // namespace toom
