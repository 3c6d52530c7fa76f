// The reader thread's routing: replies to the waiting thread, events to the router at once.

#include "client/session/ServerConnection.h"

#include "client/session/FakeTransport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>

using namespace toom;
using namespace toom::client;
using ::testing::ElementsAre;
using toom::client::fakes::FakeTransport;

TEST(ServerConnectionTest, GreetingIsTheFirstReply) {
    FakeTransport server;
    server.greet({"HELLO TOOM/1 profile=toom :hi"});
    EventRouter events;
    ServerConnection connection(server, events);
    connection.start();
    auto greeting = connection.nextReply();
    ASSERT_TRUE(greeting);
    EXPECT_EQ(greeting->final.kind(), LineKind::Hello);
}

TEST(ServerConnectionTest, RepliesAreAssembledAndEventsRoutedBetweenThem) {
    FakeTransport server;
    server.greet({"HELLO TOOM/1 :hi"});
    server.on("ATU", {"EVENT PRESENCE user=luke state=online :luke logged in", "DATA ATU :luke",
                      "DATA ATU :leia", "OK ATU",
                      "EVENT PRESENCE user=leia state=offline :leia "
                      "logged out"});
    EventRouter events;
    std::mutex mutex;
    std::vector<std::string> seen;
    events.otherwise([&](const ServerLine& event) {
        std::lock_guard lock(mutex);
        seen.push_back(event.text());
    });
    ServerConnection connection(server, events);
    connection.start();
    ASSERT_TRUE(connection.nextReply());
    ASSERT_TRUE(connection.send("ATU"));
    auto reply = connection.nextReply();
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->rows.size(), 2u);
    EXPECT_EQ(reply->texts(), (std::vector<std::string>{"luke", "leia"}));
    {
        // The first event preceded the reply on the wire, so it was routed before the reply
        // was queued.
        std::lock_guard lock(mutex);
        ASSERT_FALSE(seen.empty());
        EXPECT_EQ(seen.front(), "luke logged in");
    }
    server.serverClose();
    EXPECT_FALSE(connection.nextReply());
    connection.stop();
    EXPECT_THAT(seen, ElementsAre("luke logged in", "leia logged out"));
}

TEST(ServerConnectionTest, MalformedLinesAreIgnored) {
    FakeTransport server;
    server.greet({"garbage", "OK", "HELLO TOOM/1 :hi"});
    EventRouter events;
    ServerConnection connection(server, events);
    connection.start();
    auto reply = connection.nextReply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->final.kind(), LineKind::Hello);
}

TEST(ServerConnectionTest, CloseIsReportedAfterTheLastReply) {
    FakeTransport server;
    server.greet({"HELLO TOOM/1 :hi"});
    server.on("OUT", {"OK LOGOUT :Bye, yoda!"}, true);
    EventRouter events;
    ServerConnection connection(server, events);
    std::atomic<bool> closed{false};
    connection.onClosed([&] { closed = true; });
    connection.start();
    ASSERT_TRUE(connection.nextReply());
    ASSERT_TRUE(connection.send("OUT"));
    auto bye = connection.nextReply();
    ASSERT_TRUE(bye);
    EXPECT_EQ(bye->verb(), "LOGOUT");
    EXPECT_FALSE(connection.nextReply());
    EXPECT_TRUE(connection.closed());
    connection.stop();
    EXPECT_TRUE(closed);
}

TEST(ServerConnectionTest, AbandonReleasesAWaitingThread) {
    FakeTransport server;
    EventRouter events;
    ServerConnection connection(server, events);
    connection.start();
    std::thread waiter([&] { EXPECT_FALSE(connection.nextReply()); });
    connection.abandon();
    waiter.join();
    connection.stop();
}

TEST(ServerConnectionTest, StopEndsTheReaderEvenIfTheServerStaysSilent) {
    FakeTransport server;
    EventRouter events;
    ServerConnection connection(server, events);
    connection.start();
    connection.stop();
    connection.stop(); // Idempotent.
    EXPECT_FALSE(connection.send("ATU"));
}
