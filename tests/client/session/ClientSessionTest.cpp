// The whole client session (login state machine, command loop, events, exit statuses) against
// a scripted server and scripted input: no sockets, no terminal.

#include "client/session/ClientSession.h"

#include "client/session/FakeTransport.h"
#include "client/terminal/Console.h"
#include "client/terminal/FakeInput.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

using namespace toom::client;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using toom::client::fakes::FakeInput;
using toom::client::fakes::FakeTransport;

namespace {

const std::string kHelloToom =
    "HELLO TOOM/1 profile=toom server=toom-server/0.1.0 max_line=4096 registration=0 :Toom";
const std::string kHelloMessaging = "HELLO TOOM/1 profile=messaging server=toom-server/0.1.0 "
                                    "max_line=4096 registration=1 :Toom";
const std::string kHelloTessenger =
    "HELLO TOOM/1 profile=tessenger server=toom-server/0.1.0 max_line=4096 registration=0 :Toom";
const std::string kToomPrompt =
    "Enter one of the following commands (MSG, DLT, EDT, RDM, ATU, OUT, UPD): ";

class ClientSessionTest : public ::testing::Test {
protected:
    /// Greeting and UDP port exchange shared by most tests.
    void greet(const std::string& hello = kHelloToom) {
        server.greet({hello});
        server.on("UDPPORT 8001", {"OK UDPPORT udp_port=8001"});
    }

    /// A successful login as yoda.
    void loginYoda() {
        greet();
        server.on("yoda", {"OK USER user=yoda next=password :Password:"});
        server.on("wise@!man", {"OK PASS user=yoda :Welcome to TOOM!"});
    }

    int run(FakeInput& input) {
        ClientSession session(server, input, console, {8001});
        if (configure)
            configure(session);
        return session.run();
    }

    std::string output() const { return out.str(); }

    FakeTransport server;
    std::ostringstream out;
    Console console{out};
    std::function<void(ClientSession&)> configure;
};

TEST_F(ClientSessionTest, ScriptedLoginCommandsAndLogout) {
    loginYoda();
    server.on("ATU",
              {"DATA ATU user=luke :luke, 127.0.0.1, 8002, active since 01 Jun 2023 15:00:00.",
               "OK ATU"});
    server.on("OUT", {"OK LOGOUT :Bye, yoda!"}, true);
    FakeInput input({"yoda", "wise@!man", "ATU", "OUT"});

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(server.sent(), ElementsAre("UDPPORT 8001", "yoda", "wise@!man", "ATU", "OUT"));
    EXPECT_EQ(output(), "Welcome to TOOM!\n"
                        "luke, 127.0.0.1, 8002, active since 01 Jun 2023 15:00:00.\n"
                        "Bye, yoda!\n");
}

TEST_F(ClientSessionTest, UdpPortIsAnnouncedBeforeTheUsernamePrompt) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    EXPECT_EQ(run(input), 0);
    ASSERT_FALSE(server.sent().empty());
    EXPECT_EQ(server.sent().front(), "UDPPORT 8001");
}

TEST_F(ClientSessionTest, PromptsFollowTheLoginAndTheProfile) {
    loginYoda();
    server.on("ATU", {"OK ATU :no other active user"});
    FakeInput input({"yoda", "wise@!man", "ATU"}, true);
    EXPECT_EQ(run(input), 0);
    auto requests = input.requests();
    ASSERT_EQ(requests.size(), 4u);
    EXPECT_EQ(requests[0].prompt, "Username: ");
    EXPECT_FALSE(requests[0].secret);
    EXPECT_EQ(requests[1].prompt, "Password: ");
    EXPECT_TRUE(requests[1].secret);
    EXPECT_EQ(requests[2].prompt, kToomPrompt);
    EXPECT_TRUE(requests[2].history);
    EXPECT_EQ(requests[3].prompt, kToomPrompt);
}

