#include "commands/CommandRegistry.h"

#include "common/EditDistance.h"
#include "common/Protocol.h"
#include "common/Text.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <unordered_set>

namespace toom {

namespace {
// A word longer than this is no slip on a command name (the longest is 13 bytes); ignoring it
// also bounds what an unknown word can cost to look at.
constexpr std::size_t kLongestTypo = 32;

bool hasSlash(std::string_view word) {
    return !word.empty() && word.front() == '/';
}

std::string_view withoutSlash(std::string_view word) {
    return hasSlash(word) ? word.substr(1) : word;
}

// The seeds' dialects differ in case as much as in words: A's are lower case (whoelse,
// message), B's and C's upper (ATU, SRB), D's lower after a slash. A word typed in lower
// case is taken to be in a lower-case dialect.
bool isLowerCase(std::string_view word) {
    return std::none_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Edits a slip may make: one in a short word, where two would reach half the table (ATU is
// two edits from OUT), two from five letters on (/mgsto, creatgroup).
std::size_t editsAllowed(std::string_view typed) {
    return withoutSlash(typed).size() >= 5 ? 2 : 1;
}
} // namespace

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

const CommandSpec* CommandRegistry::findLoosely(std::string_view name) const {
    if (const CommandSpec* spec = find(name))
        return spec;
    if (hasSlash(name))
        return find(name.substr(1));
    return find("/" + std::string(name));
}

std::string CommandRegistry::suggestion(std::string_view typed) const {
    // Two letters are too few to tell a slip from another word ("ok", "hi").
    if (typed.size() > kLongestTypo || withoutSlash(typed).size() < 3)
        return {};
    const std::size_t allowed = editsAllowed(typed);
    // The nearest name wins; among equally near ones, the one in the dialect the word looks
    // like (a slash or not, lower case or not), then the one registered first.
    const std::string* best = nullptr;
    std::size_t bestDistance = 0;
    int bestMismatch = 0;
    for (const auto& entry : _entries) {
        for (const auto& name : entry->spec.names) {
            const std::size_t distance = editDistance(typed, name.name);
            if (distance > allowed)
                continue;
            const int mismatch = (hasSlash(typed) != hasSlash(name.name) ? 1 : 0) +
                                 (isLowerCase(typed) != isLowerCase(name.name) ? 1 : 0);
            if (!best || distance < bestDistance ||
                (distance == bestDistance && mismatch < bestMismatch)) {
                best = &name.name;
                bestDistance = distance;
                bestMismatch = mismatch;
            }
        }
    }
    return best ? *best : std::string();
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
        ServerLine& fail = reply.fail(err::kUnknownCommand);
        const std::string nearest = suggestion(words.word(0));
        if (!nearest.empty())
            fail.with("suggestion", nearest);
        if (!nearest.empty() && services.settings.profile.suggestCommands)
            fail.say("Unknown command " + words.word(0) + ": did you mean " + nearest + "?");
        else
            fail.say(services.settings.profile.invalidCommand);
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
    const bool shortForms = services.settings.shortForms;
    if (given < spec.fewestArgs(shortForms) || tooMany) {
        reply.fail(err::kBadArguments)
            .with("syntax", spec.syntaxFor(shortForms))
            .say(spec.usage(ref->typed, shortForms));
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

    CommandContext ctx(services, session, reply, ref->dialect, std::move(args), line);
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
