// LoginFlow: the username/password conversation, lockouts, registration and one session per user.

#include "server/net/LoginFlow.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::Field;
using ::testing::Return;

const char* const kStillBlocked =
    "Your account is blocked due to multiple login failures. Please try again later";

class LoginFlowTest : public ::testing::Test {
protected:
    LoginFlowTest() {
        h.settings.selfRegistration = false;
        ON_CALL(h.accounts, exists("yoda")).WillByDefault(Return(true));
        ON_CALL(h.accounts, verify("yoda", "force")).WillByDefault(Return(true));
        ON_CALL(h.presence, enter(_, _)).WillByDefault(Return(true));
    }

    /// A new connection's login flow, sharing the limiter (and services) with every other.
    std::unique_ptr<LoginFlow> connect(std::string address = "127.0.0.1") {
        return std::make_unique<LoginFlow>(h.services, limiter, outbox, std::move(address));
    }

    /// Sends `username` then `password` on `on` and returns the password reply.
    Reply login(LoginFlow& on, const std::string& username, const std::string& password,
                int udpPort = 8001) {
        Reply user = on.handle(username, udpPort);
        EXPECT_FALSE(user.failed()) << user.wire();
        return on.handle(password, udpPort);
    }

    CommandHarness h;
    LoginLimiter limiter{h.clock, h.settings.maxLoginAttempts, h.settings.lockSeconds};
    std::shared_ptr<FakeOutbox> outbox = std::make_shared<FakeOutbox>();
    std::unique_ptr<LoginFlow> flow = connect();
};

// --- the normal path ---------------------------------------------------------------------------

TEST_F(LoginFlowTest, KnownUserIsAskedForThePassword) {
    Reply reply = flow->handle("yoda", 0);
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.verb(), "USER");
    EXPECT_EQ(reply.final().field("next"), "password");
    EXPECT_EQ(reply.final().field("user"), "yoda");
    EXPECT_EQ(flow->step(), LoginFlow::Step::Password);
    EXPECT_EQ(flow->username(), "yoda");
    EXPECT_FALSE(flow->loggedIn());
}

TEST_F(LoginFlowTest, CorrectPasswordEntersPresenceAndWelcomes) {
    EXPECT_CALL(
        h.presence,
        enter(AllOf(Field(&OnlineUser::username, "yoda"), Field(&OnlineUser::address, "10.1.2.3"),
                    Field(&OnlineUser::udpPort, 8005), Field(&OnlineUser::since, h.clock.now())),
              std::shared_ptr<Outbox>(outbox)))
        .WillOnce(Return(true));
    flow = connect("10.1.2.3");
    Reply reply = login(*flow, "yoda", "force", 8005);
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.verb(), "PASS");
    EXPECT_EQ(reply.final().text(), h.settings.profile.welcome);
    EXPECT_EQ(reply.final().field("profile"), h.settings.profile.name);
    EXPECT_EQ(reply.final().field("user"), "yoda");
    EXPECT_EQ(reply.final().field("since"), isoTime(h.clock.now()));
    EXPECT_TRUE(flow->loggedIn());
    EXPECT_EQ(flow->step(), LoginFlow::Step::Done);
}

TEST_F(LoginFlowTest, WelcomeTextFollowsTheProfile) {
    h.settings.profile = *findProfile("toom");
    Reply reply = login(*flow, "yoda", "force");
    EXPECT_EQ(reply.final().text(), "Welcome to TOOM!");
    EXPECT_EQ(reply.final().field("profile"), "toom");

    h.settings.profile = *findProfile("messaging");
    auto second = connect();
    ON_CALL(h.accounts, exists("luke")).WillByDefault(Return(true));
    ON_CALL(h.accounts, verify("luke", "x")).WillByDefault(Return(true));
    EXPECT_EQ(login(*second, "luke", "x").final().text(),
              "Welcome to the greatest messaging application ever!");
}

TEST_F(LoginFlowTest, LinesAfterLoginAreRefused) {
    login(*flow, "yoda", "force");
    EXPECT_EQ(flow->handle("yoda", 0).final().code(), err::kAlreadyLoggedIn);
}

