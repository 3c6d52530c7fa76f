#pragma once
// Direct private chat (startprivate / private / stopprivate, variant A) as the user sees it:
// connects what is typed and what the server announces to the PrivateChats that own the
// direct connections.
//
//   typed                 what happens
//   startprivate <user>   sent to the server as typed (it asks <user>)
//   y / n, ACCEPTPRIVATE, sent to the server; an accepted request's token is handed to
//   DECLINEPRIVATE        PrivateChats, which then admits the requester's connection
//   private <user> <msg>  PRIVATE <user> to the server (is the chat open? counts as activity),
//                         then <msg> straight to the peer; the server never sees the text.
//                         Accepted but not connected yet: PrivateChats keeps <msg> and sends
//                         it once the connection is up (the user is told it is being set up)
//   stopprivate <user>    the connection closed, then sent to the server (it tells the peer)
//   logout, OUT, ...      every connection closed quietly, then sent to the server
//
//   server event          what happens
//   PRIVATE_ACCEPTED      printed; PrivateChats connects to the address with the token
//   PRIVATE_ENDED         the connection is closed; the notice printed once
//   PRIVATE_REQUEST       noted (requestsWaiting(): `y` / `n` are then not a file offer's
//                         answer, see AnswerRouting) and printed as any event
//   PRIVATE_DECLINED      printed (the session's default for events)

#include "client/session/CommandHooks.h"
#include "client/session/EventRouter.h"
#include "common/Mutex.h"
#include "p2p/chat/PrivateChats.h"

#include <set>
#include <string>

namespace toom::client {

class Console;

class PrivateChatBridge {
public:
    /// `chats` and `console` must outlive the bridge and every hook and handler it installs.
    PrivateChatBridge(p2p::chat::PrivateChats& chats, Console& console);

    /// Installs the command hooks and event handlers.
    void install(CommandHooks& hooks, EventRouter& events);

    /// Sends an answer to a request (`y`, `n`, `acceptprivate ...`, `declineprivate ...`) to
    /// the server and prints its reply; an accepted request's token goes to PrivateChats.
    HookResult answer(HookContext& context, const std::string& line) TOOM_EXCLUDES(_mutex);

    /// Requests to us that are (as far as this client knows) still waiting for an answer:
    /// announced by PRIVATE_REQUEST, not yet answered, withdrawn or refused as expired.
    std::size_t requestsWaiting() const TOOM_EXCLUDES(_mutex);

private:
    HookResult onPrivate(HookContext& context, const std::string& line);
    HookResult onStop(HookContext& context, const std::string& line);
    void onRequest(const ServerLine& event, const EventRouter& events) TOOM_EXCLUDES(_mutex);
    void onAccepted(const ServerLine& event);
    void onEnded(const ServerLine& event);

    p2p::chat::PrivateChats& _chats;
    Console& _console;
    mutable Mutex _mutex; ///< The reader thread adds requesters, the main thread answers.
    std::set<std::string> _requesters TOOM_GUARDED_BY(_mutex);
};

} // namespace toom::client
