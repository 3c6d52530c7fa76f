#pragma once
// The registration of one IRC connection, as a pure state machine (like the client's
// LoginExchange): messages in, replies and requests out, no I/O and no services. The
// connection (IrcConnection) does what the requests ask (check a password on the worker pool,
// ask whether a guest nick is free) and feeds the answers back.
//
// What it follows (modern.ircdocs.horse, IRCv3 capability negotiation and sasl-3.1):
// - `CAP LS [302]` or `CAP REQ` begin capability negotiation; registration then waits for
//   `CAP END`. Only what Toom implements is advertised: `sasl` (PLAIN).
// - `NICK` and `USER` must both be in; then the connection is registered as:
//   - an account, by SASL PLAIN (`AUTHENTICATE PLAIN`, base64 in 400-byte chunks) before it,
//     or by `PASS` (the account's password; the nick is the username) checked at that point;
//   - a guest, with neither, where guests are allowed and the nick is nobody's account.
// - Before registration only CAP, NICK, USER, PASS, AUTHENTICATE, PING, PONG and QUIT are
//   served; anything else is 451. After it, USER and PASS are 462.

#include "common/IrcMessage.h"

#include <optional>
#include <string>
#include <vector>

namespace toom {

/// What the machine asks the connection to check: the password of an account.
struct IrcLoginRequest {
    std::string username;
    std::string password;
    bool sasl = false; ///< From AUTHENTICATE (answer 900/903 or 904), else from PASS (464).
};

/// How a login request went.
struct IrcLoginAnswer {
    bool ok = false;
    std::string account; ///< The account's stored spelling, when ok.
    std::string reason;  ///< Why not (for the error's text), when not ok.
};

/// Whether a guest may take a nick.
enum class IrcGuestNick {
    Free,    ///< Nobody's account, no guest online with it.
    Account, ///< A registered account's name: only SASL or PASS may use it.
    InUse    ///< Another guest is online with it.
};

/// What one input produced.
struct IrcRegistrationOutput {
    std::vector<IrcMessage> replies; ///< To send, in order.
    std::optional<IrcLoginRequest> login;
    std::optional<std::string> checkGuestNick; ///< Ask whether this nick is free for a guest.
    bool registered = false;                   ///< Registration just completed.
    bool close = false; ///< Send the replies, then close (QUIT, a refused PASS).
};

struct IrcRegistrationSettings {
    std::string serverName = "toom";
    bool allowGuests = true;
};

class IrcRegistration {
public:
    static constexpr std::size_t kSaslChunkBytes = 400;
    /// Base64 an AUTHENTICATE exchange may carry in all: a PLAIN message of a 32-byte name and a
    /// 128-byte password needs under 300.
    static constexpr std::size_t kMaxSaslBytes = 1200;
    static constexpr std::size_t kNickLength = 32; ///< Toom's kMaxUsernameLength.

    explicit IrcRegistration(IrcRegistrationSettings settings);

    /// Handles one message from the client while not yet registered (after registration the
    /// connection serves commands itself; CAP, USER and PASS may still be passed here).
    IrcRegistrationOutput handle(const IrcMessage& message);

    /// The answer to the login request the last output carried.
    IrcRegistrationOutput loginAnswered(const IrcLoginAnswer& answer);

    /// The answer to the guest nick check the last output carried.
    IrcRegistrationOutput guestNickAnswered(IrcGuestNick answer);

    /// True while a request (login or guest nick) is out: the connection feeds no more
    /// messages until it has answered.
    bool waiting() const { return _waiting != Waiting::Nothing; }
    bool registered() const { return _registered; }

    /// The nick as the client gave it (the account's spelling once logged in); "*" before one.
    const std::string& nick() const { return _nick; }
    const std::string& user() const { return _user; }
    const std::string& realName() const { return _realName; }
    /// The account logged in to, or empty for a guest (or not yet).
    const std::string& account() const { return _account; }
    /// The capabilities the client enabled.
    const std::vector<std::string>& capabilities() const { return _caps; }

    /// The capabilities offered, for CAP LS (`sasl=PLAIN` with 302, else `sasl`).
    static std::vector<std::string> offered(bool version302);

private:
    enum class Waiting { Nothing, SaslLogin, PassLogin, GuestNick };
    enum class Sasl { None, MechanismChosen, Done };

    void onCap(const IrcMessage& m, IrcRegistrationOutput& out);
    void onNick(const IrcMessage& m, IrcRegistrationOutput& out);
    void onUser(const IrcMessage& m, IrcRegistrationOutput& out);
    void onPass(const IrcMessage& m, IrcRegistrationOutput& out);
    void onAuthenticate(const IrcMessage& m, IrcRegistrationOutput& out);
    /// Registers if everything is in: asks for the PASS login or the guest check, or completes.
    void tryComplete(IrcRegistrationOutput& out);
    void complete(IrcRegistrationOutput& out);
    void saslFailed(IrcRegistrationOutput& out, std::string_view numeric, std::string text);

    /// `:server <numeric> <nick> params...`
    IrcMessage numeric(std::string_view code, std::vector<std::string> params) const;

    IrcRegistrationSettings _settings;
    Waiting _waiting = Waiting::Nothing;
    bool _registered = false;
    bool _negotiating = false; ///< CAP LS or REQ seen, CAP END not yet.
    std::string _nick = "*";
    bool _hasNick = false;
    std::string _user;
    std::string _realName;
    std::optional<std::string> _password; ///< From PASS.
    std::string _account;
    std::vector<std::string> _caps;
    Sasl _sasl = Sasl::None;
    std::string _saslBuffer;
};

/// Whether `nick` can be a nick on the IRC door: a valid Toom username (models/User.h) that IRC
/// can carry in a prefix and as a target: none of "!@,*?.:" and not starting with "#", "&" or
/// "$" (channels and masks).
bool isValidIrcNick(std::string_view nick);

} // namespace toom
