#pragma once
// The table of commands and the one dispatcher that applies every generic rule: unknown
// command, login required, argument count, activity, use counts, and turning an exception into
// an INTERNAL_ERROR reply. Commands only implement what is specific to them; what follows
// every command (the audit trail) is a CommandObserver the dispatcher notifies.

#include "commands/Command.h"
#include "commands/CommandObserver.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace toom {

class CommandRegistry {
public:
    using Factory = std::function<std::unique_ptr<Command>()>;

    /// Registers a command under every name in its spec. Throws Poco::ExistsException when a
    /// name is already taken (caught at start-up, never at run time).
    void add(CommandSpec spec, Factory factory);

    /// Registers `T`, whose `T::spec()` gives the metadata; each request gets `T(args...)`.
    template <class T, class... Args>
    void add(Args... args) {
        add(T::spec(), [args...] { return std::make_unique<T>(args...); });
    }

    /// Adds an observer notified after every executed request, in the order added. Register
    /// observers at start-up, before the first dispatch.
    void addObserver(std::unique_ptr<CommandObserver> observer);

    /// Runs one request line for `session` and returns the reply. Never throws.
    Reply dispatch(std::string_view line, Services& services, SessionControl& session) const;

    /// What serving `line` costs in flood-control tokens: 1 for a command, `unknownCost` (at
    /// least 1) for a line that names no command (a script probing, or a client that speaks
    /// another protocol). The connection charges it before dispatching the line.
    double floodCost(std::string_view line, double unknownCost) const;

    /// The spec registered under `name` (case-insensitive), or null.
    const CommandSpec* find(std::string_view name) const;

    /// The spec `name` means when a person asks about it (HELP): a name as registered, or the
    /// same with its leading slash added or left out (`msgto` and `/PM` find /msgto and PM).
    const CommandSpec* findLoosely(std::string_view name) const;

    /// The registered name nearest to `typed`, an unknown command, when it is close enough to
    /// be a slip of the fingers (see CommandRegistry.cpp); empty otherwise. It is spelled as
    /// registered, in the dialect `typed` looks like (a slash or not, lower or upper case).
    std::string suggestion(std::string_view typed) const;

    /// Every command's spec, in registration order.
    std::vector<const CommandSpec*> specs() const;

    /// How often the command with this canonical name has been run.
    std::uint64_t useCount(std::string_view canonical) const;

private:
    struct Entry {
        CommandSpec spec;
        Factory factory;
        mutable std::atomic<std::uint64_t> uses{0};
    };
    struct NameRef {
        const Entry* entry;
        Dialect dialect;
        std::string typed; ///< The name as registered, for usage messages.
    };
    const NameRef* lookup(std::string_view name) const;

    void notify(const CommandOutcome& outcome, Services& services) const;

    std::vector<std::unique_ptr<Entry>> _entries;
    std::vector<std::unique_ptr<CommandObserver>> _observers;
    std::unordered_map<std::string, NameRef> _byLowerName;
};

} // namespace toom
