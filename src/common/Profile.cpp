#include "common/Profile.h"

#include "common/Text.h"

namespace toom {

namespace {
std::vector<Profile> makeProfiles() {
    std::vector<Profile> profiles;

    Profile all;
    all.name = "toom-default";
    all.description = "every feature on: registration, presence notices, board, rooms, P2P; "
                      "failed logins lock per address, a new login takes the session over";
    all.welcome = "Welcome to Toom!";
    all.prompt = "> ";
    all.invalidCommand = "Error. Invalid command! Type HELP for the list of commands.";
    all.maxLoginAttempts = 3;
    all.lockSeconds = 10;
    // Strangers cannot lock the owner out, and a stale session does not keep them out either
    // (as Ergo and Matrix allow). The seeds below keep their specs' rules.
    all.lockScope = LockScope::UsernameAndAddress;
    all.sessionTakeover = true;
    all.idleTimeoutSeconds = 0;
    all.selfRegistration = true;
    all.presenceNotices = true;
    all.presenceScope = PresenceScope::Contacts;
    all.padDay = true;
    all.consoleAudit = true;
    all.auditMessageText = false; // Private text stays private: only -d shows it.
    all.boardLog = BoardLogFormat::WithEdited;
    all.messageStyle = MessageStyle::Timestamped;
    all.shortForms = true;
    all.suggestCommands = true;
    all.boardLogFile = "messagelog.txt";
    all.privateLogFile = ""; // Private messages stay out of plain-text logs unless asked for.
    all.loginBacklog = 10;
    profiles.push_back(all);

    Profile a;
    a.name = "messaging";
    a.description =
        "variant A: message/broadcast/whoelse, registration, idle timeout, private chat";
    a.welcome = "Welcome to the greatest messaging application ever!";
    a.prompt = "> ";
    a.invalidCommand = "Error. Invalid command";
    a.maxLoginAttempts = 3;
    a.lockSeconds = 10;
    a.lockScope = LockScope::Username;
    a.sessionTakeover = false; // "A name already in use is refused" (21T3).
    a.idleTimeoutSeconds = 0;
    a.selfRegistration = true;
    a.presenceNotices = true;
    a.padDay = true;
    a.consoleAudit = false; // A's server prints nothing unless asked to (-d).
    a.boardLog = BoardLogFormat::Plain;
    a.messageStyle = MessageStyle::Plain;
    a.boardLogFile = ""; // Variant A keeps no log files.
    profiles.push_back(a);

    Profile b;
    b.name = "toom";
    b.description = "variant B: MSG/DLT/EDT/RDM/ATU/OUT/UPD board with edits";
    b.welcome = "Welcome to TOOM!";
    b.prompt = "Enter one of the following commands (MSG, DLT, EDT, RDM, ATU, OUT, UPD): ";
    b.selfRegistration = false;
    b.presenceNotices = false;
    b.padDay = true;
    b.boardLog = BoardLogFormat::WithEdited;
    profiles.push_back(b);

    Profile c = b;
    c.name = "toom-rooms";
    c.description = "variant C: BCM/ATU/SRB/SRM/RDM/OUT/UPD with separate rooms";
    c.prompt = "Enter one of the following commands (BCM, ATU, SRB, SRM, RDM, OUT, UPD): ";
    c.padDay = false;
    c.boardLog = BoardLogFormat::Plain;
    profiles.push_back(c);

    Profile d = b;
    d.name = "tessenger";
    d.description = "variant D: /msgto, /activeuser, named groups, /p2pvideo";
    d.welcome = "Welcome to TESSENGER!";
    d.prompt =
        "Enter one of the following commands (/msgto, /activeuser, /creategroup, /joingroup, "
        "/groupmsg, /p2pvideo, /logout): ";
    d.loginBanner = "Please login";
    d.padDay = true;
    d.boardLog = BoardLogFormat::Plain;
    // D's messagelog.txt records private messages ("n; ts; receiver; text"); the board, which
    // D does not have, gets a file of its own.
    d.boardLogFile = "boardlog.txt";
    d.privateLogFile = "messagelog.txt";
    profiles.push_back(d);

    return profiles;
}
} // namespace

const std::vector<Profile>& builtinProfiles() {
    static const std::vector<Profile> profiles = makeProfiles();
    return profiles;
}

std::optional<Profile> findProfile(std::string_view name) {
    for (const auto& p : builtinProfiles()) {
        if (iequals(p.name, name))
            return p;
    }
    return std::nullopt;
}

const Profile& defaultProfile() {
    return builtinProfiles().front();
}

std::string profileNames() {
    std::vector<std::string> names;
    for (const auto& p : builtinProfiles())
        names.push_back(p.name);
    return join(names, ", ");
}

} // namespace toom