// --- the backlog of what came while the user was away ------------------------------------------

TEST_F(LoginFlowTest, ALoginGathersWhatCameSinceTheLastLogout) {
    h.settings.loginBacklog = 3;
    const Poco::Timestamp away = h.clock.now() - Poco::Timespan(3600, 0);
    EXPECT_CALL(h.presence, lastLogout("yoda"))
        .WillOnce(Return(std::optional<Poco::Timestamp>(away)));
    BoardPost missed;
    missed.number = 4;
    missed.author = "obiwan";
    missed.text = "while you slept";
    missed.time = away + Poco::Timespan(60, 0);
    BoardService::Page page;
    page.posts = {missed};
    EXPECT_CALL(h.board, latest(away, 3u, _)).WillOnce(Return(page));
    ASSERT_FALSE(login(*flow, "yoda", "force").failed());
    const std::string backlog = flow->takeBacklog();
    EXPECT_EQ(backlog.rfind("EVENT BOARD action=posted n=4 user=obiwan", 0), 0u) << backlog;
    EXPECT_NE(backlog.find(" backlog=1"), std::string::npos) << backlog;
    EXPECT_TRUE(flow->takeBacklog().empty()) << "taken once";
}

TEST_F(LoginFlowTest, WithoutALogoutOnRecordThereIsNoBacklog) {
    h.settings.loginBacklog = 3;
    EXPECT_CALL(h.presence, lastLogout("yoda")).WillOnce(Return(std::nullopt));
    EXPECT_CALL(h.board, latest(_, _, _)).Times(0);
    ASSERT_FALSE(login(*flow, "yoda", "force").failed());
    EXPECT_TRUE(flow->takeBacklog().empty());
}

TEST_F(LoginFlowTest, TheBacklogOffAsksNothing) {
    h.settings.loginBacklog = 0; // The seed profiles.
    EXPECT_CALL(h.presence, lastLogout(_)).Times(0);
    ASSERT_FALSE(login(*flow, "yoda", "force").failed());
    EXPECT_TRUE(flow->takeBacklog().empty());
}

TEST_F(LoginFlowTest, AFailedLoginGathersNoBacklog) {
    h.settings.loginBacklog = 3;
    EXPECT_CALL(h.presence, lastLogout(_)).Times(0);
    EXPECT_TRUE(login(*flow, "yoda", "wrong").failed());
}

// --- wrong passwords and the lock ---------------------------------------------------------------

TEST_F(LoginFlowTest, WrongPasswordRepromptsWithAttemptsLeft) {
    Reply reply = login(*flow, "yoda", "dark side");
    EXPECT_TRUE(reply.failed());
    EXPECT_EQ(reply.final().code(), err::kInvalidPassword);
    EXPECT_EQ(reply.final().text(), "Invalid Password. Please try again");
    EXPECT_EQ(reply.final().intField("attempts_left"), 2);
    EXPECT_EQ(flow->step(), LoginFlow::Step::Password);

    reply = flow->handle("sith", 0);
    EXPECT_EQ(reply.final().intField("attempts_left"), 1);
    EXPECT_EQ(flow->step(), LoginFlow::Step::Password);
}

TEST_F(LoginFlowTest, WrongPasswordThenRightOneLogsIn) {
    login(*flow, "yoda", "wrong");
    Reply reply = flow->handle("force", 0);
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(flow->loggedIn());
}

TEST_F(LoginFlowTest, TooManyFailuresLockAndRestart) {
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    Reply reply = flow->handle("c", 0);
    EXPECT_EQ(reply.final().code(), err::kTooManyAttempts);
    EXPECT_EQ(reply.final().intField("lock_seconds"), 10);
    EXPECT_EQ(reply.final().text(),
              "Invalid Password. Your account has been blocked. Please try again later");
    EXPECT_EQ(flow->step(), LoginFlow::Step::Username);
    EXPECT_TRUE(limiter.isLocked("yoda"));
}

