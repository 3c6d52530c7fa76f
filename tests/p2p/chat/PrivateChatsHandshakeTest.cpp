// Setting a direct session up over real loopback sockets: the token check on the acceptor's
// side, the checks on the connector's side, and what each user is told.

#include "p2p/chat/PeerTestSupport.h"
#include "p2p/chat/PrivateChats.h"

#include <gtest/gtest.h>

using namespace toom::p2p::chat;
using namespace toom::p2p::chat::testkit;

TEST(PrivateChatsHandshakeTest, MessagesFlowBothWaysInOrderOnceStarted) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "tok-1")) << yoda.printed.dump() << hans.printed.dump();
    EXPECT_TRUE(yoda.chats->connected("hans"));
    EXPECT_EQ(yoda.chats->peers(), std::vector<std::string>{"hans"});
    EXPECT_EQ(hans.chats->peers(), std::vector<std::string>{"yoda"});

    EXPECT_EQ(yoda.chats->send("hans", "one"), SendResult::Sent);
    EXPECT_EQ(yoda.chats->send("hans", "two  spaces"), SendResult::Sent);
    EXPECT_EQ(hans.chats->send("yoda", "hi yoda"), SendResult::Sent);
    ASSERT_TRUE(hans.printed.waitFor("yoda(private): two  spaces")) << hans.printed.dump();
    ASSERT_TRUE(yoda.printed.waitFor("hans(private): hi yoda")) << yoda.printed.dump();
    EXPECT_EQ(hans.printed.lines(),
              (std::vector<std::string>{"Start private messaging with yoda", "yoda(private): one",
                                        "yoda(private): two  spaces"}));
}

TEST(PrivateChatsHandshakeTest, TheGreetingCarriesOurNameAndTheToken) {
    ChatUser yoda("yoda");
    Poco::Net::ServerSocket listener(loopback(0));
    yoda.chats->connect("hans", listener.address(), "tok-2");
    RawPeer hans = RawPeer::acceptFrom(listener);
    EXPECT_EQ(hans.readLine(), "HELLO TOOM-P2P/1 from=yoda token=tok-2");
    hans.sendLine("OK HELLO user=hans");
    ASSERT_TRUE(yoda.printed.waitFor("Start private messaging with hans"));
    ASSERT_EQ(yoda.chats->send("hans", "hello"), SendResult::Sent);
    EXPECT_EQ(hans.readLine(), "EVENT MSG :hello");
}

TEST(PrivateChatsHandshakeTest, AWrongTokenIsRefusedAndTheRightOneStillWorks) {
    ChatSettings impatient = quickSettings();
    impatient.tokenWait = 300ms;
    ChatUser yoda("yoda");
    ChatUser hans("hans", impatient);
    hans.chats->expect("yoda", "right");
    yoda.chats->connect("hans", loopback(hans.port), "wrong");
    EXPECT_TRUE(yoda.printed.waitFor(
        "Error. Could not start private messaging with hans: hans refused (BAD_TOKEN"))
        << yoda.printed.dump();
    EXPECT_TRUE(hans.printed.waitFor("yoda presented an unknown or expired token"))
        << hans.printed.dump();
    EXPECT_FALSE(yoda.chats->connected("hans"));
    EXPECT_FALSE(hans.chats->connected("yoda"));

    yoda.chats->connect("hans", loopback(hans.port), "right");
    EXPECT_TRUE(yoda.printed.waitFor("Start private messaging with hans")) << yoda.printed.dump();
}

TEST(PrivateChatsHandshakeTest, AGreetingThatArrivesBeforeItsTokenWaitsForIt) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    // The server tells yoda "hans accepted" and hans "here is the token" at the same time;
    // here yoda wins the race and greets before hans has registered the token. hans heard of
    // yoda's request first (PRIVATE_REQUEST), so the greeting waits.
    hans.chats->announce("yoda");
    yoda.chats->connect("hans", loopback(hans.port), "tok-3");
    ASSERT_TRUE(waitUntil([&] { return hans.chats->handshakesWaitingForToken() == 1; }));
    hans.chats->expect("yoda", "tok-3");
    EXPECT_TRUE(yoda.printed.waitFor("Start private messaging with hans")) << yoda.printed.dump();
    EXPECT_TRUE(hans.printed.waitFor("Start private messaging with yoda")) << hans.printed.dump();
}

