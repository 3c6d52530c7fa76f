#include "client/session/CompletionFeed.h"

#include "client/session/ClientSession.h"
#include "common/Protocol.h"
#include "common/Text.h"
#include "common/Utf8.h"

namespace toom::client {

namespace {

/// A name as the server sends them: no spaces, commas or controls, within the bound.
bool isName(std::string_view name) {
    if (name.empty() || name.size() > CompletionFeed::kMaxNameBytes || !isValidUtf8(name))
        return false;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F || c == ',')
            return false;
    }
    return true;
}

std::vector<std::string> commaSeparated(std::string_view list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string_view::npos)
            end = list.size();
        if (end > start)
            out.emplace_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool wholeListing(const ServerReply& reply) {
    return reply.ok() && reply.final.intField("more").value_or(0) == 0;
}

} // namespace

CompletionFeed::CompletionFeed(std::vector<CommandShape> clientCommands,
                               std::function<Clock::time_point()> now)
    : _clientCommands(std::move(clientCommands))
    , _now(std::move(now)) {}

void CompletionFeed::add(NameSet& set, std::string_view name, std::size_t limit) {
    if (!isName(name))
        return;
    std::string key = toLower(name);
    auto it = set.find(key);
    if (it != set.end()) {
        it->second = std::string(name);
        return;
    }
    if (set.size() < limit) // Full: the newest names wait until some leave.
        set.emplace(std::move(key), std::string(name));
}

void CompletionFeed::remove(NameSet& set, std::string_view name) {
    set.erase(toLower(name));
}

void CompletionFeed::learnHelp(const ServerReply& reply) {
    for (const auto& row : reply.rows) {
        auto command = row.field("command");
        auto names = row.field("names");
        // UDPPORT is the client's own business, as HELP's layout hides it too.
        if (!command || !names || *command == "UDPPORT")
            continue;
        std::vector<std::string> spelled;
        for (auto& name : commaSeparated(*names)) {
            if (isName(name))
                spelled.push_back(std::move(name));
        }
        if (spelled.empty())
            continue;
        if (_commands.size() >= kMaxCommands && _commands.find(*command) == _commands.end())
            continue;
        _commands[*command] = shapeOf(std::move(spelled), row.field("syntax").value_or(""));
    }
}

void CompletionFeed::learn(const ServerReply& reply) {
    const ServerLine& final = reply.final;
    MutexLock lock(_mutex);
    const std::string& verb = final.verb();
    if (final.kind() == LineKind::Ok && verb == "PASS") {
        _me = toLower(final.field("user").value_or(""));
        return;
    }
    if (!reply.ok())
        return;
    if (verb == "HELP") {
        learnHelp(reply);
    } else if (verb == "WHO") {
        // A whole listing is the truth about who is online (but for those who blocked you).
        if (wholeListing(reply))
            _users.clear();
        for (const auto& row : reply.rows)
            add(_users, row.field("user").value_or(""), kMaxUsers);
    } else if (verb == "WHOSINCE") {
        for (const auto& row : reply.rows) {
            if (row.field("online") == "1")
                add(_users, row.field("user").value_or(""), kMaxUsers);
        }
    } else if (verb == "MONITOR") {
        for (const auto& row : reply.rows) {
            const std::string user = row.field("user").value_or("");
            if (row.field("state") == "online")
                add(_users, user, kMaxUsers);
            else if (row.field("state") == "offline")
                remove(_users, user);
        }
    } else if (verb == "ROOMS") {
        if (wholeListing(reply))
            _groups.clear();
        for (const auto& row : reply.rows) {
            if (row.field("kind") == "group")
                add(_groups, row.field("room").value_or(""), kMaxGroups);
        }
    } else if (verb == "JOINGROUP" || verb == "CREATEGROUP") {
        add(_groups, final.field("group").value_or(""), kMaxGroups);
    }
    _users.erase(_me);
}

void CompletionFeed::learn(const ServerLine& event) {
    const std::string& type = event.verb();
    MutexLock lock(_mutex);
    if (type == ev::kPresence) {
        const std::string user = event.field("user").value_or("");
        if (event.field("state") == "online")
            add(_users, user, kMaxUsers);
        else if (event.field("state") == "offline")
            remove(_users, user);
    } else if (type == ev::kMessage) {
        if (event.field("offline") != "1")
            add(_users, event.field("from").value_or(""), kMaxUsers);
    } else if (type == ev::kPrivateRequest) {
        add(_users, event.field("from").value_or(""), kMaxUsers);
    } else if (type == ev::kInvite) {
        add(_groups, event.field("group").value_or(""), kMaxGroups);
    } else if (type == ev::kRoom) {
        if (event.field("kind") == "group")
            add(_groups, event.field("room").value_or(""), kMaxGroups);
    }
    _users.erase(_me);
}

void CompletionFeed::askWith(Ask ask) {
    _ask = std::move(ask);
}

void CompletionFeed::attach(ClientSession& session) {
    session.watchReplies([this](const ServerReply& reply) { learn(reply); });
    session.events().watch([this](const ServerLine& event) { learn(event); });
    askWith([&session](std::string_view line) { return session.request(line); });
}

void CompletionFeed::askIfDue(std::string_view line, std::optional<Clock::time_point>& last) {
    if (!_ask)
        return;
    {
        MutexLock lock(_mutex);
        if (_me.empty())
            return; // Not logged in (yet).
    }
    const Clock::time_point now = _now();
    if (last && now - *last < kAskAgainAfter)
        return;
    last = now;
    // The reply watcher may learn it too; learning twice changes nothing.
    if (auto reply = _ask(line))
        learn(*reply);
}

Vocabulary CompletionFeed::vocabulary() const {
    Vocabulary vocabulary;
    vocabulary.commands = _clientCommands;
    MutexLock lock(_mutex);
    for (const auto& [canonical, shape] : _commands)
        vocabulary.commands.push_back(shape);
    for (const auto& [key, name] : _users)
        vocabulary.users.push_back(name);
    for (const auto& [key, name] : _groups)
        vocabulary.groups.push_back(name);
    return vocabulary;
}

Completion CompletionFeed::complete(std::string_view line, std::size_t cursor) {
    bool commandsKnown = false;
    {
        MutexLock lock(_mutex);
        commandsKnown = !_commands.empty();
    }
    // The command list is needed for any word: the first is one, and a later word's kind
    // depends on the command's syntax.
    if (!commandsKnown)
        askIfDue("HELP", _askedHelp);
    Completion completion = completeWord(vocabulary(), line, cursor);
    if (!completion.candidates.empty())
        return completion;
    bool isCommandName = false;
    const WordKind kind = kindAt(vocabulary(), line, cursor, isCommandName);
    if (kind == WordKind::User || kind == WordKind::UserList)
        askIfDue("WHO", _askedWho);
    else if (kind == WordKind::Group)
        askIfDue("ROOMS", _askedRooms);
    else
        return completion;
    return completeWord(vocabulary(), line, cursor);
}

} // namespace toom::client