TEST_F(ClientSessionTest, UnknownProfileUsesTheDefaultPrompt) {
    server.greet({"HELLO TOOM/1 profile=brand-new max_line=4096 :hi"});
    server.on("UDPPORT 8001", {"OK UDPPORT udp_port=8001"});
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"OK PASS user=yoda :Hi"});
    FakeInput input({"yoda", "pw", ""}, true);
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(input.prompts().back(), "> ");
}

TEST_F(ClientSessionTest, NewUserIsAskedForAPasswordWithTheServerText) {
    greet(kHelloMessaging);
    server.on("hans",
              {"OK USER user=hans next=new_password :This is a new user. Enter a password:"});
    server.on("falcon", {"OK PASS user=hans :Welcome to the greatest messaging application ever!"});
    FakeInput input({"hans", "falcon"}, true);

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(input.prompts(),
                ElementsAre("Username: ", "This is a new user. Enter a password: ", "> "));
    EXPECT_TRUE(input.requests()[1].secret);
    EXPECT_EQ(output(), "Welcome to the greatest messaging application ever!\n");
}

TEST_F(ClientSessionTest, UnusableNewPasswordAsksAgainWithTheSamePrompt) {
    greet(kHelloMessaging);
    server.on("hans",
              {"OK USER user=hans next=new_password :This is a new user. Enter a password:"});
    server.on("a b", {"FAIL PASS UNUSABLE_PASSWORD :A password cannot contain spaces"});
    server.on("falcon", {"OK PASS user=hans :Welcome!"});
    FakeInput input({"hans", "a b", "falcon"}, true);

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(input.prompts(), ElementsAre("Username: ", "This is a new user. Enter a password: ",
                                             "This is a new user. Enter a password: ", "> "));
    EXPECT_EQ(output(), "A password cannot contain spaces\nWelcome!\n");
}

TEST_F(ClientSessionTest, WrongPasswordIsRetried) {
    greet();
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("bad",
              {"FAIL PASS INVALID_PASSWORD attempts_left=2 :Invalid Password. Please try again"});
    server.on("wise@!man", {"OK PASS user=yoda :Welcome to TOOM!"});
    FakeInput input({"yoda", "bad", "wise@!man"}, true);

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(input.prompts(),
                ElementsAre("Username: ", "Password: ", "Password: ", kToomPrompt));
    EXPECT_EQ(output(), "Invalid Password. Please try again\nWelcome to TOOM!\n");
}

TEST_F(ClientSessionTest, TooManyWrongPasswordsExitsWithOne) {
    greet();
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("bad1",
              {"FAIL PASS INVALID_PASSWORD attempts_left=1 :Invalid Password. Please try again"});
    server.on("bad2",
              {"FAIL PASS TOO_MANY_ATTEMPTS :Invalid Password. Your account has been "
               "blocked. Please try again later"},
              true);
    FakeInput input({"yoda", "bad1", "bad2", "never-sent"});

    EXPECT_EQ(run(input), 1);
    EXPECT_EQ(output(),
              "Invalid Password. Please try again\n"
              "Invalid Password. Your account has been blocked. Please try again later\n");
    EXPECT_THAT(server.sent(), Not(::testing::Contains("never-sent")));
}

TEST_F(ClientSessionTest, LockedAccountAtUsernameExitsWithOne) {
    greet();
    server.on("yoda",
              {"FAIL USER ACCOUNT_LOCKED :Your account is blocked due to multiple login "
               "failures. Please try again later"},
              true);
    FakeInput input({"yoda", "wise@!man"});

    EXPECT_EQ(run(input), 1);
    EXPECT_EQ(output(), "Your account is blocked due to multiple login failures. Please try again "
                        "later\n");
}

TEST_F(ClientSessionTest, LockedAccountAtPasswordExitsWithOne) {
    greet();
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"FAIL PASS ACCOUNT_LOCKED :Your account is blocked"}, true);
    FakeInput input({"yoda", "pw"});
    EXPECT_EQ(run(input), 1);
    EXPECT_EQ(output(), "Your account is blocked\n");
}

