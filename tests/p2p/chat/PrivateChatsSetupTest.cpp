// Messages typed while a direct session is being set up (the chat is accepted, its connection
// not up yet): kept, sent once the session is open (after the handshake, in the order typed,
// before anything typed later), bounded, and reported as not delivered when the setup fails or
// the chat ends first. Both sides: the connector (connect() called, no answer yet) and the
// acceptor (expect() called, no greeting yet).

#include "p2p/chat/PeerLine.h"
#include "p2p/chat/PeerTestSupport.h"
#include "p2p/chat/PrivateChats.h"

#include <gtest/gtest.h>

using namespace toom::p2p::chat;
using namespace toom::p2p::chat::testkit;

namespace {

/// What the user is told when a message has to wait for `peer`'s connection.
std::string waitNoteFor(const std::string& peer) {
    return "Private messaging with " + peer +
           " is still being set up: the message will be sent as soon as it starts";
}

/// A connector's session held in its handshake: `user` connects to `peer`, played by hand,
/// which has read the greeting and not answered yet.
struct HeldConnection {
    HeldConnection(ChatUser& user, const std::string& peer, const std::string& token)
        : listener(loopback(0)) {
        user.chats->connect(peer, listener.address(), token);
        raw = std::make_unique<RawPeer>(RawPeer::acceptFrom(listener));
        greeting = raw->readLine();
    }

    Poco::Net::ServerSocket listener;
    std::unique_ptr<RawPeer> raw;
    std::optional<std::string> greeting;
};

} // namespace

TEST(PrivateChatsSetupTest, TheConnectorsEarlyMessagesGoOutAfterTheAnswerInOrder) {
    ChatUser yoda("yoda");
    HeldConnection hans(yoda, "hans", "set-1");
    ASSERT_EQ(hans.greeting, "HELLO TOOM-P2P/1 from=yoda token=set-1");
    EXPECT_FALSE(yoda.chats->connected("hans"));
    EXPECT_EQ(yoda.chats->send("hans", "one"), SendResult::Queued);
    EXPECT_EQ(yoda.chats->send("hans", "two words"), SendResult::Queued);

    hans.raw->sendLine("OK HELLO user=hans");
    ASSERT_TRUE(yoda.printed.waitFor("Start private messaging with hans")) << yoda.printed.dump();
    // Sent at once, or kept behind the two if they are still going out: in order either way.
    const SendResult third = yoda.chats->send("hans", "three");
    EXPECT_TRUE(third == SendResult::Sent || third == SendResult::Queued);
    EXPECT_EQ(hans.raw->readLine(), "EVENT MSG :one");
    EXPECT_EQ(hans.raw->readLine(), "EVENT MSG :two words");
    EXPECT_EQ(hans.raw->readLine(), "EVENT MSG :three");

    // Messages flow the other way too: the session reads once the early ones are out.
    hans.raw->sendLine("EVENT MSG :got them");
    EXPECT_TRUE(yoda.printed.waitFor("hans(private): got them")) << yoda.printed.dump();
    yoda.chats->closeAll();
    EXPECT_EQ(
        yoda.printed.lines(),
        (std::vector<std::string>{waitNoteFor("hans"), waitNoteFor("hans"),
                                  "Start private messaging with hans", "hans(private): got them"}));
}

TEST(PrivateChatsSetupTest, TheAcceptorsEarlyMessagesFollowItsOk) {
    ChatUser hans("hans");
    hans.chats->expect("yoda", "set-2");
    // Accepted, and yoda has not connected yet: kept, never "not enabled".
    EXPECT_EQ(hans.chats->send("yoda", "welcome"), SendResult::Queued);
    EXPECT_EQ(hans.chats->send("yoda", "are you there?"), SendResult::Queued);

    RawPeer yoda(hans.port);
    EXPECT_EQ(yoda.greet("yoda", "set-2"), "OK HELLO user=hans"); // The OK comes first.
    EXPECT_EQ(yoda.readLine(), "EVENT MSG :welcome");
    EXPECT_EQ(yoda.readLine(), "EVENT MSG :are you there?");
    ASSERT_TRUE(hans.printed.waitFor("Start private messaging with yoda")) << hans.printed.dump();
    yoda.sendLine("EVENT MSG :here");
    EXPECT_TRUE(hans.printed.waitFor("yoda(private): here")) << hans.printed.dump();
    EXPECT_EQ(hans.printed.count("not enabled"), 0u) << hans.printed.dump();
    EXPECT_EQ(hans.printed.count(waitNoteFor("yoda")), 2u) << hans.printed.dump();
}

