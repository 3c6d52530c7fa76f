#pragma once
// HELP [command]: the command list, generated from the registry's metadata, or the usage of
// one command with all its names. The command may be named by any of its names, in any
// dialect, with or without a leading slash (HELP msgto, HELP /PM); an unknown one gets
// UNKNOWN_COMMAND with the nearest name as `suggestion=` when there is a close one.
//
// Reply: one DATA row per command, fields command, names (comma-separated), syntax.

#include "commands/Command.h"

namespace toom {

class CommandRegistry;

class HelpCommand final : public Command {
public:
    explicit HelpCommand(const CommandRegistry* registry)
        : _registry(registry) {}

    static CommandSpec spec();
    void execute(CommandContext& ctx) override;

private:
    const CommandRegistry* _registry;
};

} // namespace toom
