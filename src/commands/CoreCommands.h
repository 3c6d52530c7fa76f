#pragma once
// The one visible table of the commands this server offers: each area registers its commands
// here, in order (Dragonfly's Register*Family, InspIRCd's core modules).

#include "commands/CommandRegistry.h"

namespace toom {

/// Registers every built-in command.
void registerCoreCommands(CommandRegistry& registry);

} // namespace toom