TEST(PrivateChatsHandshakeTest, ATokenWorksOnce) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "tok-4"));
    ASSERT_TRUE(yoda.chats->stop("hans"));
    ASSERT_TRUE(hans.printed.waitFor("yoda stopped private messaging"));

    yoda.chats->connect("hans", loopback(hans.port), "tok-4");
    EXPECT_TRUE(yoda.printed.waitFor("hans refused (TOKEN_USED")) << yoda.printed.dump();
    EXPECT_TRUE(hans.printed.waitFor("a token that was already used")) << hans.printed.dump();
    EXPECT_FALSE(hans.chats->connected("yoda"));
}

TEST(PrivateChatsHandshakeTest, ATokenIssuedForSomeoneElseIsRefused) {
    ChatUser yoda("yoda");
    ChatUser luke("luke");
    ChatUser hans("hans");
    hans.chats->expect("luke", "tok-5");
    yoda.chats->connect("hans", loopback(hans.port), "tok-5");
    EXPECT_TRUE(yoda.printed.waitFor("hans refused (WRONG_USER")) << yoda.printed.dump();
    EXPECT_TRUE(hans.printed.waitFor("was issued to someone else")) << hans.printed.dump();
    EXPECT_FALSE(hans.chats->connected("yoda"));

    // The token remains luke's.
    luke.chats->connect("hans", loopback(hans.port), "tok-5");
    EXPECT_TRUE(hans.printed.waitFor("Start private messaging with luke")) << hans.printed.dump();
}

TEST(PrivateChatsHandshakeTest, AnAnswerFromSomeoneElseIsRefused) {
    ChatUser yoda("yoda");
    Poco::Net::ServerSocket listener(loopback(0));
    yoda.chats->connect("hans", listener.address(), "tok-6");
    RawPeer impostor = RawPeer::acceptFrom(listener);
    ASSERT_TRUE(impostor.readLine());
    impostor.sendLine("OK HELLO user=vader");
    EXPECT_TRUE(yoda.printed.waitFor(
        "Error. Could not start private messaging with hans: the answer came from vader"))
        << yoda.printed.dump();
    EXPECT_TRUE(impostor.waitForClose());
    EXPECT_FALSE(yoda.chats->connected("hans"));
}

TEST(PrivateChatsHandshakeTest, ANonsenseAnswerIsRefused) {
    ChatUser yoda("yoda");
    Poco::Net::ServerSocket listener(loopback(0));
    yoda.chats->connect("hans", listener.address(), "tok-7");
    RawPeer nonsense = RawPeer::acceptFrom(listener);
    ASSERT_TRUE(nonsense.readLine());
    nonsense.sendLine("HTTP/1.1 400 Bad Request");
    EXPECT_TRUE(yoda.printed.waitFor("hans: invalid answer")) << yoda.printed.dump();
    EXPECT_TRUE(nonsense.waitForClose());
}

TEST(PrivateChatsHandshakeTest, AnAcceptorThatNeverAnswersTimesOut) {
    ChatSettings impatient = quickSettings();
    impatient.handshakeTimeout = 200ms;
    impatient.tokenWait = 200ms;
    ChatUser yoda("yoda", impatient);
    Poco::Net::ServerSocket silent(loopback(0)); // The kernel accepts; nobody answers.
    yoda.chats->connect("hans", silent.address(), "tok-8");
    EXPECT_TRUE(yoda.printed.waitFor("Could not start private messaging with hans: no answer"))
        << yoda.printed.dump();
    EXPECT_FALSE(yoda.chats->connected("hans"));
}

