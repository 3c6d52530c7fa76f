#include "client/app/PrivateChatBridge.h"

#include "client/terminal/Console.h"
#include "common/Protocol.h"
#include "common/Text.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>

namespace toom::client {

namespace {
void printReply(Console& console, const ServerReply& reply) {
    for (const auto& text : reply.texts())
        console.printLine(text);
}
} // namespace

PrivateChatBridge::PrivateChatBridge(p2p::chat::PrivateChats& chats, Console& console)
    : _chats(chats)
    , _console(console) {}

void PrivateChatBridge::install(CommandHooks& hooks, EventRouter& events) {
    hooks.on("private", [this](HookContext& c, const std::string& l) { return onPrivate(c, l); });
    hooks.on("stopprivate", [this](HookContext& c, const std::string& l) { return onStop(c, l); });
    for (const char* word : {"y", "n", "acceptprivate", "declineprivate"})
        hooks.on(word, [this](HookContext& c, const std::string& l) { return answer(c, l); });
    // Leaving: the chats are closed (the peers get STOP) before the server hears of it, so
    // that the peers closing their ends in answer to the server's notice cannot print a
    // stray "ended" here after "Bye".
    for (const char* word : {"logout", "OUT", "QUIT", "/logout"}) {
        hooks.on(word, [this](HookContext&, const std::string& line) {
            _chats.closeAll();
            return HookResult::pass(line);
        });
    }
    events.on(std::string(ev::kPrivateRequest),
              [this, &events](const ServerLine& e) { onRequest(e, events); });
    events.on(std::string(ev::kPrivateAccepted), [this](const ServerLine& e) { onAccepted(e); });
    events.on(std::string(ev::kPrivateEnded), [this](const ServerLine& e) { onEnded(e); });
}

HookResult PrivateChatBridge::onPrivate(HookContext& context, const std::string& line) {
    WordCursor words(line);
    // Without a message there is nothing to send directly: the server's answer (usage, or
    // whether the chat is open) is all there is to show.
    if (words.size() < 3)
        return HookResult::pass(line);
    const std::string& peer = words.word(1);
    // Ask the server first, whatever PrivateChats knows: it is the judge of whether the chat is
    // accepted (only a confirmed use counts as activity, and it may know the chat is over while
    // its notice is on the way). Its answer also comes after every event it sent before, so
    // once it is here a PRIVATE_ACCEPTED that was on its way has been handled (the reader
    // thread runs event handlers before it reads the next line): the chat is then at least
    // being set up in PrivateChats, which keeps the message until the connection is up. Asking
    // PrivateChats alone first, as this did once, told a user who typed right after "luke
    // accepted private messaging" that it was "not enabled".
    auto reply = context.request("PRIVATE " + peer);
    if (!reply)
        return HookResult::handled(); // The connection is gone; the session loop will see it.
    if (reply->failed()) {
        printReply(_console, *reply);
        _chats.ended(peer, "");
        return HookResult::handled();
    }
    _chats.send(peer, words.restFrom(2)); // Sends or keeps it; prints what the user must know.
    return HookResult::handled();
}

HookResult PrivateChatBridge::onStop(HookContext& context, const std::string& line) {
    WordCursor words(line);
    if (words.size() != 2)
        return HookResult::pass(line); // The server answers with the usage.
    const std::string peer = words.word(1);
    // The direct connection first: the peer then hears STOP from us before the server's
    // notice can close its end, and each side prints one line. PrivateChats prints "Stopped
    // private messaging with <peer>"; the server's OK would say it twice.
    const bool connected = _chats.connected(peer);
    if (connected)
        _chats.stop(peer);
    auto reply = context.request(line);
    if (!reply)
        return HookResult::handled();
    if (!connected) {
        // Never connected here (or already gone): the server's answer is the news, and a
        // connection still being set up is dropped quietly, but for the messages that were
        // waiting for it (PrivateChats says they were not delivered).
        printReply(_console, *reply);
        _chats.ended(peer, "");
    }
    return HookResult::handled();
}

std::size_t PrivateChatBridge::requestsWaiting() const {
    MutexLock lock(_mutex);
    return _requesters.size();
}

void PrivateChatBridge::onRequest(const ServerLine& event, const EventRouter& events) {
    if (auto from = event.field("from")) {
        MutexLock lock(_mutex);
        // Bounded by the server, which lets each user ask once at a time; kept small anyway.
        if (_requesters.size() < 64)
            _requesters.insert(*from);
        // Its greeting may now wait for the token our "y" will bring.
        _chats.announce(*from);
    }
    events.passOn(event);
}

HookResult PrivateChatBridge::answer(HookContext& context, const std::string& line) {
    auto reply = context.request(line);
    if (!reply)
        return HookResult::handled();
    printReply(_console, *reply);
    {
        MutexLock lock(_mutex);
        if (auto user = reply->final.field("user"); user && reply->ok())
            _requesters.erase(*user);
        else if (reply->failed() && reply->code() == err::kNoRequest)
            _requesters.clear(); // Whatever we thought waited has expired or gone.
    }
    if (reply->ok() && reply->verb() == "ACCEPTPRIVATE") {
        auto requester = reply->final.field("user");
        auto token = reply->final.field("token");
        if (requester && token)
            _chats.expect(*requester, *token);
    }
    return HookResult::handled();
}

void PrivateChatBridge::onAccepted(const ServerLine& event) {
    if (!event.text().empty())
        _console.printLine(event.text());
    auto peer = event.field("user");
    auto address = event.field("address");
    auto port = event.intField("port");
    auto token = event.field("token");
    if (!peer || !address || !port || !token) {
        _console.printLine("Error. The server's private messaging details were incomplete");
        return;
    }
    try {
        _chats.connect(*peer, Poco::Net::SocketAddress(*address, static_cast<Poco::UInt16>(*port)),
                       *token);
    } catch (const Poco::Exception& e) {
        _console.printLine("Error. Cannot reach " + *peer + " at " + *address + ": " +
                           e.displayText());
    }
}

void PrivateChatBridge::onEnded(const ServerLine& event) {
    auto peer = event.field("user");
    if (!peer)
        return;
    {
        // Whatever ended (a chat, or the request: withdrawn, expired, the peer gone), no
        // request from this peer waits for our answer any more.
        MutexLock lock(_mutex);
        _requesters.erase(*peer);
    }
    // A withdrawn request never became a connection: only the notice is left to show.
    if (event.field("reason") == std::optional<std::string>("withdrawn")) {
        _console.printLine(event.text());
        return;
    }
    _chats.ended(*peer, event.text());
}

} // namespace toom::client
