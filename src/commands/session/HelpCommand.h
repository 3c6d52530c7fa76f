#pragma once
// HELP [command]: the command list, generated from the registry's metadata, or the usage of
// one command with all its names.
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
