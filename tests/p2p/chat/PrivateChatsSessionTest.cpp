// An open direct session: sending, stopping from either side, the end noticed once whoever
// notices it first, peers that misbehave or stall, and several sessions at once.

#include "p2p/chat/PeerTestSupport.h"
#include "p2p/chat/PrivateChats.h"

#include <gtest/gtest.h>

using namespace toom::p2p::chat;
using namespace toom::p2p::chat::testkit;

namespace {

/// Starts a session between `acceptor` and a hand-played `peerName` presenting `token`.
/// Returns the raw peer after the OK.
std::unique_ptr<RawPeer> rawSessionWith(ChatUser& acceptor, const std::string& peerName,
                                        const std::string& token) {
    acceptor.chats->expect(peerName, token);
    auto raw = std::make_unique<RawPeer>(acceptor.port);
    auto answer = raw->greet(peerName, token);
    EXPECT_EQ(answer, "OK HELLO user=" + acceptor.name);
    EXPECT_TRUE(acceptor.printed.waitFor("Start private messaging with " + peerName));
    return raw;
}

} // namespace

TEST(PrivateChatsSessionTest, TheConnectorStopsAndTheAcceptorIsToldOnce) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-1"));
    EXPECT_TRUE(yoda.chats->stop("hans"));
    EXPECT_EQ(yoda.printed.count("Stopped private messaging with hans"), 1u);
    ASSERT_TRUE(hans.printed.waitFor("yoda stopped private messaging")) << hans.printed.dump();
    EXPECT_FALSE(yoda.chats->connected("hans"));
    EXPECT_TRUE(waitUntil([&] { return !hans.chats->connected("yoda"); }));

    hans.chats->closeAll(); // Joins hans's threads: nothing more can be printed after this.
    yoda.chats->closeAll();
    EXPECT_EQ(hans.printed.count("yoda"), 2u) << hans.printed.dump(); // Start, stopped.
    EXPECT_EQ(yoda.printed.count("hans"), 2u) << yoda.printed.dump(); // Start, Stopped.
}

TEST(PrivateChatsSessionTest, TheAcceptorStopsAndTheConnectorIsToldOnce) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-2"));
    EXPECT_TRUE(hans.chats->stop("yoda"));
    ASSERT_TRUE(yoda.printed.waitFor("hans stopped private messaging")) << yoda.printed.dump();
    EXPECT_EQ(yoda.chats->send("hans", "anyone?"), SendResult::NoSession);
    EXPECT_TRUE(yoda.printed.waitFor("Error. Private messaging to hans not enabled"));

    yoda.chats->closeAll();
    EXPECT_EQ(yoda.printed.count("stopped private messaging"), 1u) << yoda.printed.dump();
    EXPECT_EQ(yoda.printed.count("ended"), 0u) << yoda.printed.dump();
}

TEST(PrivateChatsSessionTest, StoppingWithoutASessionSaysSo) {
    ChatUser yoda("yoda");
    EXPECT_FALSE(yoda.chats->stop("hans"));
    EXPECT_EQ(yoda.printed.lines(),
              std::vector<std::string>{"Error. Private messaging to hans not enabled"});
}

TEST(PrivateChatsSessionTest, APeerThatGoesAwayIsReportedOnce) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-3"));
    yoda.chats.reset(); // Exit: the destructor says goodbye.
    ASSERT_TRUE(hans.printed.waitFor("Private messaging with yoda ended: yoda left"))
        << hans.printed.dump();
    hans.chats->ended("yoda", "yoda logged out"); // The server's notice, later: silent.
    hans.chats->closeAll();
    EXPECT_EQ(hans.printed.count("ended"), 1u) << hans.printed.dump();
    EXPECT_EQ(hans.printed.count("logged out"), 0u) << hans.printed.dump();
}