TEST_F(ClientSessionTest, AlreadyOnlineAtUsernameAsksForAnotherName) {
    greet();
    server.on("yoda", {"FAIL USER ALREADY_ONLINE :yoda is already logged in"});
    server.on("luke", {"OK USER user=luke next=password"});
    server.on("pw", {"OK PASS user=luke :Welcome to TOOM!"});
    FakeInput input({"yoda", "luke", "pw"}, true);

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(input.prompts(),
                ElementsAre("Username: ", "Username: ", "Password: ", kToomPrompt));
    EXPECT_EQ(output(), "yoda is already logged in\nWelcome to TOOM!\n");
}

TEST_F(ClientSessionTest, AlreadyOnlineAtPasswordAsksForTheUsernameAgain) {
    greet();
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"FAIL PASS ALREADY_ONLINE :yoda is already logged in"});
    server.on("luke", {"OK USER user=luke next=password"});
    server.on("pw2", {"OK PASS user=luke :Welcome to TOOM!"});
    FakeInput input({"yoda", "pw", "luke", "pw2"}, true);

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(input.prompts(),
                ElementsAre("Username: ", "Password: ", "Username: ", "Password: ", kToomPrompt));
}

TEST_F(ClientSessionTest, InvalidUsernameAsksAgain) {
    greet();
    server.on("bad name!", {"FAIL USER INVALID_USERNAME :Invalid username"});
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"OK PASS user=yoda :Welcome"});
    FakeInput input({"bad name!", "yoda", "pw"}, true);

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(input.prompts(),
                ElementsAre("Username: ", "Username: ", "Password: ", kToomPrompt));
    EXPECT_EQ(output(), "Invalid username\nWelcome\n");
}

TEST_F(ClientSessionTest, LoginBannerIsShownBeforeTheFirstUsernamePromptOnly) {
    greet(kHelloTessenger);
    server.on("nobody", {"FAIL USER INVALID_USERNAME :Invalid Password. Please try again"});
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"OK PASS user=yoda :Welcome to TESSENGER!"});
    FakeInput input({"nobody", "yoda", "pw"}, true);

    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(),
              "Please login\nInvalid Password. Please try again\nWelcome to TESSENGER!\n");
}

TEST_F(ClientSessionTest, LoginBannerIsNotPrintedInQuietScriptedMode) {
    greet(kHelloTessenger);
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"OK PASS user=yoda :Welcome to TESSENGER!"});
    FakeInput input({"yoda", "pw"}, false);
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TESSENGER!\n");
}

TEST_F(ClientSessionTest, ServerFullExitsWithTwo) {
    server.greet({"FAIL * SERVER_FULL :The server is full. Please try again later"});
    server.serverClose();
    FakeInput input({"yoda"});

    EXPECT_EQ(run(input), 2);
    EXPECT_EQ(output(), "The server is full. Please try again later\n");
    EXPECT_TRUE(server.sent().empty());
}

TEST_F(ClientSessionTest, ServerClosingBeforeTheGreetingIsAnUnexpectedClose) {
    server.serverClose();
    FakeInput input({"yoda"});
    EXPECT_EQ(run(input), 3);
    EXPECT_EQ(output(), "Connection closed by the server\n");
}

TEST_F(ClientSessionTest, ServerClosingWhileWaitingForAReplyExitsWithThree) {
    loginYoda();
    server.on("ATU", {}, true);
    FakeInput input({"yoda", "wise@!man", "ATU", "OUT"});

    EXPECT_EQ(run(input), 3);
    EXPECT_EQ(output(), "Welcome to TOOM!\nConnection closed by the server\n");
    EXPECT_THAT(server.sent(), Not(::testing::Contains("OUT")));
}

TEST_F(ClientSessionTest, ServerClosingWhileTheUserTypesExitsWithThree) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    input.waitAtEnd([&] { server.serverClose(); });

    EXPECT_EQ(run(input), 3);
    EXPECT_EQ(output(), "Welcome to TOOM!\nConnection closed by the server\n");
}

