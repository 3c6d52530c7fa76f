// The seeds' sample interactions (SEED-SPECS.md section 9) that touch login, presence, the
// board, private messages and blocks, replayed with several real clients on one server.

#include "support/ManualClock.h"
#include "support/SeedTimes.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

// A, sample 1: whoelse, then an invalid command.
TEST(SeedA, WhoElseAndInvalidCommand) {
    TestServer server(profile("messaging"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    TestClient luke(server.port());
    luke.loginAs("luke");
    Response whoelse = yoda.request("whoelse");
    EXPECT_EQ(whoelse.column("user"), (std::vector<std::string>{"hans", "luke"}));
    Response invalid = yoda.request("whatsthetime");
    EXPECT_EQ(invalid.final.text(), "Error. Invalid command");
}

// A, sample 2: message to a valid user, then to an invalid one.
TEST(SeedA, MessageValidAndInvalidUser) {
    TestServer server(profile("messaging"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    EXPECT_TRUE(yoda.request("message hans Hey hans").ok());
    EXPECT_EQ(hans.waitEvent("MESSAGE")->text(), "yoda: Hey hans");
    EXPECT_EQ(yoda.request("message nosuchuser hi").final.text(), "Error. Invalid user");
}

// A, sample 3: broadcast reaches everyone online except the sender.
TEST(SeedA, Broadcast) {
    TestServer server(profile("messaging"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    TestClient luke(server.port());
    luke.loginAs("luke");
    EXPECT_TRUE(yoda.request("broadcast I am the master").ok());
    EXPECT_EQ(hans.waitEvent("BOARD")->text(), "yoda: I am the master");
    EXPECT_EQ(luke.waitEvent("BOARD")->text(), "yoda: I am the master");
}

// A, sample 4: block and unblock, and their effects.
TEST(SeedA, BlockAndUnblock) {
    TestServer server(profile("messaging"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient hans(server.port());
    hans.loginAs("hans");
    TestClient luke(server.port());
    luke.loginAs("luke");
    EXPECT_EQ(yoda.request("block hans").final.text(), "hans is blocked");
    EXPECT_EQ(hans.request("message yoda hi").final.text(),
              "Your message could not be delivered as the recipient has blocked you");
    // One-way: yoda's own broadcast still reaches hans; hans's does not reach yoda.
    EXPECT_EQ(yoda.request("broadcast hello").final.text(), "");
    EXPECT_EQ(hans.request("broadcast hello yoda").final.text(),
              "Your message could not be delivered to some recipients");
    EXPECT_EQ(hans.request("whoelse").column("user"), (std::vector<std::string>{"luke"}));
    EXPECT_EQ(yoda.request("unblock hans").final.text(), "hans is unblocked");
    EXPECT_EQ(yoda.request("unblock hans").final.text(), "Error. hans was not blocked");
    EXPECT_TRUE(hans.request("message yoda hi again").ok());
}

// A, sample 5: whoelsesince 200 and 500, with users who have logged out since.
TEST(SeedA, WhoElseSinceWithOfflineUsers) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server(profile("messaging"), clock);
    {
        TestClient hans(server.port());
        hans.loginAs("hans");
        hans.request("logout");
        hans.waitClosed();
    }
    clock->advanceSeconds(300);
    {
        TestClient luke(server.port());
        luke.loginAs("luke");
        luke.request("logout");
        luke.waitClosed();
    }
    clock->advanceSeconds(50);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("whoelsesince 200").column("user"), (std::vector<std::string>{"luke"}));
    EXPECT_EQ(yoda.request("whoelsesince 500").column("user"),
              (std::vector<std::string>{"hans", "luke"}));
}

// A, sample 6: a message to an offline user is delivered when they log in, and online users
// see the login and logout notices.
TEST(SeedA, OfflineMessageDeliveredAtLoginWithNotices) {
    TestServer server(profile("messaging"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_TRUE(yoda.request("message luke Use the force").ok());
    TestClient luke(server.port());
    luke.loginAs("luke");
    EXPECT_EQ(yoda.waitEvent("PRESENCE")->text(), "luke logged in");
    auto got = luke.waitEvent("MESSAGE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->text(), "yoda: Use the force");
    luke.request("logout");
    EXPECT_EQ(yoda.waitEvent("PRESENCE")->text(), "luke logged out");
}

// B, example 1: MSG, an invalid command, RDM, OUT.
TEST(SeedB, PostInvalidReadLogout) {
    auto clock = std::make_shared<ManualClock>(Poco::Timestamp::fromEpochTime(1614092401));
    TestServer server(profile("toom"), clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    Response posted = yoda.request("MSG Hello");
    EXPECT_EQ(posted.final.text(), "Message #1 posted at " + seedTime(posted.final) + ".");
    EXPECT_EQ(obiwan.request("Whatsthedate").final.text(), "Error. Invalid command!");
    clock->advanceSeconds(60);
    Response read = obiwan.request("RDM 23 Feb 2021 15:00:00");
    ASSERT_EQ(read.rows.size(), 1u);
    EXPECT_EQ(read.rows[0].text(), "#1; yoda: \"Hello\" posted at " + seedTime(posted.final) + ".");
    EXPECT_EQ(obiwan.request("OUT").final.text(), "Bye, obiwan!");
}

// B, example 2: three posts, an edit, ATU, a delete that renumbers, RDM after a time, and an
// unauthorised edit.
TEST(SeedB, EditDeleteRenumberAndUnauthorisedEdit) {
    auto clock = std::make_shared<ManualClock>(Poco::Timestamp::fromEpochTime(1614092401));
    TestServer server(profile("toom"), clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda", 6666);
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan", 7777);

    std::vector<std::string> times;
    times.push_back(seedTime(obiwan.request("MSG Hello World").final));
    clock->advanceSeconds(10);
    times.push_back(seedTime(yoda.request("MSG Computer Network").final));
    clock->advanceSeconds(10);
    times.push_back(seedTime(obiwan.request("MSG Database Rocks").final));
    clock->advanceSeconds(10);

    Response edited = yoda.request("EDT #2 " + times[1] + " Computer Network Rocks");
    EXPECT_EQ(edited.final.text(), "Message #2 edited at " + seedTime(edited.final) + ".");
    Response atu = obiwan.request("ATU");
    ASSERT_EQ(atu.rows.size(), 1u);
    EXPECT_EQ(atu.rows[0].text().rfind("yoda, 127.0.0.1, 6666, active since ", 0), 0u);

    clock->advanceSeconds(10);
    EXPECT_TRUE(obiwan.request("DLT #1 " + times[0]).ok());
    Response read = yoda.request("RDM " + times[0]);
    EXPECT_EQ(read.column("n"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(read.column("text"),
              (std::vector<std::string>{"Computer Network Rocks", "Database Rocks"}));
    EXPECT_EQ(read.rows[0].field("edited"), "1");

    Response unauthorised = yoda.request("EDT #2 " + times[2] + " Databases are boring");
    EXPECT_EQ(unauthorised.code(), "FORBIDDEN");
    EXPECT_EQ(unauthorised.final.text(), "Unauthorised to edit Message #2.");
}

} // namespace
} // namespace toom::test
