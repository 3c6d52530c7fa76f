// What `private <user> <msg>` does around the server's answer: the server is asked first, and
// once it says the chat is accepted, a chat still being set up keeps the message rather than
// calling it "not enabled". Real PrivateChats; the server is scripted.

#include "client/app/PrivateChatBridge.h"

#include "client/session/CommandHooks.h"
#include "client/session/EventRouter.h"
#include "client/terminal/Console.h"
#include "p2p/chat/PrivateChats.h"

#include <Poco/Net/ServerSocket.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <sstream>
#include <string>
#include <vector>

using namespace toom::client;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

/// A server that answers each request with the next scripted final line.
class ScriptedServer : public HookContext {
public:
    explicit ScriptedServer(Console& console)
        : _console(console) {}

    void willAnswer(std::string_view finalLine) {
        ServerReply reply;
        reply.final = *toom::ServerLine::parse(finalLine);
        _answers.push_back(std::move(reply));
    }

    std::optional<ServerReply> request(std::string_view line) override {
        requests.emplace_back(line);
        if (_answers.empty())
            return std::nullopt;
        ServerReply reply = std::move(_answers.front());
        _answers.pop_front();
        return reply;
    }
    Console& console() override { return _console; }
    const std::string& username() const override { return _name; }

    std::vector<std::string> requests;

private:
    Console& _console;
    std::deque<ServerReply> _answers;
    std::string _name = "yoda";
};

/// A bridge over a real PrivateChats, printing to a string.
struct BridgeRig {
    BridgeRig()
        : console(out)
        , chats("yoda", [this](std::string_view text) { console.printLine(text); })
        , bridge(chats, console)
        , server(console) {
        bridge.install(hooks, events);
    }

    std::string output() const { return out.str(); }

    std::ostringstream out;
    Console console;
    toom::p2p::chat::PrivateChats chats;
    PrivateChatBridge bridge;
    CommandHooks hooks;
    EventRouter events;
    ScriptedServer server;
};

const std::string kLukeSettingUp = "Private messaging with luke is still being set up: the "
                                   "message will be sent as soon as it starts";

} // namespace

TEST(PrivateChatBridgeTest, AMessageRightAfterTheAcceptWaitsForTheConnection) {
    BridgeRig rig;
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0)); // Never answers.
    rig.events.dispatch(*toom::ServerLine::parse(
        "EVENT PRIVATE_ACCEPTED user=luke address=127.0.0.1 port=" +
        std::to_string(silent.address().port()) + " token=t-1 :luke accepted private messaging"));
    rig.server.willAnswer("OK PRIVATE user=luke");
    EXPECT_EQ(rig.hooks.apply(rig.server, "private luke hi there").action,
              HookResult::Action::Handled);
    EXPECT_EQ(rig.server.requests, std::vector<std::string>{"PRIVATE luke"});
    EXPECT_THAT(rig.output(), HasSubstr("luke accepted private messaging\n" + kLukeSettingUp));
    EXPECT_THAT(rig.output(), Not(HasSubstr("not enabled")));
}

TEST(PrivateChatBridgeTest, AMessageRightAfterAcceptingWaitsForTheConnection) {
    BridgeRig rig;
    rig.server.willAnswer(
        "OK ACCEPTPRIVATE user=luke token=t-2 :Private messaging with luke enabled");
    rig.hooks.apply(rig.server, "y");
    rig.server.willAnswer("OK PRIVATE user=luke");
    rig.hooks.apply(rig.server, "private luke hello");
    EXPECT_EQ(rig.server.requests, (std::vector<std::string>{"y", "PRIVATE luke"}));
    EXPECT_EQ(rig.output(), "Private messaging with luke enabled\n" + kLukeSettingUp + "\n");
}

TEST(PrivateChatBridgeTest, TheServerIsAskedEvenWhenNoChatIsKnownHere) {
    // Its answer is what settles it: an accept may be on its way to the reader thread.
    BridgeRig rig;
    rig.server.willAnswer(
        "FAIL PRIVATE NOT_ENABLED user=luke :Error. Private messaging to luke not enabled");
    rig.hooks.apply(rig.server, "private luke psst");
    EXPECT_EQ(rig.server.requests, std::vector<std::string>{"PRIVATE luke"});
    EXPECT_EQ(rig.output(), "Error. Private messaging to luke not enabled\n");
}

TEST(PrivateChatBridgeTest, TheServersRefusalDropsAChatBeingSetUpWithAReport) {
    BridgeRig rig;
    rig.server.willAnswer("OK ACCEPTPRIVATE user=luke token=t-3 :Private messaging with luke "
                          "enabled");
    rig.hooks.apply(rig.server, "y");
    rig.server.willAnswer("OK PRIVATE user=luke");
    rig.hooks.apply(rig.server, "private luke one");
    // The chat ended on the server (its notice is late): the message that waited is lost.
    rig.server.willAnswer(
        "FAIL PRIVATE NOT_ENABLED user=luke :Error. Private messaging to luke not enabled");
    rig.hooks.apply(rig.server, "private luke two");
    EXPECT_EQ(rig.output(), "Private messaging with luke enabled\n" + kLukeSettingUp +
                                "\nError. Private messaging to luke not enabled\n"
                                "Error. 1 private message waiting for luke was not delivered\n");
}

TEST(PrivateChatBridgeTest, WithoutAMessageTheLineGoesToTheServerAsTyped) {
    BridgeRig rig;
    auto result = rig.hooks.apply(rig.server, "private luke");
    EXPECT_EQ(result.action, HookResult::Action::Send);
    EXPECT_EQ(result.line, "private luke");
    EXPECT_TRUE(rig.server.requests.empty());
}

TEST(PrivateChatBridgeTest, RequestsWaitFromTheirEventUntilAnsweredWithdrawnOrGone) {
    BridgeRig rig;
    std::vector<std::string> shown;
    rig.events.otherwise([&shown](const toom::ServerLine& e) { shown.push_back(e.text()); });
    rig.events.dispatch(*toom::ServerLine::parse(
        "EVENT PRIVATE_REQUEST from=luke :luke would like to private message, enter y or n: "));
    rig.events.dispatch(*toom::ServerLine::parse(
        "EVENT PRIVATE_REQUEST from=leia :leia would like to private message, enter y or n: "));
    rig.events.dispatch(*toom::ServerLine::parse(
        "EVENT PRIVATE_REQUEST from=hans :hans would like to private message, enter y or n: "));
    EXPECT_EQ(rig.bridge.requestsWaiting(), 3u);
    // Still shown as any event is.
    ASSERT_EQ(shown.size(), 3u);
    EXPECT_EQ(shown[0], "luke would like to private message, enter y or n: ");

    rig.server.willAnswer("OK DECLINEPRIVATE user=luke :You declined luke");
    rig.hooks.apply(rig.server, "n");
    EXPECT_EQ(rig.bridge.requestsWaiting(), 2u);
    rig.events.dispatch(*toom::ServerLine::parse(
        "EVENT PRIVATE_ENDED user=leia reason=withdrawn :leia withdrew the request"));
    EXPECT_EQ(rig.bridge.requestsWaiting(), 1u);
    // The server knows of none (hans's expired): nothing is thought to wait any more.
    rig.server.willAnswer("FAIL ACCEPTPRIVATE NO_REQUEST :Error. No private messaging request");
    rig.hooks.apply(rig.server, "y");
    EXPECT_EQ(rig.bridge.requestsWaiting(), 0u);
}