TEST_F(LoginFlowTest, TheNumberOfAttemptsFollowsTheSettings) {
    LoginLimiter five(h.clock, 5, 10);
    LoginFlow patient(h.services, five, outbox, "127.0.0.1");
    Reply reply = login(patient, "yoda", "x");
    EXPECT_EQ(reply.final().intField("attempts_left"), 4);
    for (int i = 0; i < 3; ++i)
        reply = patient.handle("x", 0);
    EXPECT_EQ(reply.final().code(), err::kInvalidPassword);
    EXPECT_EQ(patient.handle("x", 0).final().code(), err::kTooManyAttempts);
}

TEST_F(LoginFlowTest, LockedUsernameIsRefusedAtTheUsernameStep) {
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    flow->handle("c", 0);

    EXPECT_CALL(h.accounts, verify(_, _)).Times(0);
    Reply reply = flow->handle("yoda", 0);
    EXPECT_EQ(reply.verb(), "USER");
    EXPECT_EQ(reply.final().code(), err::kAccountLocked);
    EXPECT_EQ(reply.final().text(), kStillBlocked);
    EXPECT_EQ(reply.final().field("until"), isoTime(h.clock.now() + Poco::Timespan(10, 0)));
    EXPECT_EQ(reply.final().field("retry_after"), "10");
    EXPECT_EQ(flow->step(), LoginFlow::Step::Username);
    h.clock.advance(Poco::Timespan(6, 500'000));
    EXPECT_EQ(flow->handle("yoda", 0).final().field("retry_after"), "4") << "rounded up";
}

TEST_F(LoginFlowTest, LockExpiresWithTheClock) {
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    flow->handle("c", 0);

    h.clock.advanceSeconds(9);
    EXPECT_EQ(flow->handle("yoda", 0).final().code(), err::kAccountLocked);

    h.clock.advanceSeconds(1);
    Reply reply = login(*flow, "yoda", "force");
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(flow->loggedIn());
}

TEST_F(LoginFlowTest, AfterTheLockExpiresTheCountStartsAgain) {
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    flow->handle("c", 0);
    h.clock.advanceSeconds(10);
    EXPECT_EQ(login(*flow, "yoda", "d").final().intField("attempts_left"), 2);
}

TEST_F(LoginFlowTest, LockHoldsOnAnotherConnection) {
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    flow->handle("c", 0);

    auto other = connect("192.168.1.50");
    Reply reply = other->handle("yoda", 0);
    EXPECT_EQ(reply.final().code(), err::kAccountLocked);
    EXPECT_EQ(reply.final().text(), kStillBlocked);
}

TEST_F(LoginFlowTest, FailuresAreCountedPerUsernameAcrossConnections) {
    auto other = connect("192.168.1.50");
    login(*flow, "yoda", "a");
    EXPECT_EQ(login(*other, "yoda", "b").final().intField("attempts_left"), 1);
    EXPECT_EQ(flow->handle("c", 0).final().code(), err::kTooManyAttempts);
    // The other connection was already at the password step; its next try meets the lock.
    EXPECT_CALL(h.accounts, verify(_, _)).Times(0);
    Reply reply = other->handle("force", 0);
    EXPECT_EQ(reply.final().code(), err::kAccountLocked);
    EXPECT_EQ(other->step(), LoginFlow::Step::Username);
    EXPECT_FALSE(other->loggedIn());
}

TEST_F(LoginFlowTest, FailuresOfOneUserDoNotCountForAnother) {
    ON_CALL(h.accounts, exists("luke")).WillByDefault(Return(true));
    ON_CALL(h.accounts, verify("luke", "x")).WillByDefault(Return(true));
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    flow->handle("c", 0);
    auto other = connect();
    EXPECT_FALSE(login(*other, "luke", "x").failed());
}

TEST_F(LoginFlowTest, SuccessClearsTheCount) {
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    flow->handle("force", 0);
    ASSERT_TRUE(flow->loggedIn());
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 3);
}

// --- unknown users and registration -------------------------------------------------------------

TEST_F(LoginFlowTest, UnknownUserWithoutRegistrationLooksLikeAWrongPassword) {
    EXPECT_CALL(h.accounts, registerAccount(_, _)).Times(0);
    Reply user = flow->handle("vader", 0);
    EXPECT_FALSE(user.failed());
    EXPECT_EQ(user.final().field("next"), "password");
    EXPECT_EQ(flow->step(), LoginFlow::Step::Password);

    Reply pass = flow->handle("anything", 0);
    EXPECT_EQ(pass.final().code(), err::kInvalidPassword);
    EXPECT_EQ(pass.final().text(), "Invalid Password. Please try again");
    EXPECT_EQ(pass.final().intField("attempts_left"), 2);
}

TEST_F(LoginFlowTest, UnknownUserFailuresCountTowardTheLock) {
    login(*flow, "vader", "a");
    flow->handle("b", 0);
    EXPECT_EQ(flow->handle("c", 0).final().code(), err::kTooManyAttempts);
    EXPECT_EQ(flow->handle("vader", 0).final().code(), err::kAccountLocked);
}

TEST_F(LoginFlowTest, UnknownUserWithRegistrationIsAskedForANewPassword) {
    h.settings.selfRegistration = true;
    Reply reply = flow->handle("han", 0);
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().field("next"), "new_password");
    EXPECT_EQ(reply.final().field("user"), "han");
    EXPECT_EQ(flow->step(), LoginFlow::Step::NewPassword);
}