TEST_F(ClientSessionTest, TimeoutEventEndsTheSessionWithZero) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    input.waitAtEnd([&] {
        server.push({"EVENT TIMEOUT :You have been logged out due to inactivity"});
        server.serverClose();
    });

    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TOOM!\nYou have been logged out due to inactivity\n");
}

TEST_F(ClientSessionTest, TimeoutEventEndsTheSessionEvenIfTheServerKeepsTheConnection) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    input.waitAtEnd([&] { server.push({"EVENT TIMEOUT :Timed out"}); });
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TOOM!\nTimed out\n");
}

TEST_F(ClientSessionTest, ShutdownEventWhileWaitingForAReplyExitsWithZero) {
    loginYoda();
    server.on("ATU", {"EVENT SHUTDOWN :The server is shutting down"});
    FakeInput input({"yoda", "wise@!man", "ATU", "OUT"});

    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TOOM!\nThe server is shutting down\n");
    EXPECT_THAT(server.sent(), Not(::testing::Contains("OUT")));
}

TEST_F(ClientSessionTest, ClosingEventExplainsTheCloseButIsNotANormalEnd) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    input.waitAtEnd([&] {
        server.push({"EVENT CLOSING :Too many invalid lines"});
        server.serverClose();
    });
    EXPECT_EQ(run(input), 3);
    EXPECT_EQ(output(), "Welcome to TOOM!\nToo many invalid lines\n");
}

TEST_F(ClientSessionTest, EventsBetweenRepliesArePrintedAsTheyArrive) {
    loginYoda();
    server.on("ATU", {"EVENT PRESENCE user=luke state=online :luke logged in", "DATA ATU :luke",
                      "DATA ATU :leia", "OK ATU"});
    server.on("MSG hi", {"OK MSG :Message #1 posted at 01 Jun 2023 15:00:01."});
    FakeInput input({"yoda", "wise@!man", "ATU", "MSG hi"});

    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TOOM!\nluke logged in\nluke\nleia\n"
                        "Message #1 posted at 01 Jun 2023 15:00:01.\n");
}

TEST_F(ClientSessionTest, FailRepliesArePrintedAndTheLoopContinues) {
    loginYoda();
    server.on("FOO", {"FAIL FOO UNKNOWN_COMMAND :Error. Invalid command!"});
    server.on("ATU", {"OK ATU :no other active user"});
    FakeInput input({"yoda", "wise@!man", "FOO", "ATU"});

    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TOOM!\nError. Invalid command!\nno other active user\n");
}

TEST_F(ClientSessionTest, BlankLinesAreNotSent) {
    loginYoda();
    server.on("ATU", {"OK ATU"});
    FakeInput input({"", "yoda", "wise@!man", "", "   ", "ATU"});
    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(server.sent(), ElementsAre("UDPPORT 8001", "yoda", "wise@!man", "ATU"));
    EXPECT_TRUE(server.unexpected().empty());
}

TEST_F(ClientSessionTest, EndOfInputWhileLoggedInJustCloses) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TOOM!\n");
    EXPECT_EQ(server.stepsLeft(), 0u);
}

TEST_F(ClientSessionTest, EndOfInputDuringLoginExitsWithZero) {
    greet();
    FakeInput input(std::vector<std::string>{});
    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(server.sent(), ElementsAre("UDPPORT 8001"));
}

TEST_F(ClientSessionTest, CtrlCAtAnEmptyLineQuitsWithZero) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    input.quitAtEnd();
    EXPECT_EQ(run(input), 0);
}

TEST_F(ClientSessionTest, UnknownEventTypesArePrinted) {
    loginYoda();
    server.on("ATU", {"EVENT MESSAGE from=luke :luke: hello", "OK ATU"});
    FakeInput input({"yoda", "wise@!man", "ATU"});
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome to TOOM!\nluke: hello\n");
}

