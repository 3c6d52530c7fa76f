#pragma once
// The commands an irssi or WeeChat user types without thinking, on top of Toom's own:
//
//   /msg <user> <text>   a private message (PM)
//   /query <user>        plain lines go to <user> until /query alone; /commands still work
//   /quit [reason]       log out
//   /me <action>         "* yoda <action>" to the query's user, or to the group last joined
//   /join <group>        join a group (JOINGROUP); it becomes the group /me and /part mean
//   /part [group]        leave it (LEAVE #group)
//   /names [group]       who is in the group, or who is online
//   /whois <user>        whether and since when a user is online, and from where
//
// and, on a terminal, HELP laid out for reading (HelpView) with these listed beside the
// server's commands. `HELP /msg` (or `HELP msg`) explains a habit; any other HELP goes to the
// server. Everything here becomes ordinary requests, so the server needs nothing new. Runs on
// the main thread only, as every hook does.

#include "client/session/CommandHooks.h"
#include "client/terminal/WordCompletion.h"

#include <string>
#include <vector>

namespace toom::client {

class IrcHabits {
public:
    /// `readableHelp`: lay HELP out grouped and wrapped (a terminal); scripts keep the
    /// server's rows as they are.
    explicit IrcHabits(bool readableHelp)
        : _readableHelp(readableHelp) {}

    /// The habits' names and arguments, for Tab completion.
    static std::vector<CommandShape> commandShapes();

    /// Registers the hooks and the query filter.
    void install(CommandHooks& hooks);

    /// The prompt to show: `prompt`, after the query's user while there is one.
    std::string prompt(const std::string& prompt) const;

    /// The user plain lines go to; empty without a query.
    const std::string& query() const { return _query; }

    /// The group /me and /part use; empty before a /join.
    const std::string& currentGroup() const { return _group; }

private:
    HookResult onMsg(HookContext& context, const std::string& line);
    HookResult onQuery(HookContext& context, const std::string& line);
    HookResult onMe(HookContext& context, const std::string& line);
    HookResult onJoin(HookContext& context, const std::string& line);
    HookResult onPart(HookContext& context, const std::string& line);
    HookResult onNames(HookContext& context, const std::string& line);
    HookResult onWhois(HookContext& context, const std::string& line);
    HookResult onHelp(HookContext& context, const std::string& line);
    std::optional<HookResult> inQuery(HookContext& context, const std::string& line);

    bool _readableHelp;
    std::string _query;
    std::string _group;
};

} // namespace toom::client
