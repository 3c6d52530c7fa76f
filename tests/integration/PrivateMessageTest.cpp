// Private messages over real sockets: live delivery, offline delivery in order at the next
// login with original times, the bounded offline queue, and the errors.

#include "support/ManualClock.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

#include <fstream>

namespace toom::test {
namespace {

// Variant A's `message` is silent in its own profile, as its samples are; in the default
// profile it confirms like PM and /msgto.
TEST(PrivateMessage, TheMessageAliasConfirmsOutsideVariantAsProfile) {
    for (const char* profile : {"toom-default", "messaging"}) {
        TestServer server([profile](ServerOptions& o) {
            o.settings = ServerSettings::fromProfile(*findProfile(profile));
        });
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        TestClient obiwan(server.port());
        obiwan.loginAs("obiwan");
        Response sent = yoda.request("message obiwan hi");
        ASSERT_TRUE(sent.ok()) << sent.final.format();
        if (std::string(profile) == "messaging")
            EXPECT_EQ(sent.final.text(), "") << profile;
        else
            EXPECT_EQ(sent.final.text().rfind("message sent at ", 0), 0u) << sent.final.format();
    }
}

TEST(PrivateMessage, OnlineRecipientGetsItAtOnce) {
    TestServer server([](ServerOptions& o) {
        o.settings = ServerSettings::fromProfile(*findProfile("tessenger"));
    });
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    Response sent = yoda.request("/msgto obiwan hello  there");
    ASSERT_TRUE(sent.ok()) << sent.final.format();
    EXPECT_EQ(sent.final.field("delivered"), "1");
    EXPECT_EQ(sent.final.text().rfind("message sent at ", 0), 0u);
    auto got = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->field("from"), "yoda");
    EXPECT_EQ(got->field("text"), "hello  there");
    EXPECT_EQ(got->field("offline"), "0");
    EXPECT_NE(got->text().find(", yoda: hello  there"), std::string::npos) << got->text();

    // Variant D logs private messages as "n; ts; receiver; text".
    std::ifstream log(server.file("messagelog.txt"));
    std::string line;
    ASSERT_TRUE(std::getline(log, line));
    EXPECT_EQ(line.rfind("1; ", 0), 0u);
    EXPECT_NE(line.find("; obiwan; hello  there"), std::string::npos) << line;
}

TEST(PrivateMessage, MessagingProfileShowsPlainSenderColonText) {
    TestServer server([](ServerOptions& o) {
        o.settings = ServerSettings::fromProfile(*findProfile("messaging"));
    });
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    EXPECT_TRUE(yoda.request("message obiwan hi").ok());
    auto got = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->text(), "yoda: hi");
}

TEST(PrivateMessage, OfflineMessagesArriveInOrderAtNextLogin) {
    auto clock = std::make_shared<ManualClock>(Poco::Timestamp::fromEpochTime(1685595601));
    TestServer server({}, clock);
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    for (const char* text : {"first", "second", "third"}) {
        Response r = yoda.request(std::string("message obiwan ") + text);
        ASSERT_TRUE(r.ok()) << r.final.format();
        EXPECT_EQ(r.final.field("delivered"), "0");
        clock->advanceSeconds(60);
    }
    TestClient obiwan(server.port());
    Response welcome = obiwan.login("obiwan", "(jedimaster)");
    ASSERT_TRUE(welcome.ok());
    std::vector<std::string> texts, times;
    for (int i = 0; i < 3; ++i) {
        auto got = obiwan.waitEvent("MESSAGE");
        ASSERT_TRUE(got) << i;
        EXPECT_EQ(got->field("offline"), "1");
        texts.push_back(*got->field("text"));
        times.push_back(*got->field("ts"));
    }
    EXPECT_EQ(texts, (std::vector<std::string>{"first", "second", "third"}));
    EXPECT_LT(times[0], times[1]); // Original times, one minute apart.
    EXPECT_LT(times[1], times[2]);

    // Delivered once only.
    obiwan.request("OUT");
    obiwan.waitClosed();
    TestClient again(server.port());
    again.loginAs("obiwan");
    EXPECT_FALSE(again.waitEvent("MESSAGE", 300ms));
}

TEST(PrivateMessage, OfflineMessagesSurviveRestart) {
    TestServer server;
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        ASSERT_TRUE(yoda.request("PM gandalf kept across restarts").ok());
    }
    server.restart();
    TestClient gandalf(server.port());
    gandalf.loginAs("gandalf");
    auto got = gandalf.waitEvent("MESSAGE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->field("text"), "kept across restarts");
}

TEST(PrivateMessage, FullOfflineQueueRefusesInsteadOfDropping) {
    TestServer server([](ServerOptions& o) { o.settings.maxOfflineMessages = 2; });
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_TRUE(yoda.request("PM luke one").ok());
    EXPECT_TRUE(yoda.request("PM luke two").ok());
    EXPECT_EQ(yoda.request("PM luke three").code(), "QUEUE_FULL");
    TestClient luke(server.port());
    luke.loginAs("luke");
    EXPECT_TRUE(luke.waitEvent("MESSAGE"));
    EXPECT_TRUE(luke.waitEvent("MESSAGE"));
    EXPECT_FALSE(luke.waitEvent("MESSAGE", 300ms));
    EXPECT_TRUE(yoda.request("PM luke three").ok()); // Online now: delivered.
}

TEST(PrivateMessage, ErrorsForUnknownUserSelfAndBlocked) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    Response unknown = yoda.request("message nobody hi");
    EXPECT_EQ(unknown.code(), "UNKNOWN_USER");
    EXPECT_EQ(unknown.final.text(), "Error. Invalid user");
    EXPECT_EQ(yoda.request("message yoda hi").code(), "SELF");
    EXPECT_EQ(yoda.request("message obiwan").code(), "BAD_ARGUMENTS");
}

} // namespace
} // namespace toom::test