TEST(PrivateChatsSetupTest, BetweenTwoClientsTheFirstMessagesOfBothSidesArrive) {
    ChatUser yoda("yoda");
    ChatUser hans("hans");
    // As the client does it: hans accepts (expect), yoda hears of it and connects; both type
    // at once, before either end is up.
    hans.chats->expect("yoda", "set-3");
    const SendResult fromHans = hans.chats->send("yoda", "hello yoda");
    yoda.chats->connect("hans", loopback(hans.port), "set-3");
    const SendResult fromYoda = yoda.chats->send("hans", "hello hans");
    EXPECT_EQ(fromHans, SendResult::Queued);
    EXPECT_TRUE(fromYoda == SendResult::Queued || fromYoda == SendResult::Sent);
    EXPECT_TRUE(hans.printed.waitFor("yoda(private): hello hans")) << hans.printed.dump();
    EXPECT_TRUE(yoda.printed.waitFor("hans(private): hello yoda")) << yoda.printed.dump();
    EXPECT_EQ(hans.printed.count("Error."), 0u) << hans.printed.dump();
    EXPECT_EQ(yoda.printed.count("Error."), 0u) << yoda.printed.dump();
}

TEST(PrivateChatsSetupTest, AFailedSetupSaysWhatWasNotDelivered) {
    ChatUser yoda("yoda");
    HeldConnection hans(yoda, "hans", "set-4");
    ASSERT_TRUE(hans.greeting);
    EXPECT_EQ(yoda.chats->send("hans", "one"), SendResult::Queued);
    EXPECT_EQ(yoda.chats->send("hans", "two"), SendResult::Queued);
    hans.raw->sendLine(PeerLine::refused("BAD_TOKEN", "unknown or expired token").format());
    ASSERT_TRUE(
        yoda.printed.waitFor("Error. 2 private messages waiting for hans were not delivered"))
        << yoda.printed.dump();
    EXPECT_EQ(hans.raw->readLine(), std::nullopt); // Closed, and nothing of them was sent.
    EXPECT_EQ(yoda.printed.lines(),
              (std::vector<std::string>{
                  waitNoteFor("hans"), waitNoteFor("hans"),
                  "Error. Could not start private messaging with hans: hans refused (BAD_TOKEN: "
                  "unknown or expired token)",
                  "Error. 2 private messages waiting for hans were not delivered"}));
    // Over: now it is not enabled.
    EXPECT_EQ(yoda.chats->send("hans", "three"), SendResult::NoSession);
}

TEST(PrivateChatsSetupTest, APeerThatNeverConnectsIsReportedWhenItsTokenExpires) {
    ChatSettings impatient = quickSettings();
    impatient.tokenLifetime = 300ms;
    impatient.tokenWait = 200ms;
    ChatUser hans("hans", impatient);
    hans.chats->expect("yoda", "set-5");
    EXPECT_EQ(hans.chats->send("yoda", "hello?"), SendResult::Queued);
    ASSERT_TRUE(hans.printed.waitFor("Error. 1 private message waiting for yoda was not delivered"))
        << hans.printed.dump();
    EXPECT_EQ(hans.printed.lines(),
              (std::vector<std::string>{
                  waitNoteFor("yoda"),
                  "Error. Could not start private messaging with yoda: yoda did not connect "
                  "within 300 ms",
                  "Error. 1 private message waiting for yoda was not delivered"}));
    EXPECT_EQ(hans.chats->send("yoda", "still?"), SendResult::NoSession);
    RawPeer late(hans.port);
    EXPECT_EQ(late.greet("yoda", "set-5")->rfind("FAIL HELLO BAD_TOKEN", 0), 0u);
}

TEST(PrivateChatsSetupTest, AnExpectationNobodyTypedForExpiresQuietly) {
    ChatSettings impatient = quickSettings();
    impatient.tokenLifetime = 100ms;
    ChatUser hans("hans", impatient);
    hans.chats->expect("yoda", "set-6");
    std::this_thread::sleep_for(200ms); // Past the token's life (no event tells of it).
    EXPECT_EQ(hans.chats->send("yoda", "too late"), SendResult::NoSession);
    EXPECT_EQ(hans.printed.lines(),
              std::vector<std::string>{"Error. Private messaging to yoda not enabled"});
}