TEST(PrivateChatsSessionTest, AConnectionThatDropsWithoutStopIsReportedOnce) {
    ChatUser hans("hans");
    auto yoda = rawSessionWith(hans, "yoda", "s-4");
    yoda->close();
    ASSERT_TRUE(hans.printed.waitFor("Private messaging with yoda ended")) << hans.printed.dump();
    EXPECT_FALSE(hans.chats->connected("yoda"));
    hans.chats->closeAll();
    EXPECT_EQ(hans.printed.count("ended"), 1u) << hans.printed.dump();
}

TEST(PrivateChatsSessionTest, TheServersNoticeAfterThePeersStopIsSilent) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-5"));
    yoda.chats->stop("hans");
    ASSERT_TRUE(hans.printed.waitFor("yoda stopped private messaging"));
    hans.chats->ended("yoda", "yoda has stopped private messaging (server)");
    EXPECT_EQ(hans.printed.count("(server)"), 0u) << hans.printed.dump();
}

TEST(PrivateChatsSessionTest, TheServersNoticeFirstIsPrintedOnceAndTheDropIsSilent) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-6"));
    hans.chats->ended("yoda", "yoda logged out");
    EXPECT_EQ(hans.printed.count("yoda logged out"), 1u);
    EXPECT_FALSE(hans.chats->connected("yoda"));
    // hans closed without a STOP, so yoda sees the connection end.
    ASSERT_TRUE(yoda.printed.waitFor("Private messaging with hans ended")) << yoda.printed.dump();
    hans.chats->ended("yoda", "yoda logged out");
    hans.chats->closeAll();
    EXPECT_EQ(hans.printed.count("yoda logged out"), 1u) << hans.printed.dump();
    EXPECT_EQ(hans.printed.count("ended"), 0u) << hans.printed.dump();
}

TEST(PrivateChatsSessionTest, TheServersNoticeBeforeTheConnectionForgetsTheToken) {
    ChatSettings impatient = quickSettings();
    impatient.tokenWait = 200ms;
    ChatUser hans("hans", impatient);
    hans.chats->expect("yoda", "s-7");
    hans.chats->ended("yoda", "yoda logged out");
    EXPECT_TRUE(hans.printed.lines().empty()); // There was no session to end.
    RawPeer late(hans.port);
    EXPECT_EQ(late.greet("yoda", "s-7")->rfind("FAIL HELLO BAD_TOKEN", 0), 0u);
}

TEST(PrivateChatsSessionTest, AnOverlongLineClosesTheSession) {
    ChatUser hans("hans");
    auto yoda = rawSessionWith(hans, "yoda", "s-8");
    yoda->sendLine(std::string(5000, 'a'));
    ASSERT_TRUE(hans.printed.waitFor(
        "Private messaging with yoda closed: yoda sent a line longer than 4096 bytes"))
        << hans.printed.dump();
    EXPECT_TRUE(yoda->waitForClose());
    EXPECT_FALSE(hans.chats->connected("yoda"));
    hans.chats->closeAll();
    EXPECT_EQ(hans.printed.count("yoda closed"), 1u);
    EXPECT_EQ(hans.printed.count("ended"), 0u) << hans.printed.dump();
}

TEST(PrivateChatsSessionTest, GarbageAfterTheHandshakeClosesTheSession) {
    ChatUser hans("hans");
    auto yoda = rawSessionWith(hans, "yoda", "s-9");
    yoda->sendLine("EVENT MSG :fine");
    yoda->sendLine(std::string("\x00\x01garbage", 9));
    ASSERT_TRUE(hans.printed.waitFor("yoda sent an invalid line")) << hans.printed.dump();
    EXPECT_EQ(hans.printed.count("yoda(private): fine"), 1u);
    EXPECT_TRUE(yoda->waitForClose());
    EXPECT_FALSE(hans.chats->connected("yoda"));
}

