#pragma once
// The server core: builds the services, listens, serves, and stops cleanly. The
// ServerApplication (main.cpp) wraps it with configuration and signals; tests run it directly
// on an ephemeral port.

#include "commands/CommandRegistry.h"
#include "common/Mutex.h"
#include "server/irc/IrcOptions.h"
#include "server/net/ConnectionSet.h"
#include "server/net/ServerContext.h"
#include "services/ServerSettings.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace Poco {
class Logger;
}

namespace toom {

class Clock;
class SqliteStore;
class StoreWriter;
class BatchedStore;
class PasswordHasher;
class StoredAccountService;
class CredentialsFile;
class SessionDirectory;
class LocalMessenger;
class LocalPresenceService;
class LocalMonitorService;
class ContactsAudience;
class LocalPeerBroker;
class UserLogFile;
class LoginLimiter;
class StoredBlockService;
class StoredBoardService;
class BoardLogFile;
class PrivateLogFile;
class StoredPrivateMessageService;
class StoredRoomService;
class TlsServerContext;

/// The Toom protocol over implicit TLS, on a port of its own beside the plain one (tls.*).
struct TlsOptions {
    bool enabled = false; ///< tls.port > 0 in the configuration.
    std::string bindAddress = "0.0.0.0";
    int port = 0; ///< With `enabled`, 0 = an ephemeral port (see ToomServer::tlsPort()).
    std::string certificateFile; ///< PEM: the server's certificate, then any intermediates.
    std::string privateKeyFile;  ///< PEM, unencrypted.
    /// A TLS connection whose handshake is not complete by then is closed.
    int handshakeTimeoutMillis = 10000;
};
class GuestNicks;
struct IrcContext;

/// Everything ToomServer needs to know, already resolved (paths absolute or relative to the
/// working directory).
struct ServerOptions {
    ServerSettings settings;
    std::string bindAddress = "0.0.0.0";
    int port = 4000;              ///< 0 = an ephemeral port (see ToomServer::port()).
    std::string dataDir = "data"; ///< Holds toom.db, the SQLite store.
    std::string logDir;           ///< Seed text logs (userlog.txt, ...); empty = dataDir.
    std::string credentialsFile;  ///< Imported at start; may be empty.
    /// Append each self-registered "user password" to credentialsFile, in plain text. Only
    /// variant A's positional form turns it on, because its spec demands it.
    bool saveRegistrationsToCredentials = false;
    /// Start with what the previous run left in dataDir and logDir (posts, offline messages,
    /// blocks, rooms and groups, login history, the seed logs). Off, the run starts empty but
    /// for the accounts, as the seeds' servers do (see server/store/FreshRun.h); the positional
    /// forms turn it off unless asked to keep state (`--keep-state`, `toom.keep_state`).
    bool keepState = true;
    int maxConnections = 4096; ///< Beyond it connections are refused with SERVER_FULL.
    /// Connections one address may hold without logging in (TOO_MANY_CONNECTIONS beyond it);
    /// 0 = no limit. Together with the login timeout it keeps a stranger from filling
    /// maxConnections.
    int maxPreloginPerAddress = 32;
    /// Self-registration per address: `burst` accounts at once, then `perHour` an hour
    /// (RegistrationThrottle); burst 0 = no limit.
    int registrationBurst = 10;
    int registrationsPerHour = 20;
    int pbkdf2Iterations = 0;      ///< 0 = PasswordHasher's default.
    int housekeepingMillis = 250;  ///< How often timeouts are checked.
    int historyRetentionDays = 30; ///< Login history kept for whoelsesince.
    /// Event-loop threads serving the connections; 0 = one per core.
    int eventLoops = 0;
    /// Threads that run the login steps (password hashing, account reads; see WorkerPool);
    /// 0 = one per core, at least two.
    int loginThreads = 0;
    std::string helloText = "Toom chat server";
    FloodLimits flood; ///< Per-connection flood control (flood.*).
    TlsOptions tls;    ///< The TLS port (off by default).
    IrcOptions irc;    ///< The IRC listener (irc.*); off unless irc.port is set.
};

class ToomServer {
public:
    /// `clock` may be given by tests; by default the system clock is used.
    explicit ToomServer(ServerOptions options, std::shared_ptr<Clock> clock = nullptr);
    ~ToomServer();

    ToomServer(const ToomServer&) = delete;
    ToomServer& operator=(const ToomServer&) = delete;