// --- names in any case --------------------------------------------------------------------------

// YODA logs in as yoda: the reply, the limiter, the password check and the session all use the
// stored spelling.
TEST_F(LoginFlowTest, AUsernameInAnotherCaseLogsInUnderTheStoredSpelling) {
    ON_CALL(h.accounts, storedName("YoDa")).WillByDefault(Return(std::string("yoda")));
    EXPECT_CALL(h.presence, enter(Field(&OnlineUser::username, "yoda"), _)).WillOnce(Return(true));
    Reply user = flow->handle("YoDa", 0);
    EXPECT_EQ(user.final().field("user"), "yoda");
    EXPECT_EQ(user.final().field("next"), "password");
    Reply pass = flow->handle("force", 0);
    ASSERT_FALSE(pass.failed()) << pass.wire();
    EXPECT_EQ(pass.final().field("user"), "yoda");
    EXPECT_EQ(flow->username(), "yoda");
}

// Failures under any spelling count against the one account.
TEST_F(LoginFlowTest, FailuresInAnyCaseCountForTheOneAccount) {
    for (const char* spelling : {"YODA", "Yoda"})
        ON_CALL(h.accounts, storedName(spelling)).WillByDefault(Return(std::string("yoda")));
    login(*connect(), "YODA", "wrong");
    login(*connect(), "Yoda", "wrong");
    EXPECT_EQ(limiter.remainingAttempts("yoda"), 1);
}

// With registration on, a new name that is also a command's is not registered silently.
TEST_F(LoginFlowTest, ACommandNameIsRegisteredOnlyAfterConfirming) {
    h.settings.selfRegistration = true;
    flow = std::make_unique<LoginFlow>(
        h.services, limiter, outbox, "127.0.0.1",
        LoginFlow::Guards{.isCommandName = [](std::string_view name) { return name == "HELP"; }});
    Reply user = flow->handle("HELP", 0);
    ASSERT_FALSE(user.failed()) << user.wire();
    EXPECT_EQ(user.final().field("next"), "confirm_name");
    EXPECT_EQ(user.final().field("user"), "HELP");
    EXPECT_EQ(flow->step(), LoginFlow::Step::ConfirmName);

    Reply confirm = flow->handle("y", 0);
    ASSERT_FALSE(confirm.failed()) << confirm.wire();
    EXPECT_EQ(confirm.verb(), "CONFIRM");
    EXPECT_EQ(confirm.final().field("next"), "new_password");
    EXPECT_EQ(confirm.final().text(), "This is a new user. Enter a password:");
    EXPECT_CALL(h.accounts, registerAccount("HELP", "pw")).WillOnce(Return(true));
    EXPECT_FALSE(flow->handle("pw", 0).failed());
    EXPECT_TRUE(flow->loggedIn());
}

