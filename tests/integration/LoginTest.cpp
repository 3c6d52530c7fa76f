// Login over real sockets: passwords, lockout and its expiry, one session per user,
// self-registration, and the profile's greeting.

#include "support/Files.h"
#include "support/ManualClock.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace toom::test {
namespace {

TEST(Login, GreetingNamesProtocolAndProfile) {
    TestServer server([](ServerOptions& o) {
        o.settings = ServerSettings::fromProfile(*findProfile("tessenger"));
    });
    TestClient client(server.port());
    EXPECT_EQ(client.greeting().kind(), LineKind::Hello);
    EXPECT_EQ(client.greeting().verb(), "TOOM/1");
    EXPECT_EQ(client.greeting().field("profile"), "tessenger");
    EXPECT_EQ(client.greeting().field("max_line"), "4096");
}

TEST(Login, CorrectPasswordWelcomesWithProfileText) {
    TestServer server(
        [](ServerOptions& o) { o.settings = ServerSettings::fromProfile(*findProfile("toom")); });
    TestClient client(server.port());
    Response user = client.request("yoda");
    ASSERT_TRUE(user.ok());
    EXPECT_EQ(user.final.field("next"), "password");
    Response pass = client.request("wise@!man");
    ASSERT_TRUE(pass.ok()) << pass.final.format();
    EXPECT_EQ(pass.final.text(), "Welcome to TOOM!");
    EXPECT_EQ(pass.final.field("user"), "yoda");
}

TEST(Login, WrongPasswordRepromptsThenSucceeds) {
    TestServer server;
    TestClient client(server.port());
    ASSERT_TRUE(client.request("yoda").ok());
    Response wrong = client.request("wrong");
    EXPECT_EQ(wrong.code(), "INVALID_PASSWORD");
    EXPECT_EQ(wrong.final.text(), "Invalid Password. Please try again");
    EXPECT_EQ(wrong.final.field("attempts_left"), "2");
    EXPECT_TRUE(client.request("wise@!man").ok());
}

TEST(Login, LockoutAfterNFailuresAcrossConnectionsAndExpiry) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server(
        [](ServerOptions& o) {
            o.settings.maxLoginAttempts = 3;
            o.settings.lockSeconds = 10;
        },
        clock);
    {
        // Two failures on one connection, the third on another: counted per username.
        TestClient first(server.port());
        ASSERT_TRUE(first.request("yoda").ok());
        EXPECT_EQ(first.request("bad1").code(), "INVALID_PASSWORD");
        EXPECT_EQ(first.request("bad2").code(), "INVALID_PASSWORD");
    }
    TestClient second(server.port());
    ASSERT_TRUE(second.request("yoda").ok());
    Response locked = second.request("bad3");
    EXPECT_EQ(locked.code(), "TOO_MANY_ATTEMPTS");
    EXPECT_EQ(locked.final.text(),
              "Invalid Password. Your account has been blocked. Please try again later");

    // While locked, even the right password from a new connection is refused at the username.
    TestClient third(server.port());
    Response refused = third.request("yoda");
    EXPECT_EQ(refused.code(), "ACCOUNT_LOCKED");
    EXPECT_EQ(refused.final.text(),
              "Your account is blocked due to multiple login failures. Please try again later");

    // Other users are not affected.
    TestClient other(server.port());
    other.loginAs("obiwan");

    clock->advanceSeconds(9);
    EXPECT_EQ(TestClient(server.port()).request("yoda").code(), "ACCOUNT_LOCKED");
    clock->advanceSeconds(1);
    TestClient after(server.port());
    EXPECT_TRUE(after.login("yoda", "wise@!man").ok());
}

TEST(Login, SecondSessionOfOnlineUserIsRefusedAndMayTryAnotherName) {
    TestServer server;
    TestClient first(server.port());
    first.loginAs("yoda");
    TestClient second(server.port());
    Response dup = second.request("yoda");
    EXPECT_EQ(dup.code(), "ALREADY_ONLINE");
    // The same connection can go on with another name.
    EXPECT_TRUE(second.login("obiwan", "(jedimaster)").ok());
    // After yoda logs out, yoda may log in again.
    EXPECT_TRUE(first.request("logout").ok());
    ASSERT_TRUE(first.waitClosed());
    TestClient third(server.port());
    EXPECT_TRUE(third.login("yoda", "wise@!man").ok());
}

