#pragma once
// One client session from greeting to exit: the login exchange, then the command loop (read a
// line, run local hooks, send it, print its reply), with events printed as they arrive and the
// exit status decided from how the session ended. When reconnecting is on and the connection
// drops, it keeps the half-typed line, reconnects as the ReconnectPolicy says and logs in again
// with the credentials of the first login. Runs against the LineTransport and InputSource
// interfaces, so tests drive it with fakes.

#include "client/session/CommandHooks.h"
#include "client/session/EventFormatter.h"
#include "client/session/EventHold.h"
#include "client/session/EventRouter.h"
#include "client/session/ExitCodes.h"
#include "client/session/LineTransport.h"
#include "client/session/LoginExchange.h"
#include "client/session/ReconnectPolicy.h"
#include "client/session/ServerConnection.h"
#include "client/terminal/Console.h"
#include "client/terminal/InputSource.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace toom::client {

/// The client's main loop.
class ClientSession : public HookContext {
public:
    struct PeerPorts {
        int udpPort = 0;  ///< The bound UDP port, announced with UDPPORT.
        int chatPort = 0; ///< The TCP port for direct private chat (0: none), likewise.
    };

    /// How to get the connection back after it drops.
    struct Reconnect {
        /// Opens a new connection to the same server; throws std::exception saying why not.
        std::function<std::unique_ptr<LineTransport>()> connect;
        ReconnectPolicy::Settings settings;
        /// Numbers in [0, 1) for the jitter.
        std::function<double()> random;
        /// The time the policy sees (tests pass a fake clock).
        std::function<ReconnectPolicy::TimePoint()> now = [] {
            return std::chrono::steady_clock::now();
        };
    };

    /// All references must outlive the session. Registers the built-in event handlers
    /// (TIMEOUT, SHUTDOWN, CLOSING, and printing the text of any other event).
    ClientSession(LineTransport& transport, InputSource& input, Console& console,
                  PeerPorts settings);

    /// Stops the reader thread.
    ~ClientSession() override;

    /// Event handlers; add or replace handlers before run().
    EventRouter& events() { return _events; }

    /// Shows events through `formatter` (time column, source, colour, bell) instead of as the
    /// server's bare text, which scripts keep. Set before run(); must outlive the session.
    void formatEventsWith(EventFormatter& formatter) { _formatter = &formatter; }

    /// Shows every reply to `watcher` as it arrives, on the reader thread, replies to hooks'
    /// requests included (Tab completion learns names from them). Set before run().
    void watchReplies(std::function<void(const ServerReply&)> watcher) {
        _replyWatcher = std::move(watcher);
    }

    /// Shapes the command prompt each time it is shown, from the profile's (a query shows
    /// whom plain lines go to). Set before run().
    void decoratePrompt(std::function<std::string(const std::string& prompt)> decorate) {
        _decoratePrompt = std::move(decorate);
    }

    /// A server that sends no greeting within `timeout` (after the connection is made) is not
    /// a Toom server: run() says so, naming it `server` ("127.0.0.1:4000"), and exits with
    /// kSetup. Also names the server in reconnect messages. 10 s, "the server" unless set.
    void expectGreetingWithin(std::chrono::milliseconds timeout, std::string server) {
        _greetingTimeout = timeout;
        _serverName = std::move(server);
    }

    /// Reconnects when the connection drops after the login (not after a logout, an idle
    /// timeout or a close the server explained, and never in the middle of the first login).
    /// Without it a drop ends the session with kConnectionLost. Set before run().
    void reconnectWith(Reconnect reconnect) { _reconnect = std::move(reconnect); }

    /// Offers `name` at the first Username prompt (to edit or take). Set before run().
    void suggestUsername(std::string name) { _login.suggestUsername(std::move(name)); }

    /// Local command hooks; add before run().
    CommandHooks& hooks() { return _hooks; }

    /// Called once the login succeeded, with the user's name, before the first command is
    /// read (the peer-to-peer parts need to know who they speak for). Set before run().
    void onLoggedIn(std::function<void(const std::string& username)> callback) {
        _onLoggedIn = std::move(callback);
    }

    /// Runs the session to its end and returns the exit status (see ExitCodes.h).
    int run();

    /// Sends `line` and waits for its reply; nothing if the connection is gone or ending.
    std::optional<ServerReply> request(std::string_view line) override;

    Console& console() override { return _console; }

    const std::string& username() const override { return _login.username(); }

    /// The server's profile (after the greeting).
    const Profile& profile() const { return _login.profile(); }

    /// How the server ended the session, as far as known.
    CloseCause closeCause() const { return _cause; }

private:
    /// How a reconnect attempt ended.
    struct Attempt {
        enum class Outcome { LoggedIn, Failed, Refused } outcome = Outcome::Failed;
        std::vector<std::string> print; ///< The server's words (Refused, LoggedIn).
        std::string reason;             ///< Why it failed (Failed).
        int exitCode = exitcode::kLoginRefused;
    };

    /// Makes the connection over `transport` (not started).
    void attach(LineTransport& transport);
    /// The greeting, or nothing; then `whyNot` says why unless the server just closed.
    std::optional<ServerReply> awaitGreeting(std::string& whyNot);
    /// Returns the exit status, or -1 once logged in.
    int login();
    int commandLoop();
    /// The connection dropped while `draft` was being typed: reconnects, or returns the exit
    /// status. Returns -1 once logged in again, with `draft` still to be edited.
    int recover(std::string& draft);
    bool shouldReconnect() const;
    Attempt attemptReconnect();
    /// Waits `delay` with the edit line open (the draft is kept and can still be edited);
    /// false if the user quit meanwhile.
    bool waitTyping(std::chrono::milliseconds delay, std::string& draft);
    InputRequest commandPrompt(const std::string& draft) const;
    InputResult readNonBlank(InputRequest request);
    int inputEnded(const InputResult& result);
    int connectionEnded();
    void printAll(const std::vector<std::string>& lines);
    void endSession(CloseCause cause);
    void registerEventHandlers();
    /// Shows an event now, or after the login's reply while a login is answered.
    void showEvent(const ServerLine& event);
    /// Shows the events held during a login, and shows the next ones at once.
    void releaseEvents();
    /// Prints an event: formatted, or its text (nothing when it has none).
    void printEvent(const ServerLine& event);

    EventRouter _events;
    CommandHooks _hooks;
    PeerPorts _ports;
    /// The connection made after a reconnect; the first one is the constructor's. Declared
    /// before _connection, which uses it, so that it is destroyed after.
    std::unique_ptr<LineTransport> _reconnected;
    /// Replaced only by the main thread, once the old reader thread has been joined.
    std::unique_ptr<ServerConnection> _connection;
    InputSource& _input;
    Console& _console;
    LoginExchange _login;
    std::chrono::milliseconds _greetingTimeout{10000};
    std::string _serverName = "the server";
    Reconnect _reconnect;
    std::atomic<CloseCause> _cause{CloseCause::None};
    std::function<void(const std::string&)> _onLoggedIn;
    std::function<std::string(const std::string&)> _decoratePrompt;
    /// Written before run() starts the reader thread, read-only after.
    std::function<void(const ServerReply&)> _replyWatcher;
    /// Written before run() starts the reader thread, read-only after.
    EventFormatter* _formatter = nullptr;
    EventHold _heldEvents; ///< Events that arrive while a login is answered.
};

} // namespace toom::client