TEST(PrivateChatsHandshakeTest, NobodyListeningIsReported) {
    ChatUser yoda("yoda");
    Poco::Net::SocketAddress closed;
    {
        Poco::Net::ServerSocket gone(loopback(0));
        closed = gone.address();
    }
    yoda.chats->connect("hans", closed, "tok-9");
    EXPECT_TRUE(yoda.printed.waitFor("Error. Could not start private messaging with hans: "))
        << yoda.printed.dump();
    EXPECT_FALSE(yoda.chats->connected("hans"));
    EXPECT_TRUE(yoda.chats->peers().empty());
}

TEST(PrivateChatsHandshakeTest, ASilentConnectionIsClosedAfterTheGreetingTimeout) {
    ChatSettings impatient = quickSettings();
    impatient.greetingTimeout = 200ms;
    ChatUser hans("hans", impatient);
    RawPeer mute(hans.port);
    EXPECT_EQ(mute.readLine(), "FAIL HELLO TIMEOUT :no greeting within 200 ms");
    EXPECT_TRUE(mute.waitForClose());
    EXPECT_TRUE(hans.printed.waitFor("no greeting within 200 ms")) << hans.printed.dump();
}

TEST(PrivateChatsHandshakeTest, AGarbageGreetingIsRefused) {
    ChatUser hans("hans");
    RawPeer browser(hans.port);
    browser.sendLine("GET / HTTP/1.1");
    auto answer = browser.readLine();
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->rfind("FAIL HELLO BAD_HELLO :", 0), 0u) << *answer;
    EXPECT_TRUE(browser.waitForClose());
    EXPECT_TRUE(hans.printed.waitFor("invalid greeting")) << hans.printed.dump();

    RawPeer binary(hans.port);
    binary.sendRaw(std::string("\x16\x03\x01\x00\xff\x01\x00\n", 8));
    EXPECT_EQ(binary.readLine()->rfind("FAIL HELLO BAD_HELLO", 0), 0u);
    EXPECT_TRUE(binary.waitForClose());
    EXPECT_TRUE(hans.chats->peers().empty());
}

TEST(PrivateChatsHandshakeTest, AnOverlongGreetingIsRefused) {
    ChatUser hans("hans");
    RawPeer flood(hans.port);
    flood.sendRaw(std::string(10000, 'x')); // No LF: the limit must not wait for one.
    auto answer = flood.readLine();
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->rfind("FAIL HELLO LINE_TOO_LONG", 0), 0u) << *answer;
    EXPECT_TRUE(flood.waitForClose());
    EXPECT_TRUE(hans.printed.waitFor("greeting too long")) << hans.printed.dump();
}

TEST(PrivateChatsHandshakeTest, SessionsBeyondTheLimitAreRefused) {
    ChatSettings one = quickSettings();
    one.maxSessions = 1;
    ChatUser hans("hans", one);
    ChatUser yoda("yoda");
    ChatUser luke("luke");
    ASSERT_TRUE(startPrivate(yoda, hans, "tok-10"));

    hans.chats->expect("luke", "tok-11");
    luke.chats->connect("hans", loopback(hans.port), "tok-11");
    EXPECT_TRUE(luke.printed.waitFor("hans refused (SESSION_LIMIT")) << luke.printed.dump();
    EXPECT_TRUE(hans.printed.waitFor("too many private sessions (at most 1)"))
        << hans.printed.dump();

    // Our own requests count too.
    hans.chats->connect("luke", loopback(luke.port), "tok-12");
    EXPECT_TRUE(hans.printed.waitFor(
        "Error. Could not start private messaging with luke: too many private sessions"));
    EXPECT_EQ(hans.chats->peers(), std::vector<std::string>{"yoda"});
}