TEST(PrivateChatsSetupTest, StoppingBeforeThePeerConnectsDropsWhatWaited) {
    ChatSettings impatient = quickSettings();
    impatient.tokenWait = 200ms;
    ChatUser hans("hans", impatient);
    hans.chats->expect("yoda", "set-7");
    EXPECT_EQ(hans.chats->send("yoda", "bye"), SendResult::Queued);
    EXPECT_TRUE(hans.chats->stop("yoda"));
    EXPECT_EQ(
        hans.printed.lines(),
        (std::vector<std::string>{waitNoteFor("yoda"), "Stopped private messaging with yoda",
                                  "Error. 1 private message waiting for yoda was not delivered"}));
    // The token went with it.
    RawPeer late(hans.port);
    EXPECT_EQ(late.greet("yoda", "set-7")->rfind("FAIL HELLO BAD_TOKEN", 0), 0u);
    EXPECT_FALSE(hans.chats->stop("yoda"));
}

TEST(PrivateChatsSetupTest, StoppingAConnectorBeingSetUpDropsWhatWaited) {
    ChatUser yoda("yoda");
    HeldConnection hans(yoda, "hans", "set-8");
    ASSERT_TRUE(hans.greeting);
    EXPECT_EQ(yoda.chats->send("hans", "one"), SendResult::Queued);
    EXPECT_TRUE(yoda.chats->stop("hans"));
    EXPECT_EQ(hans.raw->readLine(), std::nullopt); // Closed without a word.
    yoda.chats->closeAll();
    EXPECT_EQ(
        yoda.printed.lines(),
        (std::vector<std::string>{waitNoteFor("hans"), "Stopped private messaging with hans",
                                  "Error. 1 private message waiting for hans was not delivered"}));
}

TEST(PrivateChatsSetupTest, TheServersNoticeBeforeTheConnectionSaysWhatWasNotDelivered) {
    ChatUser hans("hans");
    hans.chats->expect("yoda", "set-9");
    EXPECT_EQ(hans.chats->send("yoda", "one"), SendResult::Queued);
    EXPECT_EQ(hans.chats->send("yoda", "two"), SendResult::Queued);
    hans.chats->ended("yoda", "yoda logged out");
    EXPECT_EQ(hans.printed.lines(),
              (std::vector<std::string>{
                  waitNoteFor("yoda"), waitNoteFor("yoda"), "yoda logged out",
                  "Error. 2 private messages waiting for yoda were not delivered"}));
    hans.chats->ended("yoda", "yoda logged out"); // Said once.
    EXPECT_EQ(hans.printed.lines().size(), 4u);

    // The connector's side, ended quietly (the bridge does so once the server's answer said
    // the chat is over): only the loss is news.
    ChatUser yoda("yoda");
    HeldConnection luke(yoda, "luke", "set-10");
    ASSERT_TRUE(luke.greeting);
    EXPECT_EQ(yoda.chats->send("luke", "hi"), SendResult::Queued);
    yoda.chats->ended("luke", "");
    yoda.chats->closeAll();
    EXPECT_EQ(
        yoda.printed.lines(),
        (std::vector<std::string>{waitNoteFor("luke"),
                                  "Error. 1 private message waiting for luke was not delivered"}));
}

TEST(PrivateChatsSetupTest, ClosingAllSaysOnlyWhatWasNotDelivered) {
    ChatUser yoda("yoda");
    HeldConnection hans(yoda, "hans", "set-11");
    ASSERT_TRUE(hans.greeting);
    yoda.chats->expect("luke", "set-12");
    EXPECT_EQ(yoda.chats->send("hans", "one"), SendResult::Queued);
    EXPECT_EQ(yoda.chats->send("luke", "two"), SendResult::Queued);
    EXPECT_EQ(yoda.chats->send("luke", "three"), SendResult::Queued);
    const std::size_t before = yoda.printed.lines().size();
    yoda.chats->closeAll();
    auto lines = yoda.printed.lines();
    lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(before));
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "Error. 1 private message waiting for hans was not delivered",
                         "Error. 2 private messages waiting for luke were not delivered"}));
    EXPECT_EQ(hans.raw->readLine(), std::nullopt);
}