TEST(PrivateChatsSessionTest, BytesThatAreNotUtf8AreReplacedBeforePrinting) {
    ChatUser hans("hans");
    auto yoda = rawSessionWith(hans, "yoda", "s-19");
    yoda->sendLine("EVENT MSG :caf\xe9 \x9b"
                   "2J");
    EXPECT_TRUE(hans.printed.waitFor("yoda(private): caf\xEF\xBF\xBD \xEF\xBF\xBD"
                                     "2J"))
        << hans.printed.dump();
    EXPECT_TRUE(hans.chats->connected("yoda"));
}

TEST(PrivateChatsSessionTest, TwoPeersAtOnce) {
    ChatUser hans("hans");
    ChatUser yoda("yoda");
    ChatUser luke("luke");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-10"));
    ASSERT_TRUE(startPrivate(hans, luke, "s-11")); // hans connects to luke this time.
    EXPECT_EQ(hans.chats->peers(), (std::vector<std::string>{"luke", "yoda"}));

    EXPECT_EQ(hans.chats->send("yoda", "to yoda"), SendResult::Sent);
    EXPECT_EQ(hans.chats->send("luke", "to luke"), SendResult::Sent);
    EXPECT_EQ(yoda.chats->send("hans", "from yoda"), SendResult::Sent);
    EXPECT_EQ(luke.chats->send("hans", "from luke"), SendResult::Sent);
    EXPECT_TRUE(yoda.printed.waitFor("hans(private): to yoda"));
    EXPECT_TRUE(luke.printed.waitFor("hans(private): to luke"));
    EXPECT_TRUE(hans.printed.waitFor("yoda(private): from yoda"));
    EXPECT_TRUE(hans.printed.waitFor("luke(private): from luke"));

    EXPECT_TRUE(hans.chats->stop("yoda"));
    EXPECT_EQ(hans.chats->peers(), std::vector<std::string>{"luke"});
    EXPECT_EQ(hans.chats->send("luke", "still on"), SendResult::Sent);
    EXPECT_TRUE(luke.printed.waitFor("hans(private): still on"));
    EXPECT_EQ(yoda.printed.count("to luke") + luke.printed.count("to yoda"), 0u);
}

TEST(PrivateChatsSessionTest, SendingToSomeoneWithoutASessionFails) {
    ChatUser yoda("yoda");
    EXPECT_EQ(yoda.chats->send("vader", "hello?"), SendResult::NoSession);
    EXPECT_EQ(yoda.printed.lines(),
              std::vector<std::string>{"Error. Private messaging to vader not enabled"});
}

TEST(PrivateChatsSessionTest, ATextTooLongForOneLineIsRefusedAndTheSessionGoesOn) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-12"));
    EXPECT_EQ(yoda.chats->send("hans", std::string(4096, 'z')), SendResult::TooLong);
    EXPECT_TRUE(yoda.printed.waitFor("Error. Private message too long (at most 4085 bytes)"))
        << yoda.printed.dump();
    EXPECT_EQ(yoda.chats->send("hans", std::string(4085, 'z')), SendResult::Sent);
    EXPECT_TRUE(hans.printed.waitFor("yoda(private): " + std::string(4085, 'z')));
    EXPECT_TRUE(yoda.chats->connected("hans"));
}

TEST(PrivateChatsSessionTest, LineBreaksInATextCannotForgeLines) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-13"));
    EXPECT_EQ(yoda.chats->send("hans", "hi\nEVENT STOP\r\nbye"), SendResult::Sent);
    ASSERT_TRUE(hans.printed.waitFor("yoda(private): hi EVENT STOP  bye")) << hans.printed.dump();
    EXPECT_TRUE(hans.chats->connected("yoda"));
}

