#include "client/session/ClientSession.h"

#include "common/Protocol.h"
#include "common/Text.h"

#include <ctime>

namespace toom::client {

ClientSession::ClientSession(LineTransport& transport, InputSource& input, Console& console,
                             PeerPorts settings)
    : _ports(settings)
    , _input(input)
    , _console(console)
    , _login(settings.udpPort, input.showsPrompts(), settings.chatPort) {
    registerEventHandlers();
    attach(transport);
}

ClientSession::~ClientSession() {
    _connection->stop();
}

void ClientSession::attach(LineTransport& transport) {
    _connection = std::make_unique<ServerConnection>(transport, _events);
    // The server hanging up must also end a wait for keyboard input.
    _connection->onClosed([this] { _input.interrupt(); });
    _connection->onReply([this](const ServerReply& reply) {
        if (_formatter)
            _formatter->observe(reply);
        if (_replyWatcher)
            _replyWatcher(reply);
    });
}

void ClientSession::showEvent(const ServerLine& event) {
    _heldEvents.offer(event, [this](const ServerLine& e) { printEvent(e); });
}

void ClientSession::releaseEvents() {
    _heldEvents.release([this](const ServerLine& e) { printEvent(e); });
}

void ClientSession::printEvent(const ServerLine& event) {
    if (!_formatter) {
        if (!event.text().empty())
            _console.printLine(event.text());
        return;
    }
    FormattedEvent shown = _formatter->format(event, std::time(nullptr));
    if (!shown.line.spans().empty())
        _console.print(shown.line, shown.alert);
}

void ClientSession::registerEventHandlers() {
    auto show = [this](const ServerLine& event) { showEvent(event); };
    // Unknown types (MESSAGE, PRESENCE, BOARD, ...) are shown as text: the server writes the
    // text for people, so a client that predates an event type still shows it sensibly.
    _events.otherwise(show);
    _events.on(std::string(ev::kTimeout), [this, show](const ServerLine& event) {
        show(event);
        endSession(CloseCause::TimedOut);
    });
    _events.on(std::string(ev::kShutdown), [this, show](const ServerLine& event) {
        show(event);
        endSession(CloseCause::Shutdown);
    });
    _events.on(std::string(ev::kClosing), [this, show](const ServerLine& event) {
        show(event);
        // Only explains the coming close; a TIMEOUT or SHUTDOWN already seen says more.
        CloseCause expected = CloseCause::None;
        _cause.compare_exchange_strong(expected, CloseCause::Closing);
    });
}

void ClientSession::endSession(CloseCause cause) {
    // Runs on the reader thread: release the main thread wherever it waits (for a reply or
    // for a key); it then finds the cause and exits.
    _cause = cause;
    _connection->abandon();
    _input.interrupt();
}

void ClientSession::printAll(const std::vector<std::string>& lines) {
    for (const auto& line : lines)
        _console.printLine(line);
}

int ClientSession::run() {
    _connection->start();
    // What follows the welcome on the wire (messages that waited, the backlog) shows after it.
    _heldEvents.hold();
    int code = login();
    releaseEvents();
    if (code < 0) {
        if (_onLoggedIn)
            _onLoggedIn(_login.username());
        code = commandLoop();
    }
    _connection->stop();
    return code;
}

std::optional<ServerReply> ClientSession::request(std::string_view line) {
    if (!_connection->send(line))
        return std::nullopt;
    return _connection->nextReply();
}

std::optional<ServerReply> ClientSession::awaitGreeting(std::string& whyNot) {
    auto reply = _connection->nextReplyWithin(_greetingTimeout);
    if (reply)
        return reply;
    // A plain close keeps its old meaning (the connection was lost); silence, or lines that
    // are not protocol, mean something else is listening on that port.
    if (!_connection->closed() || _connection->sawForeignLine())
        whyNot = _serverName + " did not answer like a Toom server within " +
                 describeSeconds(_greetingTimeout);
    return std::nullopt;
}

InputResult ClientSession::readNonBlank(InputRequest request) {
    for (;;) {
        InputResult result = _input.readLine(request);
        // Blank lines are never sent: the server would answer them with an error.
        if (result.status != InputResult::Status::Line || !trim(result.line).empty())
            return result;
        request.draft.clear(); // Emptied by the user: not offered again.
    }
}

int ClientSession::inputEnded(const InputResult& result) {
    if (result.status == InputResult::Status::Interrupted)
        return connectionEnded();
    // End of the script, Ctrl-D or Ctrl-C: just close; the server logs the session out.
    return exitcode::kOk;
}

int ClientSession::connectionEnded() {
    CloseDecision decision = decideOnServerClose(_cause);
    if (decision.notice)
        _console.printLine(*decision.notice);
    return decision.exitCode;
}

int ClientSession::login() {
    std::string whyNot;
    auto reply = awaitGreeting(whyNot);
    if (!reply && !whyNot.empty()) {
        _console.printLine(whyNot);
        return exitcode::kSetup;
    }
    if (!reply)
        return connectionEnded();
    LoginStep step = _login.onReply(*reply);
    for (;;) {
        printAll(step.print);
        switch (step.action) {
        case LoginStep::Action::Send:
            reply = request(step.line);
            if (!reply)
                return connectionEnded();
            step = _login.onReply(*reply);
            break;
        case LoginStep::Action::Prompt: {
            InputResult input = readNonBlank(step.prompt);
            if (input.status != InputResult::Status::Line)
                return inputEnded(input);
            step = _login.onInput(input.line);
            break;
        }
        case LoginStep::Action::LoggedIn:
            return -1;
        case LoginStep::Action::Exit:
            return step.exitCode;
        }
    }
}

InputRequest ClientSession::commandPrompt(const std::string& draft) const {
    const std::string& base = _login.profile().prompt;
    InputRequest request;
    request.prompt = _decoratePrompt ? _decoratePrompt(base) : base;
    request.history = true;
    request.draft = draft;
    return request;
}

int ClientSession::commandLoop() {
    std::string draft;
    for (;;) {
        InputResult input = readNonBlank(commandPrompt(draft));
        draft.clear();
        if (input.status == InputResult::Status::Interrupted && shouldReconnect()) {
            draft = input.line;
            if (const int code = recover(draft); code >= 0)
                return code;
            continue;
        }
        if (input.status != InputResult::Status::Line)
            return inputEnded(input);
        HookResult decision = _hooks.apply(*this, input.line);
        if (decision.action == HookResult::Action::Handled)
            continue;
        // Checked here rather than left to the server so that the user sees why at once and
        // the request/reply pairing never depends on how the server frames an over-long line.
        if (decision.line.size() > _login.maxLine()) {
            _console.printLine("Error. The command is too long (at most " +
                               std::to_string(_login.maxLine()) + " bytes).");
            continue;
        }
        auto reply = request(decision.line);
        if (!reply && shouldReconnect()) {
            // Sent, perhaps even done, but unanswered: offered again rather than resent, so
            // that nothing is done twice without the user saying so.
            _console.printLine("No answer to that before the connection dropped; it may or may "
                               "not have been done. It is kept on the line.");
            draft = input.line;
            if (const int code = recover(draft); code >= 0)
                return code;
            continue;
        }
        if (!reply)
            return connectionEnded();
        printAll(reply->texts());
        if (reply->ok() && reply->verb() == "LOGOUT") {
            _cause = CloseCause::LoggedOut;
            return exitcode::kOk;
        }
    }
}

} // namespace toom::client