    /// Opens the store, imports credentials, binds and starts serving. Throws on failure.
    void start();

    /// Stops accepting, tells every client the server is shutting down, lets them drain for a
    /// moment, and closes the store. Idempotent.
    void stop();

    /// The port actually bound (useful with port 0).
    int port() const;
    /// The TLS port actually bound; 0 when TLS is off.
    int tlsPort() const;
    /// The IRC port actually bound; 0 when there is no IRC listener.
    int ircPort() const;

    /// Open connections (logged in or not).
    std::size_t connectionCount() const;

    /// Runs one housekeeping pass now (timeouts, pruning); the background thread calls it too.
    void housekeep();

    /// What SIGHUP does (see ServerApp): reads the credentials file again (accounts added or
    /// changed by the operator; lines unchanged cost nothing new) and logs what it found.
    /// Settings are not reloaded: every thread reads them without a lock, so changing them
    /// under a running server would be a data race. Safe to call from any thread.
    void reloadCredentials();

    /// Returns once userlog.txt (written in the background, see UserLogFile) shows every login
    /// and logout made before the call, and every store write queued before it is committed.
    void flushLogs();

    Services& services();
    const ServerOptions& options() const { return _options; }
    const CommandRegistry& registry() const { return _registry; }

private:
    void housekeepingLoop();
    /// Starts the IRC listener on `socket` (bound already).
    void startIrc(const Poco::Net::ServerSocket& socket, int maxConnections);
    /// Imports the credentials file into the accounts and logs the counts and problems.
    void importCredentials();

    ServerOptions _options;
    std::shared_ptr<Clock> _clock;
    Poco::Logger& _log;

    std::unique_ptr<SqliteStore> _store;
    std::unique_ptr<StoreWriter> _writer;        ///< The only writer of _store once started.
    std::unique_ptr<BatchedStore> _batchedStore; ///< The store as the services see it.
    std::unique_ptr<PasswordHasher> _hasher;
    std::unique_ptr<CredentialsFile> _credentials;
    std::unique_ptr<StoredAccountService> _accounts;
    std::unique_ptr<SessionDirectory> _directory;
    std::unique_ptr<LocalMessenger> _messenger;
    std::unique_ptr<StoredBlockService> _blocks;
    std::unique_ptr<BoardLogFile> _boardLog;
    std::unique_ptr<StoredBoardService> _board;
    std::unique_ptr<PrivateLogFile> _privateLog;
    std::unique_ptr<StoredPrivateMessageService> _privateMessages;
    std::unique_ptr<StoredRoomService> _rooms;
    std::unique_ptr<UserLogFile> _userLog;
    std::unique_ptr<LocalMonitorService> _monitors;
    std::unique_ptr<ContactsAudience> _contacts;
    std::unique_ptr<LocalPresenceService> _presence;
    std::unique_ptr<LocalPeerBroker> _peers;
    std::unique_ptr<LoginLimiter> _limiter;
    std::unique_ptr<Services> _services;
    CommandRegistry _registry;
    ConnectionSet _connections;
    std::atomic<int> _admitted{0};
    std::unique_ptr<EventLoops> _loops;
    std::unique_ptr<WorkerPool> _loginWorkers;
    std::unique_ptr<PreloginBudget> _prelogin;
    std::unique_ptr<RegistrationThrottle> _registrations;
    std::unique_ptr<ServerContext> _context;

    std::unique_ptr<Poco::ThreadPool> _pool;
    std::unique_ptr<Poco::Net::TCPServer> _tcpServer;
    std::unique_ptr<TlsServerContext> _tlsContext;    ///< Loaded before anything binds.
    std::unique_ptr<Poco::Net::TCPServer> _tlsServer; ///< The TLS port's acceptor, if on.
    // The IRC listener (none when options.irc.port is unset): its own acceptor, the same loops.
    std::unique_ptr<GuestNicks> _guests;
    std::unique_ptr<IrcContext> _ircContext;
    std::unique_ptr<Poco::ThreadPool> _ircPool;
    std::unique_ptr<Poco::Net::TCPServer> _ircServer;

    std::thread _housekeeper;
    Mutex _housekeeperMutex;
    CondVar _housekeeperWake;
    bool _stopping TOOM_GUARDED_BY(_housekeeperMutex) = false;
    bool _started = false;
    Poco::Timestamp _lastPrune;
};

} // namespace toom