// A self-registered password never lands on disk in plain text: the account is in the store
// (mode 0600, hashed), and credentials.txt is left as the administrator wrote it.
TEST(Login, SelfRegistrationCreatesAnAccountButWritesNoPassword) {
    TestServer server([](ServerOptions& o) { o.settings.selfRegistration = true; });
    const std::string before = readFile(server.credentialsPath());
    {
        TestClient client(server.port());
        Response user = client.request("newbie");
        ASSERT_TRUE(user.ok());
        EXPECT_EQ(user.final.field("next"), "new_password");
        EXPECT_EQ(client.request("has space").code(), "UNUSABLE_PASSWORD");
        Response created = client.request("s3cret!");
        ASSERT_TRUE(created.ok()) << created.final.format();
        client.request("OUT");
        client.waitClosed();
    }
    EXPECT_EQ(readFile(server.credentialsPath()), before);
    EXPECT_EQ(fileMode(server.dir() + "/toom.db"), 0600);

    TestClient again(server.port());
    Response user = again.request("newbie");
    EXPECT_EQ(user.final.field("next"), "password");
    EXPECT_EQ(again.request("wrong").code(), "INVALID_PASSWORD");
    EXPECT_TRUE(again.request("s3cret!").ok());
}

// Variant A's rule, when asked for (its positional form does): the new user's line is appended.
TEST(Login, RegistrationsAreAppendedToCredentialsWhenAskedFor) {
    TestServer server([](ServerOptions& o) {
        o.settings.selfRegistration = true;
        o.saveRegistrationsToCredentials = true;
    });
    TestClient client(server.port());
    ASSERT_EQ(client.request("newbie").final.field("next"), "new_password");
    ASSERT_TRUE(client.request("s3cret!").ok());
    EXPECT_NE(readFile(server.credentialsPath()).find("\nnewbie s3cret!\n"), std::string::npos)
        << readFile(server.credentialsPath());
}

TEST(Login, UnknownUserWithoutRegistrationFailsLikeAWrongPassword) {
    TestServer server([](ServerOptions& o) { o.settings.selfRegistration = false; });
    TestClient client(server.port());
    Response user = client.request("nobody");
    ASSERT_TRUE(user.ok());
    EXPECT_EQ(user.final.field("next"), "password");
    EXPECT_EQ(client.request("whatever").code(), "INVALID_PASSWORD");
}

TEST(Login, CommandsBeforeLoginAreRefused) {
    TestServer server;
    TestClient client(server.port());
    EXPECT_EQ(client.request("ATU now").code(), "LOGIN_REQUIRED");
    EXPECT_EQ(client.request("hello there").code(), "INVALID_USERNAME");
    EXPECT_TRUE(client.request("UDPPORT 9000").ok());
    EXPECT_TRUE(client.login("yoda", "wise@!man").ok());
}

// A name that disguises itself (U+202E turns "yoda\u202Egnp.exe" into "yodaexe.png" on screen)
// is refused with a clear error at the username step, and the connection stays usable.
TEST(Login, NamesWithBidiOrInvisibleCharactersCannotRegister) {
    TestServer server([](ServerOptions& o) { o.settings.selfRegistration = true; });
    TestClient client(server.port());
    for (const char* name : {"yoda\u202Egnp.exe", "yo\u200Bda", "yo\u00A0da"}) {
        Response reply = client.request(name);
        EXPECT_EQ(reply.code(), "INVALID_USERNAME") << name;
    }
    EXPECT_TRUE(client.login("yoda", "wise@!man").ok());
}

TEST(Login, AccountsSurviveRestart) {
    TestServer server([](ServerOptions& o) { o.settings.selfRegistration = true; });
    {
        TestClient client(server.port());
        ASSERT_TRUE(client.login("persisted", "pw1").ok());
    }
    // Remove the user from the credentials file: the account lives in the store.
    std::ofstream(server.credentialsPath(), std::ios::trunc) << "yoda wise@!man\n";
    server.restart();
    TestClient client(server.port());
    EXPECT_TRUE(client.login("persisted", "pw1").ok());
}

} // namespace
} // namespace toom::test
