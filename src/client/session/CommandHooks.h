#pragma once
// Local command handling: a hook per command word runs in the client before (or instead of)
// sending the typed line, e.g. `private <user> <msg>` going peer to peer, or `UPD <user>
// <file>` checking the local file first.

#include "client/session/ServerReply.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace toom::client {

class Console;

/// What a hook may use: the server (request/reply) and the console.
class HookContext {
public:
    virtual ~HookContext() = default;

    /// Sends `line` to the server and waits for its reply; nothing if the connection is gone.
    virtual std::optional<ServerReply> request(std::string_view line) = 0;

    /// Output shared with the event printer.
    virtual Console& console() = 0;

    /// The logged-in user's name.
    virtual const std::string& username() const = 0;
};

/// A hook's decision about the typed line.
struct HookResult {
    enum class Action {
        Send,   ///< Send `line` to the server as usual (possibly rewritten).
        Handled ///< The hook did everything; nothing is sent.
    };
    Action action = Action::Send;
    std::string line;

    /// Send the typed line unchanged.
    static HookResult pass(std::string line) { return {Action::Send, std::move(line)}; }
    /// Nothing to send.
    static HookResult handled() { return {Action::Handled, {}}; }
};

/// Hooks keyed by the first word of the typed line (ASCII case-insensitive).
class CommandHooks {
public:
    using Hook = std::function<HookResult(HookContext& context, const std::string& line)>;

    /// Registers `hook` for lines whose first word is `word`, replacing any.
    void on(std::string_view word, Hook hook);

    /// What sees every line before the word hooks (an irssi-style query sends plain lines to
    /// its user, whatever their first word): a decision, or nothing to let the line go on to
    /// the word hooks as usual.
    using Filter =
        std::function<std::optional<HookResult>(HookContext& context, const std::string& line)>;

    /// Sets the filter, replacing any.
    void first(Filter filter) { _first = std::move(filter); }

    /// True if a hook is registered for `word`.
    bool has(std::string_view word) const;

    /// Runs the filter, then the hook for the line's first word, or passes the line through
    /// unchanged.
    HookResult apply(HookContext& context, const std::string& line) const;

private:
    std::map<std::string, Hook, std::less<>> _hooks; ///< Keys lower-cased.
    Filter _first;
};

} // namespace toom::client
