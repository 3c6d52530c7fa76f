// Login over real sockets: passwords, lockout and its expiry (per username in the seed profiles,
// per username and address with a slow-down in toom-default), no presence leak before the
// password, taking a session over (toom-default) or refusing a second one (the seeds),
// self-registration, and the profile's greeting.

#include "support/Files.h"
#include "support/ManualClock.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

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

TEST(Login, SeedLockoutHoldsAcrossConnectionsAndExpires) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server(
        [](ServerOptions& o) {
            o.settings = ServerSettings::fromProfile(*findProfile("toom"));
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

// The seeds' specs want the lock to hold "even from another IP": it still does in their profiles.
TEST(Login, SeedLockHoldsAgainstTheOwnerFromAnotherAddress) {
    TestServer server(profile("toom"));
    TestClient stranger(server.port(), "127.0.0.2");
    ASSERT_TRUE(stranger.request("yoda").ok());
    EXPECT_EQ(stranger.request("guess1").code(), "INVALID_PASSWORD");
    EXPECT_EQ(stranger.request("guess2").code(), "INVALID_PASSWORD");
    EXPECT_EQ(stranger.request("guess3").code(), "TOO_MANY_ATTEMPTS");
    TestClient owner(server.port(), "127.0.0.1");
    EXPECT_EQ(owner.request("yoda").code(), "ACCOUNT_LOCKED");
}

// The default profile's lock holds the username from one address: a stranger who keeps guessing
// (ten times here, as fast as the locks allow) locks only themselves out.
TEST(Login, AStrangersFailuresDoNotLockTheOwnerOut) {
    auto clock = std::make_shared<ManualClock>();
    TestServer server(
        [](ServerOptions& o) {
            o.settings.maxLoginAttempts = 3;
            o.settings.lockSeconds = 10;
            o.settings.slowDelayMs = 20; // The slow-down is shown below; keep this one quick.
            o.settings.slowMaxDelayMs = 20;
        },
        clock);
    TestClient stranger(server.port(), "127.0.0.2");
    int failures = 0;
    while (failures < 10) {
        Response user = stranger.request("yoda");
        if (user.code() == "ACCOUNT_LOCKED") {
            EXPECT_EQ(user.final.text(), "Logins to this account from your address are blocked "
                                         "due to multiple login failures. Please try again later");
            // Meanwhile, the owner logs in from their own address, and out again.
            TestClient owner(server.port(), "127.0.0.1");
            Response welcome = owner.login("yoda", "wise@!man");
            ASSERT_TRUE(welcome.ok()) << welcome.final.format();
            ASSERT_TRUE(owner.request("OUT").ok());
            ASSERT_TRUE(owner.waitClosed());
            clock->advanceSeconds(10);
            continue;
        }
        ASSERT_TRUE(user.ok()) << user.final.format();
        for (;;) {
            Response pass = stranger.request("guess" + std::to_string(failures));
            ++failures;
            if (pass.code() == "TOO_MANY_ATTEMPTS")
                break;
            ASSERT_EQ(pass.code(), "INVALID_PASSWORD") << pass.final.format();
            if (failures == 10)
                break;
        }
    }
    TestClient owner(server.port(), "127.0.0.1");
    EXPECT_TRUE(owner.login("yoda", "wise@!man").ok());
}

using SteadyClock = std::chrono::steady_clock;

std::chrono::milliseconds elapsedSince(SteadyClock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
}

// Failures from many addresses add up to a slow-down of the username's password answers, for
// every address, the owner's too; the owner still gets in. The held answer holds up nobody else.
TEST(Login, FailuresFromManyAddressesSlowTheNameDownButDoNotLockIt) {
    constexpr auto kDelay = std::chrono::milliseconds(1500);
    TestServer server([&](ServerOptions& o) {
        o.settings.maxLoginAttempts = 3;
        o.settings.slowAfterFailures = 4;
        o.settings.slowDelayMs = static_cast<int>(kDelay.count());
        o.settings.slowMaxDelayMs = static_cast<int>(kDelay.count());
        o.settings.slowForgetSeconds = 3600;
    });
    for (const char* address : {"127.0.0.2", "127.0.0.3"}) {
        TestClient stranger(server.port(), address);
        ASSERT_TRUE(stranger.request("yoda").ok());
        EXPECT_EQ(stranger.request("guess1").code(), "INVALID_PASSWORD");
        EXPECT_EQ(stranger.request("guess2").code(), "INVALID_PASSWORD");
    }
    TestClient owner(server.port(), "127.0.0.1");
    ASSERT_TRUE(owner.request("yoda").ok());
    const auto start = SteadyClock::now();
    owner.send("wise@!man");

    // While yoda's answer is held, another user logs in at once.
    TestClient luke(server.port());
    const auto lukeStart = SteadyClock::now();
    ASSERT_TRUE(luke.login("luke", "light==saber").ok());
    EXPECT_LT(elapsedSince(lukeStart), kDelay);

    Response welcome = owner.readResponse();
    EXPECT_TRUE(welcome.ok()) << welcome.final.format();
    EXPECT_GE(elapsedSince(start), kDelay - std::chrono::milliseconds(50));
}

// A held answer holds no thread: the server still stops at once, and the waiting client is told.
TEST(Login, AHeldAnswerDoesNotHoldUpTheShutdown) {
    TestServer server([](ServerOptions& o) {
        o.settings.slowAfterFailures = 2;
        o.settings.slowDelayMs = 20000;
        o.settings.slowMaxDelayMs = 20000;
        o.settings.slowForgetSeconds = 3600;
    });
    TestClient stranger(server.port(), "127.0.0.2");
    ASSERT_TRUE(stranger.request("yoda").ok());
    EXPECT_EQ(stranger.request("guess1").code(), "INVALID_PASSWORD");
    EXPECT_EQ(stranger.request("guess2").code(), "INVALID_PASSWORD");
    TestClient owner(server.port(), "127.0.0.1");
    ASSERT_TRUE(owner.request("yoda").ok());
    owner.send("wise@!man");
    // A round trip on another connection shows the server has the line (and holds it).
    TestClient luke(server.port());
    luke.loginAs("luke");

    const auto start = SteadyClock::now();
    server.stop();
    EXPECT_LT(elapsedSince(start), std::chrono::milliseconds(5000));
    // The password was never answered: the next line is the shutdown notice.
    auto line = owner.readLine(std::chrono::milliseconds(5000));
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->rfind("EVENT SHUTDOWN", 0), 0u) << *line;
    EXPECT_TRUE(owner.waitClosed());
}

// Whether a user is online shows only after their correct password: the username step answers
// the same for an online user as for an offline one, in every profile.
TEST(Login, TheUsernameStepAnswersTheSameWhetherTheUserIsOnlineOrNot) {
    for (const char* name : {"toom-default", "messaging", "toom", "tessenger"}) {
        SCOPED_TRACE(name);
        TestServer server(profile(name));
        const std::string offline = TestClient(server.port()).request("yoda").final.format();
        TestClient first(server.port());
        first.loginAs("yoda");
        TestClient second(server.port());
        EXPECT_EQ(second.request("yoda").final.format(), offline);
    }
}

// The seeds refuse a second session, but only once the password is right; the connection may go
// on with another name, and the first session is untouched.
TEST(Login, SeedProfilesRefuseASecondSessionAfterTheCorrectPassword) {
    for (const char* name : {"messaging", "toom"}) {
        SCOPED_TRACE(name);
        TestServer server(profile(name));
        TestClient first(server.port());
        first.loginAs("yoda");
        TestClient second(server.port(), "127.0.0.2");
        ASSERT_TRUE(second.request("yoda").ok());
        EXPECT_EQ(second.request("not-it").code(), "INVALID_PASSWORD");
        Response dup = second.request("wise@!man");
        EXPECT_EQ(dup.final.verb(), "PASS");
        EXPECT_EQ(dup.code(), "ALREADY_ONLINE");
        // The same connection can go on with another name.
        EXPECT_TRUE(second.login("obiwan", "(jedimaster)").ok());
        // The first session is still yoda's.
        Response who = first.request("WHO");
        ASSERT_TRUE(who.ok());
        ASSERT_EQ(who.column("user"), std::vector<std::string>{"obiwan"});
        EXPECT_EQ(who.rows[0].field("address"), "127.0.0.2");
        // After yoda logs out, yoda may log in again.
        EXPECT_TRUE(first.request("logout").ok());
        ASSERT_TRUE(first.waitClosed());
        TestClient third(server.port());
        EXPECT_TRUE(third.login("yoda", "wise@!man").ok());
    }
}

// A session left behind does not lock its owner out: in toom-default the correct password takes
// it over. The old connection is told and closed, the new one is yoda's, and for everyone else
// yoda simply stayed online (no logout and login notices).
TEST(Login, TheCorrectPasswordTakesAnOnlineSessionOver) {
    TestServer server;
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(luke.request("MONITOR + yoda").ok());
    TestClient old(server.port(), "127.0.0.1");
    old.loginAs("yoda", 8001);
    ASSERT_TRUE(luke.waitEvent("PRESENCE").has_value()); // "yoda logged in"

    TestClient fresh(server.port(), "127.0.0.2");
    ASSERT_TRUE(fresh.request("yoda").ok());
    EXPECT_EQ(fresh.request("wrong").code(), "INVALID_PASSWORD"); // Takes nothing over.
    Response welcome = fresh.request("wise@!man");
    ASSERT_TRUE(welcome.ok()) << welcome.final.format();
    EXPECT_EQ(welcome.final.field("user"), "yoda");

    auto notice = old.waitEvent("CLOSING");
    ASSERT_TRUE(notice.has_value());
    EXPECT_EQ(notice->field("reason"), "takeover");
    EXPECT_EQ(notice->text(), "You have logged in from another connection; this one is closed");
    EXPECT_TRUE(old.waitClosed());

    // yoda is online once, from the new address, and reachable there.
    Response who = luke.request("WHO");
    ASSERT_TRUE(who.ok());
    ASSERT_EQ(who.column("user"), std::vector<std::string>{"yoda"});
    EXPECT_EQ(who.rows[0].field("address"), "127.0.0.2");
    ASSERT_TRUE(luke.request("PM yoda still here?").ok());
    auto message = fresh.waitEvent("MESSAGE");
    ASSERT_TRUE(message.has_value());
    EXPECT_EQ(message->field("from"), "luke");
    // Nothing about yoda reached luke: the WHO and PM round trips above came after the takeover
    // and after the old connection closed.
    EXPECT_FALSE(luke.nextEvent(std::chrono::milliseconds(0)).has_value());
    server.server().flushLogs();
    const std::string userlog = readFile(server.file("userlog.txt"));
    EXPECT_EQ(std::count(userlog.begin(), userlog.end(), '\n'), 2) << userlog; // luke, yoda
    EXPECT_NE(userlog.find("; yoda; 127.0.0.2; "), std::string::npos) << userlog;

    // The new session ends like any other: one logout notice.
    ASSERT_TRUE(fresh.request("OUT").ok());
    ASSERT_TRUE(fresh.waitClosed());
    auto left = luke.waitEvent("PRESENCE");
    ASSERT_TRUE(left.has_value());
    EXPECT_EQ(left->field("state"), "offline");
    EXPECT_TRUE(luke.request("WHO").rows.empty());
    EXPECT_FALSE(luke.nextEvent(std::chrono::milliseconds(0)).has_value());
}

// The old connection may be stuck (its client stopped reading): the new one does not wait for it.
TEST(Login, TakeoverDoesNotWaitForAStuckConnection) {
    TestServer server;
    TestClient old(server.port(), 4096);
    old.loginAs("yoda");
    TestClient fresh(server.port(), "127.0.0.2");
    EXPECT_TRUE(fresh.login("yoda", "wise@!man").ok());
    EXPECT_TRUE(fresh.request("WHO").ok());
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

// Login steps run on worker threads. A script that sends its name and password and hangs up at
// once still gets every answer before the connection closes.
TEST(Login, AScriptThatLogsInAndHangsUpStillHearsTheWelcome) {
    TestServer server;
    TestClient client(server.port());
    client.sendRaw("yoda\nwise@!man\nWHO\n");
    client.socket().shutdownSend();
    Response user = client.readResponse();
    EXPECT_TRUE(user.ok()) << user.final.format();
    Response pass = client.readResponse();
    EXPECT_TRUE(pass.ok()) << pass.final.format();
    EXPECT_EQ(pass.final.field("user"), "yoda");
    Response who = client.readResponse();
    EXPECT_TRUE(who.ok()) << who.final.format();
    EXPECT_TRUE(client.waitClosed());
}

// A connection reset while its password is being hashed (a worker thread owns the login then)
// must not leave its user online with nobody to log them out.
TEST(Login, AConnectionResetDuringTheHashLeavesNobodyOnline) {
    TestServer server([](ServerOptions& o) {
        o.settings.selfRegistration = true;
        o.pbkdf2Iterations = 200000; // Long enough for the reset to come first.
    });
    {
        TestClient vanishing(server.port());
        Response user = vanishing.request("ghost");
        ASSERT_EQ(user.final.field("next"), "new_password") << user.final.format();
        vanishing.send("boo!pw");
        // A reset discards what the server has not read yet: give it a moment to read the
        // line (the hash takes far longer), then reset.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        vanishing.socket().setLinger(true, 0);
        vanishing.socket().close();
    }
    TestClient watcher(server.port());
    watcher.loginAs("yoda");
    // The account appears once the worker has registered it; the login it made must be gone
    // by then or shortly after.
    const auto deadline = SteadyClock::now() + std::chrono::seconds(20);
    bool registered = false;
    while (!registered && SteadyClock::now() < deadline) {
        TestClient probe(server.port());
        registered = probe.request("ghost").final.field("next") == "password";
        if (!registered)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(registered);
    bool online = true;
    while (online && SteadyClock::now() < deadline) {
        const auto names = watcher.request("whoelse").column("user");
        online = std::find(names.begin(), names.end(), "ghost") != names.end();
        if (online)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_FALSE(online);
    // And ghost can log in (no stale session in the way, in every profile's rule).
    TestClient again(server.port());
    EXPECT_TRUE(again.login("ghost", "boo!pw").ok());
}

// A password being hashed occupies a worker, not an event loop: users already online on
// either loop are served meanwhile. (On a loop, the hash would hold up everyone on it.)
TEST(Login, UsersOnlineAreServedWhileAPasswordIsHashed) {
    TestServer server([](ServerOptions& o) {
        o.settings.selfRegistration = true;
        o.credentialsFile = o.dataDir + "/none.txt"; // No accounts to hash at start.
        o.pbkdf2Iterations = 1'500'000;              // About half a second of CPU per hash.
    });
    TestClient luke(server.port());
    ASSERT_TRUE(luke.login("luke", "luke!pw").ok());
    TestClient leia(server.port());
    ASSERT_TRUE(leia.login("leia", "leia!pw").ok());
    TestClient slow(server.port());
    ASSERT_EQ(slow.request("newbie").final.field("next"), "new_password");
    slow.send("n3wbie!");
    // Connections are spread over the loops in turn, so luke or leia shares slow's loop.
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(luke.request("WHO").ok());
        EXPECT_TRUE(leia.request("WHO").ok());
    }
    EXPECT_FALSE(slow.readLine(std::chrono::milliseconds(1)).has_value())
        << "the hash finished before the others' round trips: nothing was shown";
    Response welcome = slow.readResponse();
    EXPECT_TRUE(welcome.ok()) << welcome.final.format();
}

// A stranger cannot fill the server with connections that never log in: each address may
// hold toom.max_prelogin_per_address of them; logging in frees the slot.
TEST(Login, OneAddressMayHoldOnlyItsShareOfConnectionsNotLoggedIn) {
    TestServer server([](ServerOptions& o) { o.maxPreloginPerAddress = 3; });
    std::vector<std::unique_ptr<TestClient>> waiting;
    for (int i = 0; i < 3; ++i) {
        waiting.push_back(std::make_unique<TestClient>(server.port(), "127.0.0.1"));
        ASSERT_EQ(waiting.back()->greeting().kind(), LineKind::Hello);
    }
    TestClient fourth(server.port(), "127.0.0.1");
    EXPECT_EQ(fourth.greeting().kind(), LineKind::Fail);
    EXPECT_EQ(fourth.greeting().code(), "TOO_MANY_CONNECTIONS");
    EXPECT_EQ(fourth.greeting().field("max_prelogin"), "3");
    EXPECT_TRUE(fourth.waitClosed());

    // Another address is not affected.
    TestClient other(server.port(), "127.0.0.2");
    EXPECT_EQ(other.greeting().kind(), LineKind::Hello);

    // A login frees its slot: one more may connect, then the share is full again.
    waiting[0]->loginAs("yoda");
    TestClient fifth(server.port(), "127.0.0.1");
    EXPECT_EQ(fifth.greeting().kind(), LineKind::Hello);
    TestClient sixth(server.port(), "127.0.0.1");
    EXPECT_EQ(sixth.greeting().code(), "TOO_MANY_CONNECTIONS");

    // So does a close (told by a round trip: the server has seen it once the count drops).
    waiting[1].reset();
    bool admitted = false;
    for (int i = 0; i < 200 && !admitted; ++i) {
        TestClient again(server.port(), "127.0.0.1");
        admitted = again.greeting().kind() == LineKind::Hello;
        if (!admitted)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(admitted);
    // The logged-in user was never disturbed.
    EXPECT_TRUE(waiting[0]->request("WHO").ok());
}

TEST(Login, IdleConnectionsFromManyAddressesCannotKeepUsersOut) {
    // A stranger with several addresses stays under the per-address cap and fills the server
    // with connections that never log in. Newcomers still get in: the crowded address's
    // oldest waiting connection makes room; the logged-in user is never the one sent away.
    TestServer server([](ServerOptions& o) { o.maxConnections = 4; });
    TestClient user(server.port(), "127.0.0.1");
    user.loginAs("yoda");
    std::vector<std::unique_ptr<TestClient>> idle;
    for (const char* address : {"127.0.0.66", "127.0.0.66", "127.0.0.67"}) {
        idle.push_back(std::make_unique<TestClient>(server.port(), address));
        ASSERT_EQ(idle.back()->greeting().kind(), LineKind::Hello);
    }

    TestClient newcomer(server.port(), "127.0.0.2");
    ASSERT_EQ(newcomer.greeting().kind(), LineKind::Hello);
    auto closing = idle[0]->waitEvent("CLOSING");
    ASSERT_TRUE(closing);
    EXPECT_EQ(closing->field("reason"), "server_full");
    EXPECT_TRUE(idle[0]->waitClosed());
    newcomer.loginAs("obiwan");
    EXPECT_TRUE(newcomer.request("WHO").ok());

    // One each now: the oldest waiting connection goes, the other address's stays.
    TestClient second(server.port(), "127.0.0.3");
    ASSERT_EQ(second.greeting().kind(), LineKind::Hello);
    EXPECT_TRUE(idle[1]->waitClosed());
    second.loginAs("gandalf");
    // A reply (to its username step) shows the other address's is still open.
    EXPECT_EQ(idle[2]->request("stranger").final.verb(), "USER");

    // Logged-in users are never displaced: with one waiting connection left, it goes next,
    // and then a server full of users refuses.
    TestClient third(server.port(), "127.0.0.4");
    ASSERT_EQ(third.greeting().kind(), LineKind::Hello);
    EXPECT_TRUE(idle[2]->waitClosed());
    third.loginAs("luke");
    TestClient refused(server.port(), "127.0.0.5");
    EXPECT_EQ(refused.greeting().code(), "SERVER_FULL");
    for (TestClient* c : {&user, &newcomer, &second, &third})
        EXPECT_TRUE(c->request("WHO").ok());
}

} // namespace
} // namespace toom::test
