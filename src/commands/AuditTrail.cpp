#include "commands/AuditTrail.h"

#include <Poco/Logger.h>

namespace toom {

bool AuditTrail::wantsNotes(const Services& services) const {
    return services.settings.consoleAudit;
}

void AuditTrail::executed(const CommandOutcome& outcome, Services& services) {
    if (!services.settings.consoleAudit)
        return;
    for (const AuditNote& note : outcome.notes) {
        if (note.content == AuditNote::Content::MessageText && !services.settings.auditMessageText)
            continue;
        services.audit.information(note.line);
    }
}

} // namespace toom
