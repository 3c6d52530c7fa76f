#include "commands/CommandRegistry.h"

#include "common/Protocol.h"
#include "common/Text.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <unordered_set>

namespace toom {

void CommandRegistry::add(CommandSpec spec, Factory factory) {
    std::unordered_set<std::string> seen;
    for (const auto& n : spec.names) {
        const std::string key = toLower(n.name);
        if (_byLowerName.count(key) || !seen.insert(key).second)
            throw Poco::ExistsException("command name registered twice", n.name);
    }
    auto entry = std::make_unique<Entry>();
    entry->spec = std::move(spec);
    entry->factory = std::move(factory);
    for (const auto& n : entry->spec.names)
        _byLowerName[toLower(n.name)] = NameRef{entry.get(), n.dialect, n.name};
    _entries.push_back(std::move(entry));
}

void CommandRegistry::addObserver(std::unique_ptr<CommandObserver> observer) {
    _observers.push_back(std::move(observer));
}

void CommandRegistry::notify(const CommandOutcome& outcome, Services& services) const {
    for (const auto& observer : _observers) {
        try {
            observer->executed(outcome, services);
        } catch (const std::exception& e) {
            // An observer's failure (a full disk under the log) must not undo a command that
            // has already run; say so once and go on.
            services.audit.error("observer failed after %s: %s", outcome.spec.canonical,
                                 std::string(e.what()));
        }
    }
}

const CommandRegistry::NameRef* CommandRegistry::lookup(std::string_view name) const {
    auto it = _byLowerName.find(toLower(name));
    return it == _byLowerName.end() ? nullptr : &it->second;
}

const CommandSpec* CommandRegistry::find(std::string_view name) const {
    const NameRef* ref = lookup(name);
    return ref ? &ref->entry->spec : nullptr;
}

std::vector<const CommandSpec*> CommandRegistry::specs() const {
    std::vector<const CommandSpec*> out;
    for (const auto& e : _entries)
        out.push_back(&e->spec);
    return out;
}

std::uint64_t CommandRegistry::useCount(std::string_view canonical) const {
    for (const auto& e : _entries) {
        if (iequals(e->spec.canonical, canonical))
            return e->uses.load();
    }
    return 0;
}

double CommandRegistry::floodCost(std::string_view line, double unknownCost) const {
    WordCursor words(line);
    if (words.size() > 0 && lookup(words.word(0)))
        return 1;
    return std::max(1.0, unknownCost);
}

Reply CommandRegistry::dispatch(std::string_view line, Services& services,
                                SessionControl& session) const {
    WordCursor words(line);
    if (words.size() == 0) {
        Reply reply("*");
        reply.fail(err::kUnknownCommand).say("Empty command");
        return reply;
    }
    const NameRef* ref = lookup(words.word(0));
    if (!ref) {
        Reply reply(toUpper(words.word(0)));
        reply.fail(err::kUnknownCommand).say(services.settings.profile.invalidCommand);
        return reply;
    }
    const CommandSpec& spec = ref->entry->spec;
    Reply reply(spec.canonical, services.settings.replyByteBudget());

    if (!session.loggedIn() && spec.requiresLogin) {
        reply.fail(err::kLoginRequired).say("Please log in first");
        return reply;
    }

    const int given = static_cast<int>(words.size()) - 1;
    const bool tooMany = given > spec.maxArgs && !(spec.lastArgIsText && spec.maxArgs > 0);
    if (given < spec.minArgs || tooMany) {
        std::string usage = "Usage: " + ref->typed + (spec.syntax.empty() ? "" : " " + spec.syntax);
        reply.fail(err::kBadArguments).with("syntax", spec.syntax).say(usage);
        return reply;
    }

    std::vector<std::string> args;
    for (int i = 1; i <= given; ++i) {
        if (spec.lastArgIsText && i == spec.maxArgs) {
            args.push_back(words.restFrom(static_cast<std::size_t>(i)));
            break;
        }
        args.push_back(words.word(static_cast<std::size_t>(i)));
    }

    if (spec.countsAsActivity)
        session.touch();
    ref->entry->uses.fetch_add(1, std::memory_order_relaxed);

    CommandContext ctx(services, session, reply, ref->dialect, std::move(args));
    ctx.recordNotes(std::any_of(_observers.begin(), _observers.end(),
                                [&](const auto& o) { return o->wantsNotes(services); }));
    bool threw = false;
    try {
        ref->entry->factory()->execute(ctx);
    } catch (const Poco::Exception& e) {
        threw = true;
        services.audit.error("%s failed: %s", spec.canonical, e.displayText());
        reply.fail(err::kInternal).say("Internal error; the request was not completed");
    } catch (const std::exception& e) {
        threw = true;
        services.audit.error("%s failed: %s", spec.canonical, std::string(e.what()));
        reply.fail(err::kInternal).say("Internal error; the request was not completed");
    }
    notify({spec, ref->dialect, ctx.user(), reply, ctx.notes(), threw}, services);
    return reply;
}

} // namespace toom