namespace toom::client {

bool ClientSession::shouldReconnect() const {
    if (!_reconnect.connect || !_login.credentials())
        return false;
    // A shutdown is how a restart begins; a logout, an idle timeout or a close the server
    // explained (CLOSING) is the server's decision, and reconnecting would undo it.
    const CloseCause cause = _cause;
    return cause == CloseCause::None || cause == CloseCause::Shutdown;
}

int ClientSession::recover(std::string& draft) {
    // The old reader is joined first: from then on nothing interrupts the input but us.
    _connection->stop();
    _input.resume();
    if (_cause == CloseCause::Shutdown)
        _console.printLine("The server is shutting down; it may be restarting.");
    std::function<double()> random = _reconnect.random;
    if (!random)
        random = [] { return 0.5; }; // No jitter.
    ReconnectPolicy policy(_reconnect.settings, random, _serverName);
    ReconnectStep step = policy.onConnectionLost(_reconnect.now());
    for (;;) {
        printAll(step.print);
        switch (step.action) {
        case ReconnectStep::Action::Resume:
            _cause = CloseCause::None;
            if (_onLoggedIn)
                _onLoggedIn(_login.username());
            return -1;
        case ReconnectStep::Action::GiveUp:
            return step.exitCode;
        case ReconnectStep::Action::Wait:
            break;
        }
        if (!waitTyping(step.delay, draft))
            return exitcode::kConnectionLost;
        _heldEvents.hold();
        Attempt attempt = attemptReconnect();
        switch (attempt.outcome) {
        case Attempt::Outcome::LoggedIn:
            step = policy.onReconnected(_reconnect.now());
            // The server's words after the login (what was missed) come before "Reconnected".
            printAll(attempt.print);
            releaseEvents();
            break;
        case Attempt::Outcome::Refused:
            step = policy.onLoginRefused(std::move(attempt.print), attempt.exitCode);
            break;
        case Attempt::Outcome::Failed:
            _connection->stop();
            _input.resume();
            step = policy.onAttemptFailed(_reconnect.now(), attempt.reason);
            break;
        }
        releaseEvents(); // After a refusal or a failure: whatever came shows now.
    }
}

bool ClientSession::waitTyping(std::chrono::milliseconds delay, std::string& draft) {
    using SteadyClock = std::chrono::steady_clock;
    const auto until = SteadyClock::now() + delay;
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - SteadyClock::now());
        if (left.count() <= 0)
            return true;
        InputRequest request = commandPrompt(draft);
        request.timeoutMs = static_cast<int>(left.count());
        InputResult input = _input.readLine(request);
        switch (input.status) {
        case InputResult::Status::Line:
            draft = input.line;
            if (!trim(draft).empty())
                _console.printLine("Not connected: the line is kept until the connection is "
                                   "back.");
            continue;
        case InputResult::Status::TimedOut:
        case InputResult::Status::Interrupted:
            draft = input.line;
            return true;
        case InputResult::Status::EndOfInput:
        case InputResult::Status::Quit:
            return false;
        }
    }
}