TEST_F(ClientSessionTest, RegisteredEventHandlersReplaceThePrinting) {
    loginYoda();
    server.on("ATU", {"EVENT P2P_OFFER from=luke port=9000 :luke offers a file", "OK ATU"});
    std::vector<std::string> offers;
    configure = [&](ClientSession& session) {
        session.events().on("P2P_OFFER", [&](const toom::ServerLine& event) {
            offers.push_back(event.field("from").value_or("?"));
        });
    };
    FakeInput input({"yoda", "wise@!man", "ATU"});
    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(offers, ElementsAre("luke"));
    EXPECT_THAT(output(), Not(HasSubstr("offers a file")));
}

TEST_F(ClientSessionTest, LocalHooksCanHandleOrRewriteCommands) {
    loginYoda();
    server.on("ATU", {"OK ATU :none"});
    server.on("MSG rewritten", {"OK MSG :posted"});
    configure = [](ClientSession& session) {
        session.hooks().on("private", [](HookContext& context, const std::string&) {
            context.console().printLine("sent peer to peer");
            return HookResult::handled();
        });
        session.hooks().on("msg", [](HookContext&, const std::string&) {
            return HookResult::pass("MSG rewritten");
        });
    };
    FakeInput input({"yoda", "wise@!man", "private luke hi", "ATU", "MSG original"});
    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(server.sent(),
                ElementsAre("UDPPORT 8001", "yoda", "wise@!man", "ATU", "MSG rewritten"));
    EXPECT_EQ(output(), "Welcome to TOOM!\nsent peer to peer\nnone\nposted\n");
}

TEST_F(ClientSessionTest, HooksCanMakeTheirOwnRequests) {
    loginYoda();
    server.on("ATU", {"DATA ATU user=luke ip=127.0.0.1 udp_port=9000 :luke", "OK ATU"});
    std::string found;
    configure = [&](ClientSession& session) {
        session.hooks().on("UPD", [&](HookContext& context, const std::string&) {
            auto reply = context.request("ATU");
            if (reply && !reply->rows.empty())
                found = reply->rows.front().field("udp_port").value_or("");
            return HookResult::handled();
        });
    };
    FakeInput input({"yoda", "wise@!man", "UPD luke file.mp4"});
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(found, "9000");
}

TEST_F(ClientSessionTest, OverlongCommandsAreRefusedLocally) {
    server.greet({"HELLO TOOM/1 profile=toom max_line=10 :hi"});
    server.on("UDPPORT 8001", {"OK UDPPORT udp_port=8001"});
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"OK PASS user=yoda :Welcome"});
    FakeInput input({"yoda", "pw", "MSG this is far too long"});
    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(server.sent(), ElementsAre("UDPPORT 8001", "yoda", "pw"));
    EXPECT_THAT(output(), HasSubstr("too long (at most 10 bytes)"));
}

TEST_F(ClientSessionTest, RefusedUdpPortStillLogsIn) {
    server.greet({kHelloToom});
    server.on("UDPPORT 8001", {"FAIL UDPPORT UNKNOWN_COMMAND :Error. Invalid command!"});
    server.on("yoda", {"OK USER user=yoda next=password"});
    server.on("pw", {"OK PASS user=yoda :Welcome"});
    FakeInput input({"yoda", "pw"});
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(output(), "Welcome\n");
}

TEST_F(ClientSessionTest, LogoutRecordsTheCause) {
    loginYoda();
    server.on("logout", {"OK LOGOUT :Bye, yoda!"}, true);
    FakeInput input({"yoda", "wise@!man", "logout", "ATU"});
    ClientSession session(server, input, console, {8001});
    EXPECT_EQ(session.run(), 0);
    EXPECT_EQ(session.closeCause(), CloseCause::LoggedOut);
    EXPECT_EQ(session.username(), "yoda");
    EXPECT_EQ(session.profile().name, "toom");
}

} // namespace