TEST(PrivateChatsSetupTest, WhatMayWaitIsBoundedInCountAndBytes) {
    ChatSettings two = quickSettings();
    two.maxWaitingMessages = 2;
    ChatUser yoda("yoda", two);
    HeldConnection hans(yoda, "hans", "set-13");
    ASSERT_TRUE(hans.greeting);
    EXPECT_EQ(yoda.chats->send("hans", "one"), SendResult::Queued);
    EXPECT_EQ(yoda.chats->send("hans", "two"), SendResult::Queued);
    EXPECT_EQ(yoda.chats->send("hans", "three"), SendResult::QueueFull);
    EXPECT_TRUE(yoda.printed.waitFor(
        "Error. Private message to hans not sent: private messaging with hans is still being "
        "set up, and at most 2 messages (16384 bytes) may wait"))
        << yoda.printed.dump();
    hans.raw->sendLine("OK HELLO user=hans");
    ASSERT_TRUE(yoda.printed.waitFor("Start private messaging with hans"));
    EXPECT_EQ(hans.raw->readLine(), "EVENT MSG :one");
    EXPECT_EQ(hans.raw->readLine(), "EVENT MSG :two");
    ASSERT_TRUE(waitUntil([&] {
        // Once the two are out, messages go at once (until then they would line up).
        return yoda.chats->send("hans", "four") == SendResult::Sent;
    }));
    EXPECT_EQ(hans.raw->readLine(), "EVENT MSG :four"); // "three" was never sent.

    ChatSettings small = quickSettings();
    small.maxWaitingBytes = 33; // Counted on the wire: "EVENT MSG :" is 11 bytes.
    ChatUser luke("luke", small);
    luke.chats->expect("leia", "set-14");
    EXPECT_EQ(luke.chats->send("leia", "0123456789"), SendResult::Queued);    // 21 bytes.
    EXPECT_EQ(luke.chats->send("leia", "0123456789"), SendResult::QueueFull); // 42 would wait.
    EXPECT_EQ(luke.chats->send("leia", "x"), SendResult::Queued);             // 33: just fits.
    EXPECT_EQ(luke.printed.count("at most 16 messages (33 bytes) may wait"), 1u)
        << luke.printed.dump();
}

TEST(PrivateChatsSetupTest, ATextTooLongForOneLineIsRefusedRatherThanKept) {
    ChatUser hans("hans");
    hans.chats->expect("yoda", "set-15");
    EXPECT_EQ(hans.chats->send("yoda", std::string(4096, 'z')), SendResult::TooLong);
    EXPECT_EQ(hans.printed.lines(),
              std::vector<std::string>{"Error. Private message too long (at most 4085 bytes)"});
    RawPeer yoda(hans.port);
    EXPECT_EQ(yoda.greet("yoda", "set-15"), "OK HELLO user=hans");
    yoda.sendLine("EVENT MSG :ping");
    ASSERT_TRUE(hans.printed.waitFor("yoda(private): ping"));
    // Nothing was kept: the next line yoda reads is hans's next message.
    EXPECT_EQ(hans.chats->send("yoda", "pong"), SendResult::Sent);
    EXPECT_EQ(yoda.readLine(), "EVENT MSG :pong");
}

TEST(PrivateChatsSetupTest, APeerThatDoesNotReadWhatWaitedEndsTheSessionWithAReport) {
    ChatSettings patientQueue = quickSettings();
    patientQueue.sendTimeout = 300ms;
    // Far more than any socket buffers hold, so that the delivery must stall.
    patientQueue.maxWaitingMessages = 4000;
    patientQueue.maxWaitingBytes = 16 << 20;
    ChatUser hans("hans", patientQueue);
    hans.chats->expect("yoda", "set-16");
    const std::string text(4000, 'w');
    for (int i = 0; i < 4000; ++i)
        ASSERT_EQ(hans.chats->send("yoda", text), SendResult::Queued) << i;
    RawPeer yoda(hans.port, 4096); // Never reads after the OK.
    ASSERT_EQ(yoda.greet("yoda", "set-16"), "OK HELLO user=hans");
    ASSERT_TRUE(hans.printed.waitFor(
        "Error. Private message to yoda could not be sent; private messaging with yoda ended"))
        << hans.printed.dump();
    EXPECT_TRUE(hans.printed.waitFor("private messages waiting for yoda were not delivered"))
        << hans.printed.dump();
    EXPECT_FALSE(hans.chats->connected("yoda"));
}

TEST(PrivateChatsSetupTest, AGreetingRefusedForTheSessionLimitReportsWhatWaited) {
    ChatSettings one = quickSettings();
    one.maxSessions = 1;
    ChatUser hans("hans", one);
    ChatUser yoda("yoda");
    ChatUser luke("luke");
    ASSERT_TRUE(startPrivate(yoda, hans, "set-17"));
    hans.chats->expect("luke", "set-18");
    EXPECT_EQ(hans.chats->send("luke", "hi luke"), SendResult::Queued);
    luke.chats->connect("hans", loopback(hans.port), "set-18");
    EXPECT_TRUE(luke.printed.waitFor("hans refused (SESSION_LIMIT")) << luke.printed.dump();
    EXPECT_TRUE(hans.printed.waitFor("Error. 1 private message waiting for luke was not delivered"))
        << hans.printed.dump();
}
