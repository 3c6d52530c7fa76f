#include "server/irc/IrcRegistration.h"

#include "common/IrcNumerics.h"
#include "common/Text.h"
#include "models/User.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>

namespace toom {

namespace {

/// Decodes strict base64; nothing when the text is not base64.
std::optional<std::string> decodeBase64(const std::string& text) {
    if (text.size() % 4 != 0)
        return std::nullopt;
    const bool alphabet = std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
    });
    if (!alphabet)
        return std::nullopt;
    try {
        std::istringstream in(text);
        Poco::Base64Decoder decoder(in);
        std::string out((std::istreambuf_iterator<char>(decoder)),
                        std::istreambuf_iterator<char>());
        return out;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

/// The version of `CAP LS <version>`: 0 without one.
int capVersion(const std::string& word) {
    if (word.empty() || word.size() > 6 || !std::all_of(word.begin(), word.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        }))
        return 0;
    return std::atoi(word.c_str());
}

} // namespace

bool isValidIrcNick(std::string_view nick) {
    if (nick.empty() || nick.size() > IrcRegistration::kNickLength || !isValidUsername(nick))
        return false;
    if (nick.find_first_of("!@,*?.:") != std::string_view::npos)
        return false;
    return nick.front() != '#' && nick.front() != '&' && nick.front() != '$';
}

IrcRegistration::IrcRegistration(IrcRegistrationSettings settings)
    : _settings(std::move(settings)) {}

std::vector<std::string> IrcRegistration::offered(bool version302) {
    return {version302 ? "sasl=PLAIN" : "sasl"};
}

IrcMessage IrcRegistration::numeric(std::string_view code, std::vector<std::string> params) const {
    params.insert(params.begin(), _nick);
    IrcMessage m(std::string(code), std::move(params));
    m.from(_settings.serverName);
    return m;
}

IrcRegistrationOutput IrcRegistration::handle(const IrcMessage& message) {
    IrcRegistrationOutput out;
    const std::string verb = message.verb();
    if (verb == "CAP")
        onCap(message, out);
    else if (verb == "NICK" && !_registered)
        onNick(message, out);
    else if (verb == "USER")
        onUser(message, out);
    else if (verb == "PASS")
        onPass(message, out);
    else if (verb == "AUTHENTICATE")
        onAuthenticate(message, out);
    else if (verb == "PING") {
        if (message.params.empty()) {
            out.replies.push_back(
                numeric(irc::ERR_NEEDMOREPARAMS, {"PING", "Not enough parameters"}));
        } else {
            IrcMessage pong("PONG", {_settings.serverName, message.params.front()});
            out.replies.push_back(pong.from(_settings.serverName));
        }
    } else if (verb == "PONG") {
        // Nothing to answer.
    } else if (verb == "QUIT") {
        out.replies.emplace_back("ERROR", std::vector<std::string>{"Closing link: quit"});
        out.close = true;
    } else if (!_registered) {
        out.replies.push_back(numeric(irc::ERR_NOTREGISTERED, {"You have not registered"}));
    }
    return out;
}

void IrcRegistration::onCap(const IrcMessage& m, IrcRegistrationOutput& out) {
    if (m.params.empty()) {
        out.replies.push_back(numeric(irc::ERR_NEEDMOREPARAMS, {"CAP", "Not enough parameters"}));
        return;
    }
    const std::string sub = toUpper(m.param(0));
    auto capReply = [this](std::string what, std::string list) {
        IrcMessage reply("CAP", {_nick, std::move(what), std::move(list)});
        return reply.from(_settings.serverName);
    };
    if (sub == "LS") {
        if (!_registered)
            _negotiating = true;
        out.replies.push_back(capReply("LS", join(offered(capVersion(m.param(1)) >= 302), " ")));
    } else if (sub == "LIST") {
        out.replies.push_back(capReply("LIST", join(_caps, " ")));
    } else if (sub == "REQ") {
        if (!_registered)
            _negotiating = true;
        const std::vector<std::string> asked = splitWords(m.param(1));
        // All or nothing, as the specification says: one unknown name refuses the request.
        const bool known = !asked.empty() && std::all_of(asked.begin(), asked.end(), [](auto& c) {
            return c == "sasl" || c == "-sasl";
        });
        if (!known) {
            out.replies.push_back(capReply("NAK", m.param(1)));
            return;
        }
        for (const std::string& cap : asked) {
            const bool removing = cap.front() == '-';
            const std::string name = removing ? cap.substr(1) : cap;
            const auto at = std::find(_caps.begin(), _caps.end(), name);
            if (removing && at != _caps.end())
                _caps.erase(at);
            else if (!removing && at == _caps.end())
                _caps.push_back(name);
        }
        out.replies.push_back(capReply("ACK", m.param(1)));
    } else if (sub == "END") {
        if (_registered || !_negotiating)
            return;
        _negotiating = false;
        tryComplete(out);
    } else {
        out.replies.push_back(numeric(irc::ERR_INVALIDCAPCMD, {m.param(0), "Invalid CAP command"}));
    }
}

