#pragma once
// Tab completion's words, learnt from the server: the command names and what their arguments
// are from HELP's rows, who is online from WHO and MONITOR replies and PRESENCE events (and
// the senders of messages, who were online to send them), and the groups from ROOMS, joins,
// invitations and group messages. Every set is bounded.
//
// What it has not heard yet it asks for when Tab needs it, and only then: HELP for the first
// command name, WHO when no online name matches, ROOMS when no group does (WHO and ROOMS again
// at most every few seconds). So a session where Tab is never pressed sends nothing more than
// before, and a seed server's console shows these requests only for users who press Tab.
//
// learn() runs on the reader thread, complete() on the main thread, between them a mutex.

#include "client/session/ServerReply.h"
#include "client/terminal/Completer.h"
#include "client/terminal/WordCompletion.h"
#include "common/Mutex.h"
#include "common/ServerLine.h"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

class ClientSession;

class CompletionFeed : public Completer {
public:
    using Clock = std::chrono::steady_clock;
    /// Sends a request and returns its reply (ClientSession::request); nothing when gone.
    using Ask = std::function<std::optional<ServerReply>(std::string_view line)>;

    static constexpr std::size_t kMaxCommands = 200;
    static constexpr std::size_t kMaxUsers = 1000;
    static constexpr std::size_t kMaxGroups = 500;
    static constexpr std::size_t kMaxNameBytes = 64;
    /// The least time between two WHO (or two ROOMS) asked for by Tab.
    static constexpr std::chrono::seconds kAskAgainAfter{5};

    /// `clientCommands` are the commands the client answers itself (the irssi habits), offered
    /// beside the server's. `now` tells the time (tests pass their own).
    explicit CompletionFeed(std::vector<CommandShape> clientCommands = {},
                            std::function<Clock::time_point()> now = Clock::now);

    /// Learns from a reply (any thread).
    void learn(const ServerReply& reply);

    /// Learns from an event (any thread).
    void learn(const ServerLine& event);

    /// How to ask the server. Nothing is asked before the login is seen (OK PASS), whatever
    /// the prompt: a word sent at the username prompt would be taken for a username.
    void askWith(Ask ask);

    /// Learns from everything `session` receives and asks through it (before its run()).
    void attach(ClientSession& session);

    Completion complete(std::string_view line, std::size_t cursor) override;

    /// What is known now.
    Vocabulary vocabulary() const;

private:
    /// Names kept by their lower-cased form, spelled as the server spells them.
    using NameSet = std::map<std::string, std::string>;

    void learnHelp(const ServerReply& reply) TOOM_REQUIRES(_mutex);
    static void add(NameSet& set, std::string_view name, std::size_t limit);
    static void remove(NameSet& set, std::string_view name);
    /// Asks `line` if `last` is long enough ago (or never), and learns from the reply.
    void askIfDue(std::string_view line, std::optional<Clock::time_point>& last);

    const std::vector<CommandShape> _clientCommands;
    const std::function<Clock::time_point()> _now;
    Ask _ask;                                                            ///< Main thread only.
    std::optional<Clock::time_point> _askedHelp, _askedWho, _askedRooms; ///< Main thread only.
    mutable Mutex _mutex;
    std::map<std::string, CommandShape> _commands TOOM_GUARDED_BY(_mutex); ///< By canonical.
    NameSet _users TOOM_GUARDED_BY(_mutex);
    NameSet _groups TOOM_GUARDED_BY(_mutex);
    std::string _me TOOM_GUARDED_BY(_mutex); ///< Lower-cased; never offered.
};

} // namespace toom::client