namespace {

/// Hands the session a connection to a FakeTransport the test keeps.
class ForwardingTransport : public LineTransport {
public:
    explicit ForwardingTransport(FakeTransport& target)
        : _target(target) {}
    bool sendLine(std::string_view line) override { return _target.sendLine(line); }
    std::optional<std::string> receiveLine() override { return _target.receiveLine(); }
    void close() override { _target.close(); }

private:
    FakeTransport& _target;
};

class ClientSessionReconnectTest : public ClientSessionTest {
protected:
    ClientSessionReconnectTest() {
        configure = [this](ClientSession& session) {
            ClientSession::Reconnect reconnect;
            reconnect.connect = [this]() -> std::unique_ptr<LineTransport> {
                ++connects;
                if (connects > static_cast<int>(servers.size()))
                    throw std::runtime_error("connection refused");
                return std::make_unique<ForwardingTransport>(*servers[connects - 1]);
            };
            reconnect.settings.firstDelay = std::chrono::milliseconds(1);
            reconnect.settings.maxDelay = std::chrono::milliseconds(4);
            reconnect.settings.maxAttempts = 3;
            reconnect.settings.jitter = 0;
            session.expectGreetingWithin(std::chrono::seconds(10), "127.0.0.1:4000");
            session.reconnectWith(std::move(reconnect));
        };
    }

    /// The server after the restart: greets, and knows yoda.
    FakeTransport& restarted() {
        servers.push_back(std::make_unique<FakeTransport>());
        FakeTransport& next = *servers.back();
        next.greet({kHelloToom});
        next.on("UDPPORT 8001", {"OK UDPPORT udp_port=8001"});
        next.on("yoda", {"OK USER user=yoda next=password :Password:"});
        return next;
    }

    /// yoda logs in, then the server drops the connection while "half typ" is on the line.
    void dropWhileTyping() {
        loginYoda();
        typing.waitAtEnd([this] { server.serverClose(); });
        typing.draftWhenInterrupted("half typ");
    }

    FakeInput typing{{"yoda", "wise@!man"}, true};

