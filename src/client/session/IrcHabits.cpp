#include "client/session/IrcHabits.h"

#include "client/session/HelpView.h"
#include "client/terminal/Console.h"
#include "common/SeedTime.h"
#include "common/Text.h"

#include <array>
#include <ctime>

namespace toom::client {

namespace {

struct Habit {
    std::string_view name;
    std::string_view syntax;
    std::string_view about;
};

constexpr std::array<Habit, 8> kHabits = {{
    {"/msg", "<user> <text>", "send a private message (as PM)"},
    {"/query", "[<user>]",
     "lines without a / go to <user> as private messages until /query alone; commands that "
     "start with / still work"},
    {"/quit", "[<reason>]", "log out (as LOGOUT)"},
    {"/me", "<action>",
     "say \"* you <action>\" to the user of the query, or else to the group "
     "you joined last"},
    {"/join", "<group>", "join a group you were invited to, or an open one (as /joingroup)"},
    {"/part", "[<group>]", "leave the group, by default the one you joined last (as LEAVE)"},
    {"/names", "[<group>]", "list who is in the group, or who is online"},
    {"/whois", "<user>", "say whether the user is online, since when and from where"},
}};

/// The habit called `word`, with its slash or (`slashOptional`) without.
const Habit* findHabit(std::string_view word, bool slashOptional = false) {
    for (const auto& habit : kHabits) {
        if (iequals(word, habit.name) || (slashOptional && iequals(word, habit.name.substr(1))))
            return &habit;
    }
    return nullptr;
}

void printHabit(HookContext& context, const Habit& habit) {
    context.console().printLine(std::string(habit.name) + " " + std::string(habit.syntax) +
                                "  -  " + std::string(habit.about));
}

void printUsage(HookContext& context, const Habit& habit) {
    context.console().printLine("Usage: " + std::string(habit.name) + " " +
                                std::string(habit.syntax));
}

void printReply(HookContext& context, const std::optional<ServerReply>& reply) {
    if (!reply)
        return;
    for (const auto& text : reply->texts())
        context.console().printLine(text);
}

std::string groupName(std::string_view word) {
    return std::string(!word.empty() && word.front() == '#' ? word.substr(1) : word);
}

std::string commaList(std::string_view list) {
    std::string out;
    for (char c : list) {
        out += c;
        if (c == ',')
            out += ' ';
    }
    return out;
}

/// "13:05" today, "3 Dec 13:05" on another day, for an ISO time field.
std::string localWhen(std::string_view iso) {
    auto time = parseIsoTime(iso);
    if (!time)
        return std::string(iso);
    const std::time_t when = time->epochTime();
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    std::tm today{};
    localtime_r(&when, &tm);
    localtime_r(&now, &today);
    std::array<char, 32> buffer{};
    const bool sameDay = tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday;
    const std::size_t n =
        std::strftime(buffer.data(), buffer.size(), sameDay ? "%H:%M" : "%e %b %H:%M", &tm);
    return std::string(trim(std::string_view(buffer.data(), n)));
}

} // namespace

std::vector<CommandShape> IrcHabits::commandShapes() {
    std::vector<CommandShape> shapes;
    shapes.reserve(kHabits.size());
    for (const auto& habit : kHabits)
        shapes.push_back(shapeOf({std::string(habit.name)}, habit.syntax));
    return shapes;
}

void IrcHabits::install(CommandHooks& hooks) {
    using Handler = HookResult (IrcHabits::*)(HookContext&, const std::string&);
    const std::array<std::pair<std::string_view, Handler>, 7> table = {{
        {"/msg", &IrcHabits::onMsg},
        {"/query", &IrcHabits::onQuery},
        {"/me", &IrcHabits::onMe},
        {"/join", &IrcHabits::onJoin},
        {"/part", &IrcHabits::onPart},
        {"/names", &IrcHabits::onNames},
        {"/whois", &IrcHabits::onWhois},
    }};
    for (const auto& [word, handler] : table) {
        hooks.on(word, [this, handler = handler](HookContext& c, const std::string& l) {
            return (this->*handler)(c, l);
        });
    }
    // The reason is IRC's; Toom's logout takes none.
    hooks.on("/quit", [](HookContext&, const std::string&) { return HookResult::pass("LOGOUT"); });
    for (std::string_view word : {"HELP", "/help"})
        hooks.on(word, [this](HookContext& c, const std::string& l) { return onHelp(c, l); });
    hooks.first([this](HookContext& c, const std::string& l) { return inQuery(c, l); });
}

std::string IrcHabits::prompt(const std::string& prompt) const {
    return _query.empty() ? prompt : "[" + _query + "] " + prompt;
}

std::optional<HookResult> IrcHabits::inQuery(HookContext&, const std::string& line) {
    if (_query.empty())
        return std::nullopt;
    std::string_view text = trim(line);
    if (!text.empty() && text.front() == '/')
        return std::nullopt; // A command, as in irssi.
    return HookResult::pass("PM " + _query + " " + std::string(text));
}

HookResult IrcHabits::onMsg(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() < 3) {
        printUsage(context, *findHabit("/msg"));
        return HookResult::handled();
    }
    return HookResult::pass("PM " + words.word(1) + " " + words.restFrom(2));
}

HookResult IrcHabits::onQuery(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() > 2) {
        printUsage(context, *findHabit("/query"));
        return HookResult::handled();
    }
    if (words.size() == 1) {
        if (_query.empty())
            context.console().printLine("No query is open; /query <user> opens one.");
        else
            context.console().printLine("Query with " + _query + " closed.");
        _query.clear();
        return HookResult::handled();
    }
    if (iequals(words.word(1), context.username())) {
        context.console().printLine("Error. A query is with someone else.");
        return HookResult::handled();
    }
    _query = words.word(1);
    context.console().printLine("Query with " + _query + ": lines without a / go to " + _query +
                                " as private messages; /query alone ends it.");
    return HookResult::handled();
}

