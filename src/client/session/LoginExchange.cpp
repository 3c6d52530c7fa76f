#include "client/session/LoginExchange.h"

#include "client/session/ExitCodes.h"
#include "common/Protocol.h"

namespace toom::client {

namespace {
std::vector<std::string> textOf(const ServerReply& reply) {
    return reply.texts();
}

// The final text of an OK that asks for the next line, as a prompt ("... (y/n) "), or
// `fallback` when the server sent none.
std::string promptFrom(const ServerReply& reply, const std::string& fallback) {
    std::string prompt = reply.final.text().empty() ? fallback : reply.final.text();
    if (prompt.empty() || prompt.back() != ' ')
        prompt += ' ';
    return prompt;
}
} // namespace

LoginExchange::LoginExchange(int udpPort, bool showBanner, int chatPort)
    : _udpPort(udpPort)
    , _chatPort(chatPort)
    , _showBanner(showBanner) {
    _profile.name = "unknown";
    _profile.prompt = "> ";
}

void LoginExchange::replay(Credentials credentials) {
    _replay = std::move(credentials);
    _showBanner = false;
}

LoginStep LoginExchange::onReply(const ServerReply& reply) {
    switch (_state) {
    case State::AwaitGreeting:
        return onGreeting(reply);
    case State::AwaitUdpPort:
        // A server that refuses the port still lets us log in; P2P just will not find us.
        return askUsername({});
    case State::AwaitUser:
        return onUserReply(reply);
    case State::AwaitPass:
        return onPassReply(reply);
    case State::AwaitConfirm:
        return onConfirmReply(reply);
    case State::AskConfirm:
    case State::AskUsername:
        return askUsername(textOf(reply));
    case State::AskPassword:
        return askPassword(textOf(reply));
    case State::LoggedIn: {
        LoginStep step;
        step.action = LoginStep::Action::LoggedIn;
        return step;
    }
    case State::Finished:
        break;
    }
    return exitWith(exitcode::kConnectionLost, {});
}

LoginStep LoginExchange::onInput(const std::string& line) {
    LoginStep step;
    step.action = LoginStep::Action::Send;
    step.line = line;
    if (_state == State::AskUsername) {
        _typedUser = line;
        _state = State::AwaitUser;
    } else if (_state == State::AskPassword) {
        _typedPassword = line;
        _state = State::AwaitPass;
    } else if (_state == State::AskConfirm) {
        _state = State::AwaitConfirm;
    }
    return step;
}

LoginStep LoginExchange::onGreeting(const ServerReply& reply) {
    if (reply.final.kind() == LineKind::Fail) {
        // SERVER_FULL (or any refusal before HELLO): the server closes after this line.
        auto print = textOf(reply);
        if (print.empty())
            print.push_back("The server refused the connection (" + reply.code() + ")");
        return exitWith(exitcode::kSetup, std::move(print));
    }
    if (reply.final.kind() != LineKind::Hello)
        return exitWith(exitcode::kConnectionLost, {"Unexpected greeting from the server"});
    if (auto name = reply.final.field("profile")) {
        if (auto known = findProfile(*name)) {
            _profile = *known;
        } else {
            _profile.name = *name;
        }
    }
    if (auto maxLine = reply.final.intField("max_line"); maxLine && *maxLine > 0)
        _maxLine = static_cast<std::size_t>(*maxLine);
    _state = State::AwaitUdpPort;
    LoginStep step;
    step.action = LoginStep::Action::Send;
    step.line = "UDPPORT " + std::to_string(_udpPort);
    if (_chatPort > 0)
        step.line += " " + std::to_string(_chatPort);
    return step;
}

LoginStep LoginExchange::onUserReply(const ServerReply& reply) {
    if (reply.failed()) {
        if (auto refused = exitIfRefused(reply))
            return *refused;
        if (_replay && reply.code() == err::kAlreadyOnline)
            return exitWith(exitcode::kConnectionLost,
                            {_replay->username + " is still logged in there (the server has not "
                                                 "yet seen the old connection end)"});
        // ALREADY_ONLINE, INVALID_USERNAME or anything else: try another name.
        return askUsername(textOf(reply));
    }
    _username = reply.final.field("user").value_or(_typedUser);
    // The final text of OK USER is a prompt, not news: for a new user it becomes the password
    // prompt ("This is a new user. Enter a password:"), otherwise "Password: " stands for it.
    std::vector<std::string> rows;
    for (const auto& row : reply.rows) {
        if (!row.text().empty())
            rows.push_back(row.text());
    }
    _passwordPrompt = kPasswordPrompt;
    if (_replay && (reply.final.field("next") == "confirm_name" ||
                    reply.final.field("next") == "new_password"))
        return replayRefused(textOf(reply), "the server no longer knows " + _username);
    if (reply.final.field("next") == "confirm_name") {
        // A new name that is also a command's: the server asks before registering it.
        return promptFor(
            State::AskConfirm,
            promptFrom(reply, _username + " is also a command name. Register it? (y/n)"), false,
            std::move(rows));
    }
    if (reply.final.field("next") == "new_password")
        return askNewPassword(reply, std::move(rows));
    return askPassword(std::move(rows));
}

LoginStep LoginExchange::askNewPassword(const ServerReply& reply, std::vector<std::string> rows) {
    _passwordPrompt = promptFrom(reply, "Enter a new password:");
    return askPassword(std::move(rows));
}

LoginStep LoginExchange::onConfirmReply(const ServerReply& reply) {
    if (reply.failed()) {
        if (auto refused = exitIfRefused(reply))
            return *refused;
        return askUsername(textOf(reply)); // NOT_CONFIRMED: pick another name.
    }
    return askNewPassword(reply, {});
}

std::optional<LoginStep> LoginExchange::exitIfRefused(const ServerReply& reply) {
    auto code = loginFailureExit(reply.code());
    if (!code)
        return std::nullopt;
    auto print = textOf(reply);
    addLockDuration(reply, print);
    return exitWith(*code, std::move(print));
}

LoginStep LoginExchange::promptFor(State state, std::string prompt, bool secret,
                                   std::vector<std::string> print) {
    _state = state;
    LoginStep step;
    step.action = LoginStep::Action::Prompt;
    step.print = std::move(print);
    step.prompt.prompt = std::move(prompt);
    step.prompt.secret = secret;
    return step;
}

LoginStep LoginExchange::onPassReply(const ServerReply& reply) {
    auto print = textOf(reply);
    if (reply.ok()) {
        _state = State::LoggedIn;
        _username = reply.final.field("user").value_or(_username);
        _credentials = _replay ? *_replay : Credentials{_username, _typedPassword};
        _typedPassword.clear();
        if (print.empty() && !_profile.welcome.empty())
            print.push_back(_profile.welcome);
        LoginStep step;
        step.action = LoginStep::Action::LoggedIn;
        step.print = std::move(print);
        return step;
    }
    if (auto refused = exitIfRefused(reply))
        return *refused;
    const std::string& code = reply.code();
    if (_replay && code == err::kAlreadyOnline)
        return exitWith(exitcode::kConnectionLost,
                        {_replay->username + " is still logged in there (the server has not yet "
                                             "seen the old connection end)"});
    if (code == err::kAlreadyOnline || code == err::kInvalidUsername || code == err::kLoginRequired)
        return askUsername(std::move(print));
    // INVALID_PASSWORD, UNUSABLE_PASSWORD, or a framing error: ask for the password again.
    return askPassword(std::move(print));
}

LoginStep LoginExchange::askUsername(std::vector<std::string> print) {
    if (_replay)
        return replayAnswer(State::AwaitUser, _replay->username, _replayedUser, std::move(print));
    const bool first = !_bannerShown;
    if (_showBanner && !_bannerShown && !_profile.loginBanner.empty())
        print.push_back(_profile.loginBanner);
    _bannerShown = true;
    _passwordPrompt = kPasswordPrompt;
    LoginStep step = promptFor(State::AskUsername, kUsernamePrompt, false, std::move(print));
    if (first)
        step.prompt.draft = _suggestedUser; // Only once: a refused name is not offered again.
    return step;
}

LoginStep LoginExchange::askPassword(std::vector<std::string> print) {
    if (_replay)
        return replayAnswer(State::AwaitPass, _replay->password, _replayedPassword,
                            std::move(print));
    return promptFor(State::AskPassword, _passwordPrompt, true, std::move(print));
}

// Each stored answer is given once: a prompt for it again means the server did not take it,
// and a person, not a loop, must decide what next.
LoginStep LoginExchange::replayAnswer(State awaiting, const std::string& answer, bool& used,
                                      std::vector<std::string> print) {
    if (used)
        return replayRefused(std::move(print), awaiting == State::AwaitUser
                                                   ? "the username was not accepted"
                                                   : "the password was not accepted");
    used = true;
    if (awaiting == State::AwaitUser)
        _typedUser = answer;
    _state = awaiting;
    LoginStep step;
    step.action = LoginStep::Action::Send;
    step.line = answer;
    step.print = std::move(print);
    return step;
}

LoginStep LoginExchange::replayRefused(std::vector<std::string> print, const std::string& why) {
    print.push_back("Could not log in again as " + _replay->username + ": " + why + ".");
    return exitWith(exitcode::kLoginRefused, std::move(print));
}

// The seeds' lock-out texts say "try again later"; in the default profile the client says
// how much later, from the server's lock_seconds (a fresh lock) or retry_after (a lock that
// was already there). The seed profiles keep their exact wording.
void LoginExchange::addLockDuration(const ServerReply& reply, std::vector<std::string>& print) {
    if (_profile.name != defaultProfile().name)
        return;
    auto seconds = reply.final.intField("retry_after");
    if (!seconds)
        seconds = reply.final.intField("lock_seconds");
    if (!seconds || *seconds <= 0)
        return;
    const std::int64_t s = *seconds;
    std::string wait = s < 120 ? std::to_string(s) + (s == 1 ? " second" : " seconds")
                               : std::to_string((s + 59) / 60) + " minutes";
    print.push_back("Logins to " + reply.final.field("user").value_or(_username) +
                    " are locked for " + wait + ".");
}

LoginStep LoginExchange::exitWith(int code, std::vector<std::string> print) {
    _state = State::Finished;
    LoginStep step;
    step.action = LoginStep::Action::Exit;
    step.exitCode = code;
    step.print = std::move(print);
    return step;
}

} // namespace toom::client
