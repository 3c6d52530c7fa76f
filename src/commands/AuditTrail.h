#pragma once
// The observer that writes commands' audit notes to Services::audit (the server console and
// log). Notes are written when `audit.console` is on; notes that quote user-written text only
// when message text is allowed in the log as well (ServerSettings::auditMessageText).

#include "commands/CommandObserver.h"

namespace toom {

class AuditTrail final : public CommandObserver {
public:
    bool wantsNotes(const Services& services) const override;
    void executed(const CommandOutcome& outcome, Services& services) override;
};

} // namespace toom