HookResult IrcHabits::onMe(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() < 2) {
        printUsage(context, *findHabit("/me"));
        return HookResult::handled();
    }
    const std::string action = "* " + context.username() + " " + words.restFrom(1);
    if (!_query.empty())
        return HookResult::pass("PM " + _query + " " + action);
    if (!_group.empty())
        return HookResult::pass("GROUPMSG " + _group + " " + action);
    context.console().printLine("Error. /me needs a /query or a /join first: it says where to.");
    return HookResult::handled();
}

HookResult IrcHabits::onJoin(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() != 2) {
        printUsage(context, *findHabit("/join"));
        return HookResult::handled();
    }
    const std::string group = groupName(words.word(1));
    auto reply = context.request("JOINGROUP " + group);
    printReply(context, reply);
    if (reply && reply->ok())
        _group = reply->final.field("group").value_or(group);
    return HookResult::handled();
}

HookResult IrcHabits::onPart(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() > 2 || (words.size() == 1 && _group.empty())) {
        printUsage(context, *findHabit("/part"));
        return HookResult::handled();
    }
    const std::string group = words.size() == 2 ? groupName(words.word(1)) : _group;
    auto reply = context.request("LEAVE #" + group);
    printReply(context, reply);
    if (reply && reply->ok() && iequals(group, _group))
        _group.clear();
    return HookResult::handled();
}

HookResult IrcHabits::onNames(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() > 2) {
        printUsage(context, *findHabit("/names"));
        return HookResult::handled();
    }
    const std::string group = words.size() == 2 ? groupName(words.word(1)) : _group;
    Console& console = context.console();
    if (group.empty()) {
        auto reply = context.request("WHO");
        if (!reply)
            return HookResult::handled();
        if (!reply->ok()) {
            printReply(context, reply);
            return HookResult::handled();
        }
        std::string names = context.username();
        for (const auto& row : reply->rows)
            names += ", " + row.field("user").value_or("?");
        std::string online = "Online (" + std::to_string(reply->rows.size() + 1) + "): " + names;
        if (auto more = reply->final.intField("more"); more && *more > 0)
            online += " and " + std::to_string(*more) + " more";
        console.printLine(online);
        return HookResult::handled();
    }
    auto reply = context.request("ROOMS");
    if (!reply || !reply->ok()) {
        printReply(context, reply);
        return HookResult::handled();
    }
    for (const auto& row : reply->rows) {
        if (row.field("kind") != "group" || !iequals(row.field("room").value_or(""), group))
            continue;
        std::string text = "#" + row.field("room").value_or(group) + ": " +
                           commaList(row.field("members").value_or(""));
        if (auto invited = row.field("invited"); invited && !invited->empty())
            text += " (invited: " + commaList(*invited) + ")";
        console.printLine(text);
        return HookResult::handled();
    }
    console.printLine("Error. You are not in a group called " + group + ".");
    return HookResult::handled();
}

HookResult IrcHabits::onWhois(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() != 2) {
        printUsage(context, *findHabit("/whois"));
        return HookResult::handled();
    }
    const std::string& who = words.word(1);
    if (iequals(who, context.username())) {
        context.console().printLine(context.username() + " is you.");
        return HookResult::handled();
    }
    auto reply = context.request("WHO");
    if (!reply || !reply->ok()) {
        printReply(context, reply);
        return HookResult::handled();
    }
    for (const auto& row : reply->rows) {
        if (!iequals(row.field("user").value_or(""), who))
            continue;
        std::string text = row.field("user").value_or(who) + " is online";
        if (auto since = row.field("since"))
            text += " since " + localWhen(*since);
        if (auto address = row.field("address"))
            text += ", from " + *address;
        context.console().printLine(text + ".");
        return HookResult::handled();
    }
    // WHO leaves out those who blocked you, so this says no more than WHO does.
    context.console().printLine(who + " is not online.");
    return HookResult::handled();
}

HookResult IrcHabits::onHelp(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() == 2) {
        if (const Habit* habit = findHabit(words.word(1))) {
            printHabit(context, *habit);
            return HookResult::handled();
        }
        // Without the slash the server's names come first (MSG and QUIT are its commands);
        // a habit explains a word the server does not know.
        if (const Habit* habit = findHabit(words.word(1), true)) {
            auto reply = context.request(line);
            if (reply && reply->ok())
                printReply(context, reply);
            else if (reply)
                printHabit(context, *habit);
            return HookResult::handled();
        }
    }
    if (words.size() != 1 || !_readableHelp)
        return HookResult::pass(line);
    auto reply = context.request(line);
    if (!reply)
        return HookResult::handled();
    if (!reply->ok()) {
        printReply(context, reply);
        return HookResult::handled();
    }
    std::vector<HelpEntry> entries = helpEntries(reply->rows);
    for (const auto& habit : kHabits) {
        entries.push_back({"irssi habits (toom-client)", std::string(habit.name),
                           std::string(habit.syntax), std::string(habit.about)});
    }
    for (const auto& text : layOutHelp(entries, context.console().textColumns()))
        context.console().printLine(text);
    if (auto more = reply->final.intField("more"); more && *more > 0)
        context.console().printLine("(" + std::to_string(*more) + " more not shown)");
    return HookResult::handled();
}

} // namespace toom::client