TEST_F(LoginFlowTest, AnythingButYesDeclinesTheCommandNameAndStartsOver) {
    h.settings.selfRegistration = true;
    flow = std::make_unique<LoginFlow>(
        h.services, limiter, outbox, "127.0.0.1",
        LoginFlow::Guards{.isCommandName = [](std::string_view name) { return name == "HELP"; }});
    EXPECT_CALL(h.accounts, registerAccount(_, _)).Times(0);
    for (const char* answer : {"n", "", "HELP", "yess"}) {
        flow->handle("HELP", 0);
        Reply confirm = flow->handle(answer, 0);
        EXPECT_EQ(confirm.final().code(), err::kNotConfirmed) << answer;
        EXPECT_EQ(flow->step(), LoginFlow::Step::Username) << answer;
    }
    // Ordinary names, and a command name that is an account already, ask nothing.
    EXPECT_EQ(flow->handle("han", 0).final().field("next"), "new_password");
    flow = std::make_unique<LoginFlow>(
        h.services, limiter, outbox, "127.0.0.1",
        LoginFlow::Guards{.isCommandName = [](std::string_view) { return true; }});
    EXPECT_EQ(flow->handle("yoda", 0).final().field("next"), "password");
}

// Past the address's allowance a new name is refused before its password; known names from
// the same address still log in, and an address elsewhere still registers.
TEST_F(LoginFlowTest, RegistrationsPastTheAddressAllowanceAreRefusedAtTheUsernameStep) {
    h.settings.selfRegistration = true;
    RegistrationThrottle throttle(h.clock, RegistrationLimits{1, 60, 100});
    auto guarded = [&](const std::string& address) {
        return std::make_unique<LoginFlow>(
            h.services, limiter, outbox, address,
            LoginFlow::Guards{.isCommandName = {}, .registrations = &throttle});
    };
    ON_CALL(h.accounts, registerAccount(_, _)).WillByDefault(Return(true));
    auto first = guarded("10.0.0.1");
    ASSERT_EQ(first->handle("han", 0).final().field("next"), "new_password");
    ASSERT_FALSE(first->handle("falcon", 0).failed());

    auto second = guarded("10.0.0.1");
    Reply refused = second->handle("chewie", 0);
    EXPECT_EQ(refused.final().code(), err::kRegistrationThrottled);
    EXPECT_EQ(refused.final().field("retry_after"), "60");
    EXPECT_EQ(second->step(), LoginFlow::Step::Username);
    EXPECT_EQ(second->handle("yoda", 0).final().field("next"), "password");

    EXPECT_EQ(guarded("10.0.0.2")->handle("chewie", 0).final().field("next"), "new_password");
    h.clock.advanceSeconds(60);
    EXPECT_EQ(guarded("10.0.0.1")->handle("chewie", 0).final().field("next"), "new_password");
}

TEST_F(LoginFlowTest, KnownUserWithRegistrationStillGivesThePassword) {
    h.settings.selfRegistration = true;
    EXPECT_EQ(flow->handle("yoda", 0).final().field("next"), "password");
}

TEST_F(LoginFlowTest, UnusableNewPasswordIsAskedAgain) {
    h.settings.selfRegistration = true;
    flow->handle("han", 0);
    EXPECT_CALL(h.accounts, registerAccount(_, _)).Times(0);
    for (const std::string& bad :
         {std::string(), std::string("two words"), std::string("tab\there"), std::string(129, 'p'),
          std::string("bad\x01")}) {
        Reply reply = flow->handle(bad, 0);
        EXPECT_EQ(reply.final().code(), err::kUnusablePassword) << bad;
        EXPECT_EQ(flow->step(), LoginFlow::Step::NewPassword);
    }
}

TEST_F(LoginFlowTest, GoodNewPasswordRegistersAndLogsIn) {
    h.settings.selfRegistration = true;
    flow->handle("han", 0);
    EXPECT_CALL(h.accounts, registerAccount("han", "falcon")).WillOnce(Return(true));
    EXPECT_CALL(h.presence, enter(Field(&OnlineUser::username, "han"), _)).WillOnce(Return(true));
    Reply reply = flow->handle("falcon", 8009);
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.verb(), "PASS");
    EXPECT_EQ(reply.final().text(), h.settings.profile.welcome);
    EXPECT_TRUE(flow->loggedIn());
    EXPECT_EQ(flow->username(), "han");
}

