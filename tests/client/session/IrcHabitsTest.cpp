#include "client/session/IrcHabits.h"

#include "client/terminal/Console.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>

using namespace toom;
using namespace toom::client;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace {

/// Records requests and answers them from a table of canned replies (OK by default).
class FakeServer : public HookContext {
public:
    std::optional<ServerReply> request(std::string_view line) override {
        sent.emplace_back(line);
        if (auto it = replies.find(std::string(line)); it != replies.end())
            return it->second;
        ServerReply ok;
        ok.final = ServerLine::ok("X");
        return ok;
    }
    Console& console() override { return _console; }
    const std::string& username() const override { return _name; }

    void answer(const std::string& request, std::vector<std::string> lines) {
        ServerReply reply;
        for (std::size_t i = 0; i + 1 < lines.size(); ++i)
            reply.rows.push_back(*ServerLine::parse(lines[i]));
        reply.final = *ServerLine::parse(lines.back());
        replies[request] = reply;
    }
    std::string printed() const { return _out.str(); }

    std::vector<std::string> sent;
    std::map<std::string, ServerReply> replies;

private:
    std::ostringstream _out;
    Console _console{_out, false, [] { return 60; }};
    std::string _name = "yoda";
};

class IrcHabitsTest : public ::testing::Test {
protected:
    IrcHabitsTest() { habits.install(hooks); }
    HookResult type(const std::string& line) { return hooks.apply(server, line); }

    IrcHabits habits{true};
    CommandHooks hooks;
    FakeServer server;
};

TEST_F(IrcHabitsTest, MsgIsAPrivateMessage) {
    auto result = type("/msg obiwan hello  there");
    EXPECT_EQ(result.action, HookResult::Action::Send);
    EXPECT_EQ(result.line, "PM obiwan hello  there");
    EXPECT_EQ(type("/msg obiwan").action, HookResult::Action::Handled);
    EXPECT_THAT(server.printed(), HasSubstr("Usage: /msg <user> <text>"));
}

TEST_F(IrcHabitsTest, AQuerySendsPlainLinesToItsUserUntilItEnds) {
    EXPECT_EQ(type("/query obiwan").action, HookResult::Action::Handled);
    EXPECT_EQ(habits.prompt("> "), "[obiwan] > ");
    // Whatever the first word: ATU, UPD and private are words of the conversation here.
    EXPECT_EQ(type("ATU is a command elsewhere").line, "PM obiwan ATU is a command elsewhere");
    EXPECT_EQ(type("  upd the docs ").line, "PM obiwan upd the docs");
    // A slash is a command, as in irssi.
    EXPECT_EQ(type("/activeuser").line, "/activeuser");
    EXPECT_EQ(type("/query").action, HookResult::Action::Handled);
    EXPECT_THAT(server.printed(), HasSubstr("Query with obiwan closed."));
    EXPECT_EQ(type("ATU").line, "ATU");
    EXPECT_EQ(habits.prompt("> "), "> ");
    EXPECT_THAT(server.sent, IsEmpty());
}

TEST_F(IrcHabitsTest, AQueryWithYourselfIsRefused) {
    type("/query YODA");
    EXPECT_THAT(server.printed(), HasSubstr("A query is with someone else"));
    EXPECT_THAT(habits.query(), IsEmpty());
}

TEST_F(IrcHabitsTest, JoinRemembersTheGroupForMeAndPart) {
    EXPECT_EQ(type("/me waves").action, HookResult::Action::Handled);
    EXPECT_THAT(server.printed(), HasSubstr("/me needs a /query or a /join first"));

    server.answer("JOINGROUP jedi", {"OK JOINGROUP group=jedi members=yoda :Joined jedi"});
    EXPECT_EQ(type("/join #jedi").action, HookResult::Action::Handled);
    EXPECT_EQ(habits.currentGroup(), "jedi");
    EXPECT_THAT(server.printed(), HasSubstr("Joined jedi"));
    EXPECT_EQ(type("/me waves").line, "GROUPMSG jedi * yoda waves");

    type("/query obiwan");
    EXPECT_EQ(type("/me nods").line, "PM obiwan * yoda nods"); // The query comes first.
    type("/query");

    EXPECT_EQ(type("/part").action, HookResult::Action::Handled);
    EXPECT_THAT(server.sent, ElementsAre("JOINGROUP jedi", "LEAVE #jedi"));
    EXPECT_THAT(habits.currentGroup(), IsEmpty());
}

TEST_F(IrcHabitsTest, AFailedJoinIsNotRemembered) {
    server.answer("JOINGROUP sith",
                  {"FAIL JOINGROUP NOT_INVITED :Error. You were not invited to sith."});
    type("/join sith");
    EXPECT_THAT(server.printed(), HasSubstr("not invited"));
    EXPECT_THAT(habits.currentGroup(), IsEmpty());
}

TEST_F(IrcHabitsTest, QuitLogsOut) {
    EXPECT_EQ(type("/quit gone fishing").line, "LOGOUT");
}

TEST_F(IrcHabitsTest, NamesListsTheOnlineOrAGroupsMembers) {
    server.answer("WHO",
                  {"DATA WHO user=obiwan :x", "DATA WHO user=luke :x", "OK WHO count=2 more=0 :x"});
    type("/names");
    EXPECT_THAT(server.printed(), HasSubstr("Online (3): yoda, obiwan, luke"));
    server.answer("ROOMS", {"DATA ROOMS kind=separate room=3 members=yoda,luke :x",
                            "DATA ROOMS kind=group room=jedi members=yoda,obiwan invited=luke "
                            "joined=1 :x",
                            "OK ROOMS count=2 more=0 :x"});
    type("/names #Jedi");
    EXPECT_THAT(server.printed(), HasSubstr("#jedi: yoda, obiwan (invited: luke)"));
    type("/names sith");
    EXPECT_THAT(server.printed(), HasSubstr("You are not in a group called sith"));
}

TEST_F(IrcHabitsTest, WhoisSaysWhetherAndFromWhere) {
    server.answer("WHO", {"DATA WHO user=obiwan address=127.0.0.2 since=2026-12-04T13:05:00.000Z "
                          ":x",
                          "OK WHO count=1 more=0 :x"});
    type("/whois ObiWan");
    EXPECT_THAT(server.printed(), HasSubstr("obiwan is online since "));
    EXPECT_THAT(server.printed(), HasSubstr(", from 127.0.0.2."));
    type("/whois vader");
    EXPECT_THAT(server.printed(), HasSubstr("vader is not online."));
}

TEST_F(IrcHabitsTest, HelpExplainsAHabitAndLeavesServerNamesToTheServer) {
    EXPECT_EQ(type("HELP /query").action, HookResult::Action::Handled);
    EXPECT_THAT(server.printed(), HasSubstr("/query [<user>]  -  lines without a /"));
    EXPECT_THAT(server.sent, IsEmpty());
    // "msg" is the board's MSG to the server: its answer is shown, not the habit's.
    server.answer("HELP msg", {"DATA HELP command=POST names=POST,MSG :POST, MSG  -  post",
                               "OK HELP count=1 :x"});
    type("HELP msg");
    EXPECT_THAT(server.printed(), HasSubstr("POST, MSG  -  post"));
    // "whois" is not the server's: the habit explains it.
    server.answer("/help whois", {"FAIL HELP UNKNOWN_COMMAND :no such command"});
    type("/help whois");
    EXPECT_THAT(server.printed(), HasSubstr("/whois <user>  -  say whether"));
    EXPECT_EQ(type("HELP PM").action, HookResult::Action::Send);
}

TEST_F(IrcHabitsTest, HelpForAServerAliasGoesToTheServerAsTyped) {
    // The server finds any alias with or without its slash; the client adds nothing.
    for (const char* line : {"/help msgto", "HELP /PM", "help /msgto", "/help activeuser"}) {
        HookResult result = type(line);
        EXPECT_EQ(result.action, HookResult::Action::Send) << line;
        EXPECT_EQ(result.line, line);
    }
}

TEST_F(IrcHabitsTest, HelpIsGroupedWithTheHabitsAtTheEnd) {
    server.answer("HELP", {"DATA HELP command=UDPPORT names=UDPPORT syntax=<udp> :UDPPORT - x",
                           "DATA HELP command=PM area=messages names=PM,message syntax=<user>\\s"
                           "<message> :PM, message <user> <message>  -  send a private message",
                           "OK HELP count=2 more=0 :x"});
    EXPECT_EQ(type("HELP").action, HookResult::Action::Handled);
    const std::string out = server.printed();
    EXPECT_THAT(out, HasSubstr("Messages\n  PM, message <user> <message>\n"
                               "      send a private message\n"));
    EXPECT_THAT(out, HasSubstr("\nIrssi habits (toom-client)\n  /msg <user> <text>\n"));
    EXPECT_EQ(out.find("UDPPORT"), std::string::npos) << out;
}

TEST(IrcHabitsScriptTest, ScriptsGetTheServersHelpUnchanged) {
    IrcHabits habits(false);
    CommandHooks hooks;
    habits.install(hooks);
    FakeServer server;
    EXPECT_EQ(hooks.apply(server, "HELP").line, "HELP");
    EXPECT_EQ(hooks.apply(server, "/msg obiwan hi").line, "PM obiwan hi");
}

} // namespace
