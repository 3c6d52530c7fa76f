// Blocking over real sockets, as one policy on every path: private messages, presence notices,
// whoelse / whoelsesince, board pushes. The blocked user is told only when messaging.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

TEST(Block, YodaMessagesObiwanWhileHansHasBlockedYoda) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    TestClient hans(server.port());
    hans.loginAs("hans");
    Response blocked = hans.request("block yoda");
    EXPECT_EQ(blocked.final.text(), "yoda is blocked");

    EXPECT_TRUE(yoda.request("message obiwan hello obiwan").ok());
    auto got = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->field("text"), "hello obiwan");

    Response refused = yoda.request("message hans hello hans");
    EXPECT_EQ(refused.code(), "BLOCKED");
    EXPECT_EQ(refused.final.text(),
              "Your message could not be delivered as the recipient has blocked you");
    EXPECT_FALSE(hans.waitEvent("MESSAGE", 300ms));

    // Hans blocked yoda, so yoda does not see hans; hans still sees yoda.
    EXPECT_EQ(yoda.request("whoelse").column("user"), (std::vector<std::string>{"obiwan"}));
    EXPECT_EQ(yoda.request("whoelsesince 60").column("user"), (std::vector<std::string>{"obiwan"}));
    EXPECT_EQ(hans.request("whoelse").column("user"), (std::vector<std::string>{"yoda", "obiwan"}));

    // Yoda's board posts do not reach hans (hans blocked yoda); hans's own posts still reach
    // yoda (the rule is one-way).
    yoda.request("broadcast from yoda");
    EXPECT_TRUE(obiwan.waitEvent("BOARD"));
    hans.request("broadcast from hans");
    auto board = yoda.waitEvent("BOARD");
    ASSERT_TRUE(board);
    EXPECT_EQ(board->field("user"), "hans");
    obiwan.request("broadcast from obiwan");
    auto hansBoard = hans.waitEvent("BOARD");
    ASSERT_TRUE(hansBoard);
    EXPECT_EQ(hansBoard->field("user"), "obiwan") << "yoda's post reached hans, who blocked yoda";
}

TEST(Block, BoardPostsSkipBlockersAndTheSenderIsTold) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(hans.request("block yoda").ok()); // Hans wants nothing from yoda.
    Response sent = yoda.request("broadcast hello all");
    EXPECT_EQ(sent.final.field("blocked"), "1");
    EXPECT_EQ(sent.final.text(), "Your message could not be delivered to some recipients");
    EXPECT_TRUE(luke.waitEvent("BOARD"));
    EXPECT_FALSE(hans.waitEvent("BOARD", 300ms));
}

TEST(Block, NoPresenceNoticesAboutTheBlocker) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(yoda.request("MONITOR + hans").ok()); // Following hans does not beat a block.
    {
        TestClient hans(server.port());
        hans.loginAs("hans");
        ASSERT_TRUE(yoda.waitEvent("PRESENCE")); // Not blocked yet.
        hans.request("block yoda");
        hans.request("logout");
        hans.waitClosed();
    }
    EXPECT_FALSE(yoda.waitEvent("PRESENCE", 300ms)) << "yoda was told hans logged out";
    TestClient hansAgain(server.port());
    hansAgain.loginAs("hans");
    EXPECT_FALSE(yoda.waitEvent("PRESENCE", 300ms)) << "yoda was told hans logged in";
}

TEST(Block, UnblockUndoesEveryEffect) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    hans.request("block yoda");
    EXPECT_EQ(yoda.request("message hans hi").code(), "BLOCKED");
    Response unblocked = hans.request("unblock yoda");
    EXPECT_EQ(unblocked.final.text(), "yoda is unblocked");
    EXPECT_TRUE(yoda.request("message hans hi").ok());
    EXPECT_TRUE(hans.waitEvent("MESSAGE"));
    EXPECT_EQ(yoda.request("whoelse").column("user"), (std::vector<std::string>{"hans"}));
}

TEST(Block, ErrorsAndListing) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("block yoda").final.text(), "Error. Cannot block self");
    EXPECT_EQ(yoda.request("block nobody").code(), "UNKNOWN_USER");
    Response notBlocked = yoda.request("unblock hans");
    EXPECT_EQ(notBlocked.code(), "NOT_BLOCKED");
    EXPECT_EQ(notBlocked.final.text(), "Error. hans was not blocked");
    EXPECT_TRUE(yoda.request("block vader").ok()); // Offline users can be blocked.
    EXPECT_TRUE(yoda.request("block hans").ok());
    EXPECT_EQ(yoda.request("BLOCKS").column("user"), (std::vector<std::string>{"hans", "vader"}));
}

TEST(Block, BlocksAreDurable) {
    TestServer server;
    {
        TestClient hans(server.port());
        hans.loginAs("hans");
        hans.request("block yoda");
    }
    server.restart();
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("message hans still?").code(), "BLOCKED");
}

} // namespace
} // namespace toom::test
