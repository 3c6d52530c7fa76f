#include "client/session/ClientSession.h"

#include "common/Protocol.h"
#include "common/Text.h"

#include <ctime>

namespace toom::client {

ClientSession::ClientSession(LineTransport& transport, InputSource& input, Console& console,
                             PeerPorts settings)
    : _connection(transport, _events)
    , _input(input)
    , _console(console)
    , _login(settings.udpPort, input.showsPrompts(), settings.chatPort) {
    registerEventHandlers();
    // The server hanging up must also end a wait for keyboard input.
    _connection.onClosed([this] { _input.interrupt(); });
    _connection.onReply([this](const ServerReply& reply) {
        if (_formatter)
            _formatter->observe(reply);
        if (_replyWatcher)
            _replyWatcher(reply);
    });
}

ClientSession::~ClientSession() {
    _connection.stop();
}

void ClientSession::showEvent(const ServerLine& event) {
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
    _connection.abandon();
    _input.interrupt();
}

void ClientSession::printAll(const std::vector<std::string>& lines) {
    for (const auto& line : lines)
        _console.printLine(line);
}

int ClientSession::run() {
    _connection.start();
    int code = login();
    if (code < 0) {
        if (_onLoggedIn)
            _onLoggedIn(_login.username());
        code = commandLoop();
    }
    _connection.stop();
    return code;
}

std::optional<ServerReply> ClientSession::request(std::string_view line) {
    if (!_connection.send(line))
        return std::nullopt;
    return _connection.nextReply();
}

InputResult ClientSession::readNonBlank(const InputRequest& request) {
    for (;;) {
        InputResult result = _input.readLine(request);
        // Blank lines are never sent: the server would answer them with an error.
        if (result.status != InputResult::Status::Line || !trim(result.line).empty())
            return result;
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
    auto reply = _connection.nextReply();
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

int ClientSession::commandLoop() {
    for (;;) {
        const std::string& base = _login.profile().prompt;
        const InputRequest prompt{_decoratePrompt ? _decoratePrompt(base) : base, false, true};
        InputResult input = readNonBlank(prompt);
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
