#pragma once
// Profiles: named sets of defaults that reproduce each seed's observable behaviour. A profile
// changes defaults and wording, never the command set: every seed's syntax works in every
// profile. The server announces its profile in HELLO so the client shows the matching welcome
// text and prompt; both sides read this one table.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom {

/// How board posts are written to messagelog.txt.
enum class BoardLogFormat {
    WithEdited, ///< "n; ts; user; text; no|yes" (variant B)
    Plain       ///< "n; ts; user; text" (variants C, D)
};

/// Who hears that a user logged in or out (when presence notices are on).
enum class PresenceScope {
    /// Every online user: the seeds' rule (variant A: "all online users").
    Everyone,
    /// Those who share a room or group with the user, and those who follow them (MONITOR):
    /// IRC's rule. A login storm no longer costs N squared lines.
    Contacts
};

/// What a failed-login lock holds.
enum class LockScope {
    /// The username, for every connection from anywhere: the seeds' rule ("even from another
    /// IP"), at the price that anyone can keep an account locked by guessing.
    Username,
    /// One username from one source address: a stranger's guesses lock only the stranger out.
    /// Failures for the username from every address together slow its password answers down
    /// (a bounded delay) instead of locking it.
    UsernameAndAddress
};

/// How messages are shown to the people who receive them.
enum class MessageStyle {
    Plain,      ///< "yoda: hi" (variant A)
    Timestamped ///< "01 Jun 2023 15:00:01, yoda: hi" (variant D)
};

struct Profile {
    std::string name;        ///< "messaging", "toom", "toom-rooms", "tessenger", "toom-default"
    std::string description; ///< One line for --help and the docs.
    std::string welcome;     ///< Printed by the client after a successful login.
    std::string prompt;      ///< Printed by the client before each command.
    std::string loginBanner; ///< Printed by the client before the first Username prompt, if any.
    std::string invalidCommand = "Error. Invalid command!"; ///< Reply text for an unknown command.

    // Server defaults, each overridable in the config file.
    int maxLoginAttempts = 3; ///< Consecutive failures before the username is locked.
    int lockSeconds = 10;     ///< How long a locked username stays locked.
    LockScope lockScope = LockScope::Username; ///< What a lock holds (see LockScope).
    /// A correct password for a user who is online takes the session over (the old connection
    /// is told and closed); off, the login is refused with ALREADY_ONLINE.
    bool sessionTakeover = false;
    int idleTimeoutSeconds = 0;    ///< Inactivity logout; 0 = off.
    bool selfRegistration = false; ///< Unknown usernames create an account.
    bool presenceNotices = true;   ///< "X logged in/out" pushed to online users.
    PresenceScope presenceScope = PresenceScope::Everyone; ///< ...to whom.
    bool padDay = true;       ///< "01 Jun 2023" rather than "1 Jun 2023".
    bool consoleAudit = true; ///< Per-command audit lines on the server console.
    /// Audit lines may quote message text (B, C and D's sample consoles do); the default
    /// profile keeps what users write out of the console and log unless run with -d.
    bool auditMessageText = true;
    BoardLogFormat boardLog = BoardLogFormat::Plain;
    MessageStyle messageStyle = MessageStyle::Timestamped;
    /// The short forms of commands whose seed form asks for more (CommandSpec::shortForm):
    /// EDIT <n> <message> and DELETE <n>, without the post's timestamp. Off in the seed
    /// profiles, whose specs make the timestamp the guard against changing the wrong post.
    bool shortForms = false;
    /// An unknown command close to a known one is answered "did you mean ...?". Off in the
    /// seed profiles, whose specs fix the wording of that error: there the suggestion is only
    /// the reply's `suggestion` field, the text stays the seed's.
    bool suggestCommands = false;
    std::string boardLogFile = "messagelog.txt"; ///< Seed log of the board; empty = none.
    std::string privateLogFile;                  ///< Seed log of private messages; empty = none.
    /// At login, the latest this many board posts and messages of each room and group that
    /// came while the user was away (see LoginBacklog); 0 = none, as the seeds have it.
    int loginBacklog = 0;
};

/// Every built-in profile, the default one first.
const std::vector<Profile>& builtinProfiles();

/// The profile called `name` (case-insensitive), if there is one.
std::optional<Profile> findProfile(std::string_view name);

/// The profile used when none is named: "toom-default".
const Profile& defaultProfile();

/// Comma-separated profile names, for messages.
std::string profileNames();

} // namespace toom