    std::vector<std::unique_ptr<FakeTransport>> servers;
    int connects = 0;
};

TEST_F(ClientSessionReconnectTest, LogsInAgainKeepsTheDraftAndGoesOn) {
    FakeTransport& next = restarted();
    next.on("wise@!man", {"OK PASS user=yoda :You missed 2 messages"});
    next.on("MSG luke hi", {"OK MSG :sent"});
    dropWhileTyping();
    FakeInput& input = typing;
    input.afterResume({"MSG luke hi"});

    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(next.sent(), ElementsAre("UDPPORT 8001", "yoda", "wise@!man", "MSG luke hi"));
    EXPECT_TRUE(next.unexpected().empty());
    auto requests = input.requests();
    ASSERT_GE(requests.size(), 2u);
    EXPECT_EQ(requests[requests.size() - 2].draft, "half typ") << "the line came back";
    EXPECT_THAT(output(), HasSubstr("Connection to 127.0.0.1:4000 lost.\n"
                                    "Reconnecting in 1 s (attempt 1 of 3)...\n"
                                    "Connected to 127.0.0.1:4000; logging in again as yoda...\n"
                                    "You missed 2 messages\n"
                                    "Reconnected to 127.0.0.1:4000 after 1 s.\n"
                                    "sent\n"));
    EXPECT_THAT(output(), Not(HasSubstr("wise@!man")));
}

TEST_F(ClientSessionReconnectTest, ARefusedLoginStopsWithOne) {
    FakeTransport& next = restarted();
    next.on("wise@!man", {"FAIL PASS INVALID_PASSWORD :Invalid Password"});
    dropWhileTyping();
    FakeInput& input = typing;

    EXPECT_EQ(run(input), exitcode::kLoginRefused);
    EXPECT_EQ(connects, 1) << "no second attempt with a password that does not fit";
    EXPECT_THAT(output(), HasSubstr("Invalid Password\n"
                                    "Could not log in again as yoda: the password was not "
                                    "accepted.\n"
                                    "Logging in again was refused: stopped reconnecting.\n"));
}

TEST_F(ClientSessionReconnectTest, GivesUpWithFourAfterTheLastAttempt) {
    dropWhileTyping();
    FakeInput& input = typing;
    EXPECT_EQ(run(input), exitcode::kReconnectFailed);
    EXPECT_EQ(connects, 3);
    EXPECT_THAT(output(), HasSubstr("Reconnecting failed: connection refused.\n"
                                    "Gave up reconnecting to 127.0.0.1:4000 after 3 attempts"));
}

TEST_F(ClientSessionReconnectTest, AFailedAttemptIsFollowedByAnother) {
    servers.push_back(std::make_unique<FakeTransport>());
    servers.back()->serverClose(); // Up, but closing at once (still starting).
    FakeTransport& next = restarted();
    next.on("wise@!man", {"OK PASS user=yoda :Welcome"});
    dropWhileTyping();
    FakeInput& input = typing;
    input.afterResume({});
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(connects, 2);
    EXPECT_THAT(output(), HasSubstr("Reconnecting failed: the server closed the connection at "
                                    "once.\nReconnecting in 1 s (attempt 2 of 3)...\n"));
}

TEST_F(ClientSessionReconnectTest, AnUnansweredCommandIsKeptNotResent) {
    loginYoda();
    server.on("MSG luke hi", {}, true); // Gone before the answer.
    FakeTransport& next = restarted();
    next.on("wise@!man", {"OK PASS user=yoda :Welcome"});
    FakeInput input({"yoda", "wise@!man", "MSG luke hi"}, true);
    EXPECT_EQ(run(input), 0);
    EXPECT_THAT(next.sent(), ElementsAre("UDPPORT 8001", "yoda", "wise@!man"));
    EXPECT_EQ(input.requests().back().draft, "MSG luke hi");
    EXPECT_THAT(output(), HasSubstr("it may or may not have been done"));
}

TEST_F(ClientSessionReconnectTest, AnIdleTimeoutIsNotUndone) {
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    input.waitAtEnd([this] {
        server.push({"EVENT TIMEOUT :Logged out after 10 s of inactivity"});
        server.serverClose();
    });
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(connects, 0);
}

TEST_F(ClientSessionReconnectTest, AShutdownIsFollowedByAReconnect) {
    FakeTransport& next = restarted();
    next.on("wise@!man", {"OK PASS user=yoda :Welcome"});
    loginYoda();
    FakeInput input({"yoda", "wise@!man"});
    input.waitAtEnd([this] {
        server.push({"EVENT SHUTDOWN :The server is shutting down"});
        server.serverClose();
    });
    input.afterResume({});
    EXPECT_EQ(run(input), 0);
    EXPECT_EQ(connects, 1);
    EXPECT_THAT(output(), HasSubstr("Reconnected"));
}

TEST_F(ClientSessionReconnectTest, NoReconnectDuringTheFirstLogin) {
    greet();
    server.on("yoda", {"OK USER user=yoda next=password :Password:"}, true);
    FakeInput input({"yoda", "wise@!man"});
    EXPECT_EQ(run(input), exitcode::kConnectionLost);
    EXPECT_EQ(connects, 0);
}

TEST_F(ClientSessionTest, ASilentServerIsNotAToomServer) {
    configure = [](ClientSession& session) {
        session.expectGreetingWithin(std::chrono::milliseconds(50), "127.0.0.1:4000");
    };
    FakeInput input({"yoda"});
    EXPECT_EQ(run(input), exitcode::kSetup);
    EXPECT_EQ(output(), "127.0.0.1:4000 did not answer like a Toom server within 1 s\n");
    EXPECT_TRUE(server.sent().empty());
}

TEST_F(ClientSessionTest, AServerSpeakingSomethingElseIsNotAToomServer) {
    configure = [](ClientSession& session) {
        session.expectGreetingWithin(std::chrono::seconds(10), "127.0.0.1:22");
    };
    server.greet({"SSH-2.0-OpenSSH_9.6"});
    server.serverClose();
    FakeInput input({"yoda"});
    EXPECT_EQ(run(input), exitcode::kSetup);
    EXPECT_EQ(output(), "127.0.0.1:22 did not answer like a Toom server within 10 s\n");
}

} // namespace