void IrcRegistration::onNick(const IrcMessage& m, IrcRegistrationOutput& out) {
    if (m.params.empty() || m.param(0).empty()) {
        out.replies.push_back(numeric(irc::ERR_NONICKNAMEGIVEN, {"No nickname given"}));
        return;
    }
    const std::string& nick = m.param(0);
    if (!isValidIrcNick(nick)) {
        out.replies.push_back(numeric(irc::ERR_ERRONEUSNICKNAME, {nick, "Erroneous nickname"}));
        return;
    }
    // Logged in by SASL already: the nick is the account's name whatever was asked for (a Toom
    // user has one name; 001 tells the client which).
    _nick = _account.empty() ? nick : _account;
    _hasNick = true;
    tryComplete(out);
}

void IrcRegistration::onUser(const IrcMessage& m, IrcRegistrationOutput& out) {
    if (_registered || !_user.empty()) {
        out.replies.push_back(numeric(irc::ERR_ALREADYREGISTERED, {"You may not reregister"}));
        return;
    }
    if (m.params.size() < 4 || m.param(0).empty()) {
        out.replies.push_back(numeric(irc::ERR_NEEDMOREPARAMS, {"USER", "Not enough parameters"}));
        return;
    }
    _user = m.param(0).substr(0, kNickLength);
    _realName = m.param(3);
    tryComplete(out);
}

void IrcRegistration::onPass(const IrcMessage& m, IrcRegistrationOutput& out) {
    if (_registered) {
        out.replies.push_back(numeric(irc::ERR_ALREADYREGISTERED, {"You may not reregister"}));
        return;
    }
    if (m.params.empty() || m.param(0).empty()) {
        out.replies.push_back(numeric(irc::ERR_NEEDMOREPARAMS, {"PASS", "Not enough parameters"}));
        return;
    }
    _password = m.param(0); // The last one counts, checked once NICK and USER are in.
}

void IrcRegistration::saslFailed(IrcRegistrationOutput& out, std::string_view code,
                                 std::string text) {
    _sasl = Sasl::None;
    _saslBuffer.clear();
    out.replies.push_back(numeric(code, {std::move(text)}));
}

