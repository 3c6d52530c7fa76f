#include "commands/session/HelpCommand.h"

#include "commands/CommandRegistry.h"
#include "common/Protocol.h"
#include "common/Text.h"

namespace toom {

namespace {
// The syntax is the one this server accepts: with its short forms where they are allowed.
void describe(Reply& reply, const CommandSpec& spec, bool shortForms) {
    std::vector<std::string> names;
    for (const auto& n : spec.names)
        names.push_back(n.name);
    const std::string& syntax = spec.syntaxFor(shortForms);
    std::string usage = join(names, ", ");
    if (!syntax.empty())
        usage += " " + syntax;
    ServerLine row = reply.newRow();
    row.with("command", spec.canonical)
        .with("names", join(names, ","))
        .with("syntax", syntax)
        .say(usage + "  -  " + spec.summary);
    reply.add(std::move(row)); // Refused rows are counted in leftOut(), reported as more=.
}
} // namespace

CommandSpec HelpCommand::spec() {
    return {
        .canonical = "HELP",
        .names = {{"HELP", Dialect::Toom}, {"/help", Dialect::Toom}},
        .syntax = "[command]",
        .summary = "list the commands, or explain one",
        .maxArgs = 1,
        .requiresLogin = false,
    };
}

void HelpCommand::execute(CommandContext& ctx) {
    if (ctx.argCount() == 1) {
        // Any name in any dialect, typed with its slash or without: people ask about what
        // they remember (`HELP msgto`), not about how it is registered.
        const CommandSpec* spec = _registry->findLoosely(ctx.arg(0));
        if (!spec) {
            ServerLine& fail = ctx.reply.fail(err::kUnknownCommand).with("command", ctx.arg(0));
            const std::string nearest = _registry->suggestion(ctx.arg(0));
            if (nearest.empty())
                fail.say("No such command: " + ctx.arg(0));
            else
                fail.with("suggestion", nearest)
                    .say("No such command: " + ctx.arg(0) + "; did you mean " + nearest + "?");
            return;
        }
        describe(ctx.reply, *spec, ctx.settings().shortForms);
        ctx.reply.ok().with("count", 1);
        return;
    }
    for (const CommandSpec* spec : _registry->specs())
        describe(ctx.reply, *spec, ctx.settings().shortForms);
    ctx.reply.ok()
        .with("count", static_cast<std::int64_t>(ctx.reply.rows().size()))
        .with("more", static_cast<std::int64_t>(ctx.reply.leftOut()));
}

} // namespace toom