TEST(PrivateChatsSessionTest, ClosingAllSaysGoodbyeToEveryPeerAndPrintsNothing) {
    ChatUser hans("hans");
    ChatUser yoda("yoda");
    ChatUser luke("luke");
    ASSERT_TRUE(startPrivate(yoda, hans, "s-14"));
    ASSERT_TRUE(startPrivate(luke, hans, "s-15"));
    auto printedBefore = hans.printed.lines().size();
    hans.chats->closeAll();
    EXPECT_EQ(hans.printed.lines().size(), printedBefore) << hans.printed.dump();
    EXPECT_TRUE(hans.chats->peers().empty());
    EXPECT_TRUE(yoda.printed.waitFor("Private messaging with hans ended: hans left"));
    EXPECT_TRUE(luke.printed.waitFor("Private messaging with hans ended: hans left"));

    // Closed, not dead: hans can listen and take a new session.
    hans.port = hans.chats->listen(Poco::Net::IPAddress("127.0.0.1"));
    ASSERT_TRUE(startPrivate(yoda, hans, "s-16")) << yoda.printed.dump() << hans.printed.dump();
}

TEST(PrivateChatsSessionTest, APeerThatStopsReadingOnlyDelaysMessagesToItself) {
    ChatSettings impatient = quickSettings();
    impatient.sendTimeout = 300ms;
    ChatUser hans("hans", impatient);
    ChatUser luke("luke");
    ASSERT_TRUE(startPrivate(luke, hans, "s-17"));
    hans.chats->expect("yoda", "s-18");
    RawPeer yoda(hans.port, 4096); // Never reads after the OK.
    ASSERT_EQ(yoda.greet("yoda", "s-18"), "OK HELLO user=hans");
    ASSERT_TRUE(hans.printed.waitFor("Start private messaging with yoda"));

    const std::string text(4000, 'w');
    SendResult result = SendResult::Sent;
    auto lastSend = std::chrono::steady_clock::duration::zero();
    // Socket buffers hold a few MB at most; well before this bound a send must time out.
    for (int i = 0; i < 100000 && result == SendResult::Sent; ++i) {
        auto started = std::chrono::steady_clock::now();
        result = hans.chats->send("yoda", text);
        lastSend = std::chrono::steady_clock::now() - started;
    }
    EXPECT_EQ(result, SendResult::Failed);
    EXPECT_GE(lastSend, 300ms);
    EXPECT_LT(lastSend, 5s); // The send timeout, with room for a busy machine.
    EXPECT_TRUE(hans.printed.waitFor(
        "Error. Private message to yoda could not be sent; private messaging with yoda ended"));
    EXPECT_FALSE(hans.chats->connected("yoda"));

    EXPECT_EQ(hans.chats->send("luke", "unaffected"), SendResult::Sent);
    EXPECT_TRUE(luke.printed.waitFor("hans(private): unaffected"));
}

TEST(PrivateChatsSessionTest, ListeningAgainKeepsThePort) {
    ChatUser hans("hans");
    EXPECT_EQ(hans.chats->listen(Poco::Net::IPAddress("127.0.0.1")), hans.port);
}

TEST(PrivateChatsSessionTest, ListensOnlyOnTheAddressGiven) {
    PrintRecorder printed;
    PrivateChats hans("hans", printed.printer(), quickSettings());
    const int port = hans.listen(Poco::Net::IPAddress("127.0.0.1"));
    // Another address of this machine (all of 127/8 is loopback on Linux) gets no answer.
    Poco::Net::StreamSocket elsewhere;
    EXPECT_THROW(
        elsewhere.connect(Poco::Net::SocketAddress("127.0.0.2", static_cast<Poco::UInt16>(port)),
                          Poco::Timespan(2, 0)),
        Poco::Exception);
}

TEST(PrivateChatsSessionTest, APortInUseIsReportedByListen) {
    ChatUser hans("hans");
    PrintRecorder printedByOther;
    PrivateChats other("yoda", printedByOther.printer(), quickSettings());
    const Poco::Net::IPAddress loopbackAddress("127.0.0.1");
    EXPECT_THROW(other.listen(loopbackAddress, hans.port), Poco::Exception);
    EXPECT_GT(other.listen(loopbackAddress), 0); // Still usable on another port.
}