TEST_F(LoginFlowTest, NameRegisteredMeanwhileTreatsTheLineAsItsPassword) {
    h.settings.selfRegistration = true;
    flow->handle("han", 0);
    EXPECT_CALL(h.accounts, registerAccount("han", "falcon")).WillOnce(Return(false));
    EXPECT_CALL(h.accounts, verify("han", "falcon")).WillOnce(Return(false));
    Reply reply = flow->handle("falcon", 0);
    EXPECT_EQ(reply.final().code(), err::kInvalidPassword);
    EXPECT_EQ(limiter.remainingAttempts("han"), 2);
}

// --- one session per user -----------------------------------------------------------------------

// Before a correct password nothing tells a caller who is online.
TEST_F(LoginFlowTest, TheUsernameStepDoesNotLookAtPresence) {
    ON_CALL(h.presence, find("yoda"))
        .WillByDefault(Return(OnlineUser{"yoda", "127.0.0.1", 8001, h.clock.now()}));
    EXPECT_CALL(h.presence, find(_)).Times(0);
    EXPECT_CALL(h.presence, online()).Times(0);
    Reply reply = flow->handle("yoda", 0);
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("next"), "password");
    EXPECT_EQ(flow->step(), LoginFlow::Step::Password);
}

TEST_F(LoginFlowTest, AWrongPasswordForAnOnlineUserIsJustAWrongPassword) {
    EXPECT_CALL(h.presence, enter(_, _)).Times(0);
    EXPECT_CALL(h.presence, takeOver(_, _)).Times(0);
    Reply reply = login(*flow, "yoda", "dark side");
    EXPECT_EQ(reply.final().code(), err::kInvalidPassword);
}

TEST_F(LoginFlowTest, AlreadyOnlineWhenEntering) {
    EXPECT_CALL(h.presence, enter(_, _)).WillOnce(Return(false));
    Reply reply = login(*flow, "yoda", "force");
    EXPECT_EQ(reply.verb(), "PASS");
    EXPECT_EQ(reply.final().code(), err::kAlreadyOnline);
    EXPECT_EQ(flow->step(), LoginFlow::Step::Username);
    EXPECT_FALSE(flow->loggedIn());
    // The next line is a username again.
    EXPECT_EQ(flow->handle("yoda", 0).verb(), "USER");
}

// --- taking a session over (sessionTakeover, toom-default) ---------------------------------------

TEST_F(LoginFlowTest, WithTakeoverACorrectPasswordReplacesTheOldSessionAndClosesIt) {
    h.settings.sessionTakeover = true;
    auto old = std::make_shared<FakeOutbox>();
    EXPECT_CALL(h.presence, enter(_, _)).Times(0);
    EXPECT_CALL(h.presence, takeOver(AllOf(Field(&OnlineUser::username, "yoda"),
                                           Field(&OnlineUser::address, "10.1.2.3")),
                                     std::shared_ptr<Outbox>(outbox)))
        .WillOnce(Return(old));
    flow = connect("10.1.2.3");
    Reply reply = login(*flow, "yoda", "force");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(flow->loggedIn());
    EXPECT_EQ(old->closeReasons(), std::vector<CloseReason>{CloseReason::TakenOver});
    EXPECT_TRUE(outbox->closeReasons().empty());
}

TEST_F(LoginFlowTest, WithTakeoverAUserWhoIsNotOnlineSimplyLogsIn) {
    h.settings.sessionTakeover = true;
    EXPECT_CALL(h.presence, takeOver(_, _)).WillOnce(Return(nullptr));
    Reply reply = login(*flow, "yoda", "force");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(flow->loggedIn());
}

TEST_F(LoginFlowTest, WithTakeoverAWrongPasswordTakesNothingOver) {
    h.settings.sessionTakeover = true;
    EXPECT_CALL(h.presence, takeOver(_, _)).Times(0);
    EXPECT_EQ(login(*flow, "yoda", "dark side").final().code(), err::kInvalidPassword);
}