void IrcRegistration::onAuthenticate(const IrcMessage& m, IrcRegistrationOutput& out) {
    if (_registered || !_account.empty()) {
        out.replies.push_back(numeric(irc::ERR_SASLALREADY, {"You have already authenticated"}));
        return;
    }
    if (m.params.empty() || m.param(0).empty()) {
        out.replies.push_back(
            numeric(irc::ERR_NEEDMOREPARAMS, {"AUTHENTICATE", "Not enough parameters"}));
        return;
    }
    const std::string& data = m.param(0);
    if (data == "*") {
        if (_sasl == Sasl::None) {
            out.replies.push_back(numeric(irc::ERR_SASLFAIL, {"SASL authentication failed"}));
            return;
        }
        saslFailed(out, irc::ERR_SASLABORTED, "SASL authentication aborted");
        return;
    }
    if (_sasl == Sasl::None) {
        if (toUpper(data) != "PLAIN") {
            out.replies.push_back(
                numeric(irc::RPL_SASLMECHS, {"PLAIN", "are available SASL mechanisms"}));
            saslFailed(out, irc::ERR_SASLFAIL, "SASL authentication failed");
            return;
        }
        _sasl = Sasl::MechanismChosen;
        out.replies.emplace_back("AUTHENTICATE", std::vector<std::string>{"+"});
        return;
    }
    if (data.size() > kSaslChunkBytes) {
        saslFailed(out, irc::ERR_SASLTOOLONG, "SASL message too long");
        return;
    }
    if (data != "+")
        _saslBuffer += data;
    if (_saslBuffer.size() > kMaxSaslBytes) {
        saslFailed(out, irc::ERR_SASLTOOLONG, "SASL message too long");
        return;
    }
    if (data.size() == kSaslChunkBytes)
        return; // A full chunk: more follows (or "+").
    const std::optional<std::string> decoded = decodeBase64(_saslBuffer);
    _saslBuffer.clear();
    // PLAIN: authzid NUL authcid NUL password (RFC 4616).
    std::vector<std::string> parts;
    if (decoded) {
        std::size_t start = 0;
        for (;;) {
            const std::size_t end = decoded->find('\0', start);
            parts.push_back(decoded->substr(start, end - start));
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    }
    if (parts.size() != 3 || parts[1].empty() || parts[2].empty() ||
        (!parts[0].empty() && !iequals(parts[0], parts[1]))) {
        saslFailed(out, irc::ERR_SASLFAIL, "SASL authentication failed");
        return;
    }
    _waiting = Waiting::SaslLogin;
    out.login = IrcLoginRequest{parts[1], parts[2], true};
}

IrcRegistrationOutput IrcRegistration::loginAnswered(const IrcLoginAnswer& answer) {
    IrcRegistrationOutput out;
    const Waiting was = _waiting;
    _waiting = Waiting::Nothing;
    if (was == Waiting::SaslLogin) {
        _sasl = answer.ok ? Sasl::Done : Sasl::None;
        if (!answer.ok) {
            out.replies.push_back(
                numeric(irc::ERR_SASLFAIL,
                        {answer.reason.empty() ? "SASL authentication failed" : answer.reason}));
            return out;
        }
        _account = answer.account;
        if (_hasNick)
            _nick = _account;
        const std::string mask =
            _account + "!" + (_user.empty() ? _account : _user) + "@" + _settings.serverName;
        out.replies.push_back(
            numeric(irc::RPL_LOGGEDIN, {mask, _account, "You are now logged in as " + _account}));
        out.replies.push_back(numeric(irc::RPL_SASLSUCCESS, {"SASL authentication successful"}));
        tryComplete(out);
        return out;
    }
    if (was == Waiting::PassLogin) {
        if (!answer.ok) {
            out.replies.push_back(
                numeric(irc::ERR_PASSWDMISMATCH,
                        {answer.reason.empty() ? "Password incorrect" : answer.reason}));
            out.replies.emplace_back("ERROR",
                                     std::vector<std::string>{"Closing link: bad password"});
            out.close = true;
            return out;
        }
        _account = answer.account;
        _nick = _account;
        complete(out);
    }
    return out;
}

IrcRegistrationOutput IrcRegistration::guestNickAnswered(IrcGuestNick answer) {
    IrcRegistrationOutput out;
    if (_waiting != Waiting::GuestNick)
        return out;
    _waiting = Waiting::Nothing;
    if (answer == IrcGuestNick::Free) {
        complete(out);
        return out;
    }
    // Registration waits for another NICK. (A swap, not `_nick = "*"`: g++ 12 warns wrongly
    // about that assignment, -Wrestrict, at -O2.)
    std::string wanted(1, '*');
    wanted.swap(_nick);
    _hasNick = false;
    out.replies.push_back(numeric(
        irc::ERR_NICKNAMEINUSE,
        {wanted, answer == IrcGuestNick::Account
                     ? "Nickname is a registered account: log in with SASL or PASS to use it"
                     : "Nickname is already in use"}));
    return out;
}

void IrcRegistration::tryComplete(IrcRegistrationOutput& out) {
    if (_registered || _waiting != Waiting::Nothing || _negotiating || !_hasNick || _user.empty() ||
        _sasl == Sasl::MechanismChosen)
        return;
    if (!_account.empty()) {
        complete(out);
        return;
    }
    if (_password) {
        _waiting = Waiting::PassLogin;
        out.login = IrcLoginRequest{_nick, *_password, false};
        _password.reset(); // Not kept longer than needed.
        return;
    }
    if (!_settings.allowGuests) {
        out.replies.push_back(numeric(
            irc::ERR_PASSWDMISMATCH,
            {"This server has no guests: log in with SASL PLAIN or PASS (your Toom password)"}));
        out.replies.emplace_back("ERROR", std::vector<std::string>{"Closing link: no account"});
        out.close = true;
        return;
    }
    _waiting = Waiting::GuestNick;
    out.checkGuestNick = _nick;
}

void IrcRegistration::complete(IrcRegistrationOutput& out) {
    _registered = true;
    _password.reset();
    out.registered = true;
}

} // namespace toom
