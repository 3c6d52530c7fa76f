#pragma once
// Cross-cutting work that follows every executed command (audit lines today; metrics or
// tracing tomorrow) lives in observers that the dispatcher notifies, never in the commands.

#include "commands/AuditNote.h"
#include "commands/CommandSpec.h"
#include "common/Reply.h"
#include "services/Services.h"

#include <string>
#include <vector>

namespace toom {

/// What one executed request left behind. Refused requests (unknown command, not logged in,
/// wrong argument count) are not executions and reach no observer.
struct CommandOutcome {
    const CommandSpec& spec;
    Dialect dialect;
    const std::string& user;
    const Reply& reply;
    const std::vector<AuditNote>& notes;
    /// The command threw; `reply` is the INTERNAL_ERROR the user got.
    bool threw = false;
};

class CommandObserver {
public:
    virtual ~CommandObserver() = default;

    /// Whether the commands should record audit notes for this observer (formatting them
    /// costs time on every request, so nobody pays for notes nobody reads).
    virtual bool wantsNotes(const Services& services) const = 0;

    /// Called after every execution, on the requesting connection's thread; must not throw.
    virtual void executed(const CommandOutcome& outcome, Services& services) = 0;
};

} // namespace toom
