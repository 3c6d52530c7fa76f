#pragma once
// The login exchange as a state machine: greeting, UDP port announcement, username, password
// (or a new user's password), with every server answer mapped to what the client does next.
// Pure (no I/O): the session carries out each step, and tests feed it scripted replies.

#include "client/session/ServerReply.h"
#include "client/terminal/InputSource.h"
#include "common/Profile.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace toom::client {

/// What the session must do next.
struct LoginStep {
    enum class Action {
        Send,     ///< Send `line` to the server, then pass its reply to onReply().
        Prompt,   ///< Read a line with `prompt`, then pass it to onInput().
        LoggedIn, ///< Login complete: start the command loop.
        Exit      ///< Stop with `exitCode`.
    };
    Action action = Action::Exit;
    std::vector<std::string> print; ///< Lines to print before acting.
    std::string line;               ///< For Send.
    InputRequest prompt;            ///< For Prompt.
    int exitCode = 0;               ///< For Exit.
};

/// What a login that succeeded used: kept in memory (never written anywhere) to log in again
/// after a reconnect.
struct Credentials {
    std::string username;
    std::string password;
};

/// Drives one login.
class LoginExchange {
public:
    enum class State {
        AwaitGreeting, ///< Waiting for HELLO (or FAIL SERVER_FULL).
        AwaitUdpPort,  ///< UDPPORT sent.
        AskUsername,   ///< Prompting for the username.
        AwaitUser,     ///< Username sent.
        AskConfirm,    ///< Prompting for y/n: register a name that is also a command's.
        AwaitConfirm,  ///< The answer sent.
        AskPassword,   ///< Prompting for the password.
        AwaitPass,     ///< Password sent.
        LoggedIn,      ///< Done.
        Finished       ///< Gave up (exit).
    };

    static constexpr const char* kUsernamePrompt = "Username: ";
    static constexpr const char* kPasswordPrompt = "Password: ";

    /// `udpPort` (and `chatPort`, the TCP port for direct private chat, when not 0) are
    /// announced with UDPPORT; `showBanner` prints the profile's login banner (only when
    /// prompts are shown).
    LoginExchange(int udpPort, bool showBanner, int chatPort = 0);

    /// Logs in with `credentials` instead of asking (after a reconnect). Where a person would
    /// be asked again (the password no longer fits, the name is unknown) it exits with
    /// kLoginRefused instead; ALREADY_ONLINE (the server has not yet seen the old connection
    /// end) exits with kConnectionLost, worth another attempt. Call before the greeting.
    void replay(Credentials credentials);

    /// Starts the first username prompt with `name` (from the config file), to edit or take.
    void suggestUsername(std::string name) { _suggestedUser = std::move(name); }

    /// Handles the reply to the last Send (or the greeting, first).
    LoginStep onReply(const ServerReply& reply);

    /// Handles the line typed at the last Prompt.
    LoginStep onInput(const std::string& line);

    State state() const { return _state; }

    /// The profile named in HELLO (prompt "> " if the name is unknown).
    const Profile& profile() const { return _profile; }

    /// The user name, once logged in (as confirmed by the server).
    const std::string& username() const { return _username; }

    /// The credentials of the login, once logged in.
    const std::optional<Credentials>& credentials() const { return _credentials; }

    /// The server's max_line (bytes per request line), 4096 if not announced.
    std::size_t maxLine() const { return _maxLine; }

private:
    LoginStep onGreeting(const ServerReply& reply);
    LoginStep onUserReply(const ServerReply& reply);
    LoginStep onPassReply(const ServerReply& reply);
    LoginStep onConfirmReply(const ServerReply& reply);
    /// Prompts for the new password with the server's wording (OK ... next=new_password).
    LoginStep askNewPassword(const ServerReply& reply, std::vector<std::string> rows);
    LoginStep askUsername(std::vector<std::string> print);
    LoginStep askPassword(std::vector<std::string> print);
    LoginStep exitWith(int code, std::vector<std::string> print);
    /// The exit for a refusal that ends the login (a lock), or nothing.
    std::optional<LoginStep> exitIfRefused(const ServerReply& reply);
    /// Moves to `state` and asks for a line with `prompt`.
    LoginStep promptFor(State state, std::string prompt, bool secret,
                        std::vector<std::string> print);
    /// Adds how long a lock lasts to `print`, in the default profile (see the source).
    void addLockDuration(const ServerReply& reply, std::vector<std::string>& print);
    /// In replay: sends what a person would have typed at `state`'s prompt, or refuses.
    LoginStep replayAnswer(State awaiting, const std::string& answer, bool& used,
                           std::vector<std::string> print);
    LoginStep replayRefused(std::vector<std::string> print, const std::string& why);

    int _udpPort;
    int _chatPort = 0;
    bool _showBanner;
    bool _bannerShown = false;
    State _state = State::AwaitGreeting;
    Profile _profile;
    std::size_t _maxLine = 4096;
    std::string _typedUser;
    std::string _username;
    std::string _passwordPrompt = kPasswordPrompt;
    std::string _suggestedUser;
    std::string _typedPassword;
    std::optional<Credentials> _credentials;
    std::optional<Credentials> _replay;
    bool _replayedUser = false;
    bool _replayedPassword = false;
};

} // namespace toom::client
