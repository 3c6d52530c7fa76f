#pragma once
// One client session from greeting to exit: the login exchange, then the command loop (read a
// line, run local hooks, send it, print its reply), with events printed as they arrive and the
// exit status decided from how the session ended. Runs against the LineTransport and
// InputSource interfaces, so tests drive it with fakes.

#include "client/session/CommandHooks.h"
#include "client/session/EventFormatter.h"
#include "client/session/EventRouter.h"
#include "client/session/ExitCodes.h"
#include "client/session/LineTransport.h"
#include "client/session/LoginExchange.h"
#include "client/session/ServerConnection.h"
#include "client/terminal/Console.h"
#include "client/terminal/InputSource.h"

#include <atomic>
#include <functional>
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
    /// Returns the exit status, or -1 once logged in.
    int login();
    int commandLoop();
    InputResult readNonBlank(const InputRequest& request);
    int inputEnded(const InputResult& result);
    int connectionEnded();
    void printAll(const std::vector<std::string>& lines);
    void endSession(CloseCause cause);
    void registerEventHandlers();
    /// Prints an event: formatted, or its text (nothing when it has none).
    void showEvent(const ServerLine& event);

    EventRouter _events;
    CommandHooks _hooks;
    ServerConnection _connection;
    InputSource& _input;
    Console& _console;
    LoginExchange _login;
    std::atomic<CloseCause> _cause{CloseCause::None};
    std::function<void(const std::string&)> _onLoggedIn;
    std::function<std::string(const std::string&)> _decoratePrompt;
    /// Written before run() starts the reader thread, read-only after.
    std::function<void(const ServerReply&)> _replyWatcher;
    /// Written before run() starts the reader thread, read-only after.
    EventFormatter* _formatter = nullptr;
};

} // namespace toom::client
