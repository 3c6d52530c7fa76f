#include "CoreCommands.h"

#include "presence/WhoCommand.h"
#include "presence/WhoElseSinceCommand.h"
#include "session/HelpCommand.h"
#include "session/LogoutCommand.h"
#include "session/UdpPortCommand.h"

namespace toom {

void registerCoreCommands(CommandRegistry& registry) {
    // Session.
    registry.add<UdpPortCommand>();
    registry.add<LogoutCommand>();
    registry.add<HelpCommand>(&registry);
    // Presence.
    registry.add<WhoCommand>();
    registry.add<WhoElseSinceCommand>();
}

} // namespace toom
