#pragma once
// The declarative metadata of a command: its names in every dialect, how many arguments it
// takes and who may run it. The dispatcher enforces all of it, so no command repeats these
// checks (the InspIRCd model: metadata on the class, policy in one place).

#include <string>
#include <vector>

namespace toom {

/// Which design a command name comes from. Wording of replies follows the dialect of the name
/// the user typed, so `ATU` answers like variant B and `whoelse` like variant A.
enum class Dialect {
    Toom, ///< Toom's own names.
    A,    ///< messaging: message, broadcast, whoelse, ...
    B,    ///< toom: MSG, DLT, EDT, RDM, ATU, OUT, UPD
    C,    ///< toom-rooms: BCM, SRB, SRM, RDM b|s, ...
    D     ///< tessenger: /msgto, /activeuser, /creategroup, ...
};

struct CommandName {
    std::string name;
    Dialect dialect = Dialect::Toom;
};

/// Written as one expression with designated initialisers (see docs/ARCHITECTURE.md, "Adding
/// a command"); every member has a default, so a spec names only what differs.
struct CommandSpec {
    /// The canonical name: the verb of every reply line, and the name HELP lists first.
    std::string canonical{};
    /// Every name it answers to (the canonical one included), matched case-insensitively.
    std::vector<CommandName> names{};
    /// Argument syntax for usage errors and HELP, e.g. "<user> <message>".
    std::string syntax{};
    /// One-line description for HELP.
    std::string summary{};

    int minArgs = 0;
    int maxArgs = 0;
    /// The last argument takes the rest of the line, spacing kept (a message text); with
    /// this set, more words than maxArgs are folded into the last argument.
    bool lastArgIsText = false;

    bool requiresLogin = true;    ///< Refused with LOGIN_REQUIRED before login.
    bool countsAsActivity = true; ///< A valid use resets the inactivity timer.

    /// A shorter form, where the server allows short forms (ServerSettings::shortForms, on in
    /// the default profile): from `minArgs` arguments. EDIT <n> <message> leaves out the
    /// post's timestamp that the seed form asks for. `syntax` is the command's syntax there,
    /// both forms in one ("<n> [<d Mmm yyyy hh:mm:ss>] <message>"). The dispatcher only lets
    /// the fewer arguments through; the command tells the forms apart.
    struct ShortForm {
        int minArgs = -1; ///< Below 0: the command has no short form.
        std::string syntax{};
    };
    ShortForm shortForm{};

    bool hasShortForm() const { return shortForm.minArgs >= 0; }

    /// The fewest arguments the command takes, with the short forms allowed or not.
    int fewestArgs(bool shortForms) const {
        return shortForms && hasShortForm() ? shortForm.minArgs : minArgs;
    }

    /// The syntax as HELP and usage errors show it, with the short forms allowed or not.
    const std::string& syntaxFor(bool shortForms) const {
        return shortForms && hasShortForm() ? shortForm.syntax : syntax;
    }

    /// "Usage: EDT <n> <d Mmm yyyy hh:mm:ss> <message>" for the name `typed`.
    std::string usage(const std::string& typed, bool shortForms) const {
        const std::string& shown = syntaxFor(shortForms);
        return "Usage: " + typed + (shown.empty() ? "" : " " + shown);
    }
};

} // namespace toom
