// Usernames over real sockets: unique without regard to case, found in any case, and a name that
// is also a command's registered only after the client confirms it.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

using test::Response;
using test::TestClient;
using test::TestServer;

// Yoda cannot be registered beside yoda: the name leads to yoda's password, and logging in with
// it gives yoda's session under yoda's spelling.
TEST(Username, AnotherCaseOfATakenNameIsTheSameAccount) {
    TestServer server([](ServerOptions& o) { o.settings.selfRegistration = true; });
    TestClient client(server.port());
    Response user = client.request("YODA");
    ASSERT_TRUE(user.ok()) << user.final.format();
    EXPECT_EQ(user.final.field("next"), "password") << "not a new user";
    EXPECT_EQ(user.final.field("user"), "yoda");
    EXPECT_EQ(client.request("not-his").code(), "INVALID_PASSWORD");
    Response in = client.request("wise@!man");
    ASSERT_TRUE(in.ok()) << in.final.format();
    EXPECT_EQ(in.final.field("user"), "yoda");
    TestClient hans(server.port());
    ASSERT_TRUE(hans.login("hans", "falcon*solo").ok());
    Response who = hans.request("WHO");
    std::string listed;
    for (const auto& row : who.rows)
        listed += row.format() + "\n";
    EXPECT_NE(listed.find("yoda"), std::string::npos) << listed;
    EXPECT_EQ(listed.find("YODA"), std::string::npos) << listed;
}

// A message to HANS reaches hans, and hans sees it from the sender's stored spelling.
TEST(Username, AMessageToANameInAnotherCaseReachesTheAccount) {
    TestServer server;
    TestClient yoda(server.port());
    ASSERT_TRUE(yoda.login("yoda", "wise@!man").ok());
    TestClient hans(server.port());
    ASSERT_TRUE(hans.login("hans", "falcon*solo").ok());
    Response sent = yoda.request("PM HANS hello there");
    ASSERT_TRUE(sent.ok()) << sent.final.format();
    EXPECT_EQ(sent.final.field("to"), "hans");
    auto event = hans.waitEvent("MESSAGE");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->field("from"), "yoda");
    EXPECT_EQ(yoda.request("PM YoDa me").code(), "SELF");
}

// HELP as a new username asks first; "n" leaves no account, "y" registers it.
TEST(Username, ACommandNameIsRegisteredOnlyWhenConfirmed) {
    TestServer server([](ServerOptions& o) { o.settings.selfRegistration = true; });
    TestClient client(server.port());
    Response user = client.request("HELP");
    ASSERT_TRUE(user.ok()) << user.final.format();
    EXPECT_EQ(user.final.field("next"), "confirm_name");
    Response no = client.request("n");
    EXPECT_EQ(no.code(), "NOT_CONFIRMED");
    // Still unregistered: asking again asks again; this time confirm.
    ASSERT_EQ(client.request("help").final.field("next"), "confirm_name");
    Response yes = client.request("y");
    ASSERT_TRUE(yes.ok()) << yes.final.format();
    EXPECT_EQ(yes.final.field("next"), "new_password");
    Response in = client.request("pw-of-help");
    ASSERT_TRUE(in.ok()) << in.final.format();
    EXPECT_EQ(in.final.field("user"), "help");
    client.request("OUT");
    client.waitClosed();

    TestClient again(server.port());
    Response back = again.request("HELP");
    EXPECT_EQ(back.final.field("next"), "password") << "registered: no question this time";
    EXPECT_EQ(back.final.field("user"), "help");
    EXPECT_TRUE(again.request("pw-of-help").ok());
}

// One address creates auth.registration_burst accounts, then is told how long to wait; its
// existing accounts still log in.
TEST(Username, SelfRegistrationIsThrottledPerAddress) {
    TestServer server([](ServerOptions& o) {
        o.settings.selfRegistration = true;
        o.registrationBurst = 2;
        o.registrationsPerHour = 1;
    });
    for (const char* name : {"first", "second"}) {
        TestClient client(server.port());
        ASSERT_EQ(client.request(name).final.field("next"), "new_password") << name;
        ASSERT_TRUE(client.request("pw-" + std::string(name)).ok()) << name;
    }
    TestClient third(server.port());
    Response refused = third.request("third");
    EXPECT_EQ(refused.code(), "REGISTRATION_THROTTLED") << refused.final.format();
    EXPECT_GT(refused.final.intField("retry_after").value_or(0), 3000);
    EXPECT_TRUE(third.login("yoda", "wise@!man").ok()) << "the connection stays usable";
    TestClient back(server.port());
    EXPECT_TRUE(back.login("first", "pw-first").ok());
}

} // namespace
} // namespace toom