ClientSession::Attempt ClientSession::attemptReconnect() {
    Attempt attempt;
    std::unique_ptr<LineTransport> transport;
    try {
        transport = _reconnect.connect();
    } catch (const std::exception& e) {
        attempt.reason = e.what();
        return attempt;
    }
    if (!transport) {
        attempt.reason = "no connection";
        return attempt;
    }
    _connection->stop();
    _connection.reset(); // Before the transport it reads goes.
    _reconnected = std::move(transport);
    attach(*_reconnected);
    _connection->start();

    std::string whyNot;
    auto reply = awaitGreeting(whyNot);
    if (!reply) {
        attempt.reason = whyNot.empty() ? "the server closed the connection at once" : whyNot;
        return attempt;
    }
    LoginExchange exchange(_ports.udpPort, false, _ports.chatPort);
    exchange.replay(*_login.credentials());
    LoginStep step = exchange.onReply(*reply);
    for (;;) {
        attempt.print.insert(attempt.print.end(), step.print.begin(), step.print.end());
        switch (step.action) {
        case LoginStep::Action::Send:
            if (exchange.state() == LoginExchange::State::AwaitUser)
                _console.printLine("Connected to " + _serverName + "; logging in again as " +
                                   step.line + "...");
            reply = request(step.line);
            if (!reply) {
                attempt.reason = "the connection dropped while logging in";
                return attempt;
            }
            step = exchange.onReply(*reply);
            break;
        case LoginStep::Action::LoggedIn:
            attempt.outcome = Attempt::Outcome::LoggedIn;
            _login = std::move(exchange);
            return attempt;
        case LoginStep::Action::Exit:
            if (step.exitCode == exitcode::kLoginRefused) {
                attempt.outcome = Attempt::Outcome::Refused;
                attempt.exitCode = step.exitCode;
                return attempt;
            }
            attempt.reason = step.print.empty() ? "the server ended the login" : step.print.back();
            return attempt;
        case LoginStep::Action::Prompt:
            // Never in a replay; were it to happen, a person would have to answer.
            attempt.reason = "the server asked for more than the username and password";
            return attempt;
        }
    }
}

} // namespace toom::client