TEST(PrivateChatsHandshakeTest, GreetingsBeyondTheLimitAreRefusedAtOnce) {
    ChatSettings one = quickSettings();
    one.greetingSlots = {1, 1};
    ChatUser hans("hans", one);
    // Greets with a token hans does not know (yet): holds the only place while it waits.
    hans.chats->announce("yoda");
    RawPeer first(hans.port);
    first.sendLine("HELLO TOOM-P2P/1 from=yoda token=tok-unknown");
    ASSERT_TRUE(waitUntil([&] { return hans.chats->handshakesWaitingForToken() == 1; }));
    RawPeer second(hans.port);
    EXPECT_EQ(second.readLine()->rfind("FAIL HELLO BUSY", 0), 0u);
    EXPECT_TRUE(second.waitForClose());
}

TEST(PrivateChatsHandshakeTest, SilentConnectionsFromOneAddressDoNotLockARealPeerOut) {
    // Eight connections that never greet, from the address the real peer uses too (this
    // machine): each address holds at most four places, and a newcomer takes a silent one's.
    ChatUser hans("hans");
    ChatUser yoda("yoda");
    std::vector<std::unique_ptr<RawPeer>> mutes;
    for (int i = 0; i < 8; ++i)
        mutes.push_back(std::make_unique<RawPeer>(hans.port));
    ASSERT_TRUE(startPrivate(yoda, hans, "tok-mutes")) << yoda.printed.dump();
    // The oldest silent ones were closed to make room, without an answer.
    EXPECT_TRUE(mutes.front()->waitForClose());
}

TEST(PrivateChatsHandshakeTest, OneSessionPerPeer) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "tok-13"));

    yoda.chats->connect("hans", loopback(hans.port), "tok-14");
    EXPECT_TRUE(yoda.printed.waitFor("Error. Private messaging with hans is already active"));

    hans.chats->expect("yoda", "tok-15");
    RawPeer second(hans.port);
    EXPECT_EQ(second.greet("yoda", "tok-15")->rfind("FAIL HELLO ALREADY_CONNECTED", 0), 0u);
    EXPECT_TRUE(second.waitForClose());
    // The first session is untouched.
    EXPECT_EQ(yoda.chats->send("hans", "still here"), SendResult::Sent);
    EXPECT_TRUE(hans.printed.waitFor("yoda(private): still here"));
}

TEST(PrivateChatsHandshakeTest, StoppingAConnectionBeingSetUpIsQuiet) {
    ChatUser yoda("yoda");
    Poco::Net::ServerSocket silent(loopback(0));
    yoda.chats->connect("hans", silent.address(), "tok-16");
    EXPECT_FALSE(yoda.chats->connected("hans"));
    EXPECT_TRUE(yoda.chats->stop("hans"));
    yoda.chats->closeAll(); // Joins the connecting thread: everything it printed is in.
    EXPECT_EQ(yoda.printed.lines(),
              std::vector<std::string>{"Stopped private messaging with hans"});
}

TEST(PrivateChatsHandshakeTest, AFloodOfBadGreetingsDoesNotFloodTheScreen) {
    ChatUser hans("hans");
    for (int i = 0; i < 20; ++i) {
        RawPeer browser(hans.port);
        browser.sendLine("GET / HTTP/1.1");
        ASSERT_TRUE(browser.readLine()); // each one is still answered
    }
    ASSERT_TRUE(hans.printed.waitFor("invalid greeting"));
    std::this_thread::sleep_for(100ms);
    std::size_t lines = 0;
    for (const auto& line : hans.printed.lines())
        lines += line.find("Refused a private messaging connection") != std::string::npos;
    EXPECT_EQ(lines, 5u) << hans.printed.dump();
}

TEST(PrivateChatsHandshakeTest, AStrangersUnknownTokenIsRefusedAtOnce) {
    ChatSettings patient = quickSettings();
    patient.tokenWait = 10s; // what an announced peer's greeting may wait
    ChatUser hans("hans", patient);
    // Nobody told hans that luke asked: luke's greeting cannot hold a place waiting.
    RawPeer luke(hans.port);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(luke.greet("luke", "made-up")->rfind("FAIL HELLO BAD_TOKEN", 0), 0u);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_EQ(hans.chats->handshakesWaitingForToken(), 0u);
}
