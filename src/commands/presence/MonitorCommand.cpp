#include "commands/presence/MonitorCommand.h"

#include "common/Protocol.h"
#include "common/Text.h"
#include "models/User.h"

namespace toom {

namespace {

/// The names of "a,b" (empty pieces are dropped; a space also separates, since "+a" and
/// "+ a" are joined as "a ").
std::vector<std::string> namesIn(std::string_view text) {
    std::vector<std::string> names;
    std::string current;
    for (char c : text) {
        if (c == ',' || c == ' ' || c == '\t') {
            if (!current.empty())
                names.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty())
        names.push_back(std::move(current));
    return names;
}

} // namespace

CommandSpec MonitorCommand::spec() {
    return {
        .canonical = "MONITOR",
        .names = {{"MONITOR", Dialect::Toom}},
        .syntax = "[+|-|C|L|S] [<user>,...]",
        .summary = "follow when given users log in or out (+ add, - remove, C clear, L list, "
                   "S status)",
        .minArgs = 0,
        .maxArgs = 2,
    };
}

void MonitorCommand::execute(CommandContext& ctx) {
    MonitorService& monitors = ctx.services.monitors;
    // "+ a,b", "+a,b", "S", or nothing.
    std::string operation = ctx.argCount() > 0 ? ctx.arg(0) : "S";
    std::string rest = ctx.argCount() > 1 ? ctx.arg(1) : "";
    if (operation.size() > 1 && (operation[0] == '+' || operation[0] == '-')) {
        rest = operation.substr(1) + " " + rest;
        operation.resize(1);
    }
    std::vector<std::string> names = namesIn(rest);
    const char op = operation.size() == 1
                        ? static_cast<char>(std::toupper(static_cast<unsigned char>(operation[0])))
                        : '?';
    const auto limit = static_cast<std::int64_t>(monitors.limit());

    auto listRows = [&](const std::vector<std::string>& users, bool withState,
                        const std::string& summary = {}) {
        std::int64_t count = 0;
        for (const auto& user : users) {
            ServerLine row = ctx.reply.newRow();
            row.with("user", user);
            if (withState) {
                const bool online = ctx.services.blocks.maySee(ctx.user(), user) &&
                                    ctx.services.presence.find(user).has_value();
                row.with("state", online ? "online" : "offline")
                    .say(user + (online ? " is online" : " is offline"));
            } else {
                row.say(user);
            }
            if (ctx.reply.add(std::move(row)))
                ++count;
        }
        ctx.reply.ok()
            .with("count", count)
            .with("limit", limit)
            .with("more", static_cast<std::int64_t>(ctx.reply.leftOut()))
            .say(!summary.empty() ? summary
                 : count == 0     ? "You follow nobody"
                                  : "You follow " + std::to_string(count));
    };

    switch (op) {
    case '+':
    case '-': {
        if (names.empty()) {
            ctx.reply.fail(err::kBadArguments)
                .say("Usage: MONITOR " + std::string(1, op) + " <user>[,<user>...]");
            return;
        }
        for (auto& name : names) {
            if (!isValidUsername(name)) {
                ctx.reply.fail(err::kInvalidUsername)
                    .with("user", name)
                    .say("Not a username: " + name);
                return;
            }
            // Presence speaks of the stored spelling: following YODA follows yoda. A name
            // with no account yet is kept as typed (IRC lets a list name anyone).
            if (auto stored = ctx.services.accounts.storedName(name))
                name = *stored;
        }
        if (op == '-') {
            monitors.remove(ctx.user(), names);
            ctx.reply.ok()
                .with("count", static_cast<std::int64_t>(names.size()))
                .say("No longer following " + std::to_string(names.size()));
            return;
        }
        if (!monitors.add(ctx.user(), names)) {
            ctx.reply.fail(err::kLimitReached)
                .with("limit", limit)
                .say("You may follow at most " + std::to_string(limit) +
                     " users; remove some first (MONITOR -)");
            return;
        }
        // The rows are the names just asked for; the text says how many are followed in all.
        listRows(names, true,
                 "You follow " + std::to_string(monitors.followedBy(ctx.user()).size()));
        return;
    }
    case 'C':
        monitors.clear(ctx.user());
        ctx.reply.ok().with("count", 0).with("limit", limit).say("You follow nobody");
        return;
    case 'L':
        listRows(monitors.followedBy(ctx.user()), false);
        return;
    case 'S':
        listRows(monitors.followedBy(ctx.user()), true);
        return;
    default:
        ctx.reply.fail(err::kBadArguments).say("Usage: MONITOR [+|-|C|L|S] [<user>,...]");
        return;
    }
}

} // namespace toom