// --- per username and address (toom-default) ----------------------------------------------------

class AddressScopeLoginFlowTest : public LoginFlowTest {
protected:
    static LoginLimits limits() {
        LoginLimits l;
        l.scope = LockScope::UsernameAndAddress;
        l.slowAfterFailures = 4;
        l.slowDelayMs = 100;
        l.slowMaxDelayMs = 1000;
        return l;
    }
    std::unique_ptr<LoginFlow> from(const std::string& address) {
        return std::make_unique<LoginFlow>(h.services, perAddress, outbox, address);
    }
    LoginLimiter perAddress{h.clock, limits()};
};

TEST_F(AddressScopeLoginFlowTest, AStrangerLocksOnlyThemselvesOut) {
    auto stranger = from("127.0.0.2");
    login(*stranger, "yoda", "a");
    stranger->handle("b", 0);
    Reply locked = stranger->handle("c", 0);
    EXPECT_EQ(locked.final().code(), err::kTooManyAttempts);
    EXPECT_EQ(locked.final().text(), "Invalid Password. Logins to this account from your address "
                                     "are blocked. Please try again later");
    Reply again = stranger->handle("yoda", 0);
    EXPECT_EQ(again.final().code(), err::kAccountLocked);
    EXPECT_EQ(again.final().text(), "Logins to this account from your address are blocked due to "
                                    "multiple login failures. Please try again later");
    EXPECT_EQ(stranger->step(), LoginFlow::Step::Username);
    EXPECT_TRUE(stranger->username().empty());

    auto owner = from("127.0.0.1");
    Reply welcome = login(*owner, "yoda", "force");
    EXPECT_FALSE(welcome.failed()) << welcome.wire();
}

TEST_F(AddressScopeLoginFlowTest, TheAnswerDelayAppliesToThePasswordStepOfTheSlowedName) {
    for (int i = 2; i <= 5; ++i) {
        auto stranger = from("127.0.0." + std::to_string(i));
        login(*stranger, "yoda", "wrong");
    }
    auto owner = from("127.0.0.1");
    EXPECT_EQ(owner->answerDelay(), std::chrono::milliseconds(0)); // The username step.
    owner->handle("yoda", 0);
    EXPECT_EQ(owner->answerDelay(), std::chrono::milliseconds(100));
    auto other = from("127.0.0.1");
    other->handle("luke", 0);
    EXPECT_EQ(other->answerDelay(), std::chrono::milliseconds(0));
    EXPECT_FALSE(owner->handle("force", 0).failed());
    EXPECT_EQ(owner->answerDelay(), std::chrono::milliseconds(0)); // Logged in.
}

TEST_F(LoginFlowTest, NoAnswerDelayPerUsername) {
    login(*flow, "yoda", "a");
    flow->handle("b", 0);
    EXPECT_EQ(flow->answerDelay(), std::chrono::milliseconds(0));
}

// --- usernames ----------------------------------------------------------------------------------

TEST_F(LoginFlowTest, InvalidUsernamesAreRefused) {
    EXPECT_CALL(h.accounts, exists(_)).Times(0);
    for (const std::string& bad : {std::string(), std::string("han solo"), std::string(" yoda"),
                                   std::string(33, 'y'), std::string("/yoda"), std::string("#1"),
                                   std::string("yo\x01"
                                               "da"),
                                   std::string("\xff\xfe")}) {
        Reply reply = flow->handle(bad, 0);
        EXPECT_EQ(reply.verb(), "USER");
        EXPECT_EQ(reply.final().code(), err::kInvalidUsername) << "'" << bad << "'";
        EXPECT_EQ(flow->step(), LoginFlow::Step::Username);
    }
}

TEST_F(LoginFlowTest, LongestValidUsernameIsAccepted) {
    const std::string name(32, 'y');
    EXPECT_FALSE(flow->handle(name, 0).failed());
    EXPECT_EQ(flow->username(), name);
}

} // namespace
} // namespace toom
