// The login state machine on its own: each server answer and the step it leads to.

#include "client/session/LoginExchange.h"

#include <gtest/gtest.h>

using namespace toom;
using namespace toom::client;

namespace {
ServerReply reply(std::string_view line) {
    ServerReply out;
    out.final = *ServerLine::parse(line);
    return out;
}

using Action = LoginStep::Action;

class LoginExchangeTest : public ::testing::Test {
protected:
    /// Greeting and UDPPORT done; the flow is asking for the username.
    LoginStep start(std::string_view hello = "HELLO TOOM/1 profile=toom max_line=4096 :hi") {
        auto step = flow.onReply(reply(hello));
        EXPECT_EQ(step.action, Action::Send);
        EXPECT_EQ(step.line, "UDPPORT 9000");
        return flow.onReply(reply("OK UDPPORT udp_port=9000"));
    }

    LoginExchange flow{9000, true};
};

TEST_F(LoginExchangeTest, GreetingSelectsTheProfile) {
    auto step = start();
    EXPECT_EQ(flow.profile().name, "toom");
    EXPECT_EQ(flow.maxLine(), 4096u);
    EXPECT_EQ(step.action, Action::Prompt);
    EXPECT_EQ(step.prompt.prompt, "Username: ");
    EXPECT_TRUE(step.print.empty());
    EXPECT_EQ(flow.state(), LoginExchange::State::AskUsername);
}

TEST_F(LoginExchangeTest, UnknownProfileKeepsTheDefaultPrompt) {
    start("HELLO TOOM/1 profile=zzz max_line=100 :hi");
    EXPECT_EQ(flow.profile().name, "zzz");
    EXPECT_EQ(flow.profile().prompt, "> ");
    EXPECT_EQ(flow.maxLine(), 100u);
}

TEST_F(LoginExchangeTest, BannerComesBeforeTheFirstUsernamePrompt) {
    auto step = start("HELLO TOOM/1 profile=tessenger :hi");
    EXPECT_EQ(step.print, std::vector<std::string>{"Please login"});
    flow.onInput("yoda");
    step = flow.onReply(reply("FAIL USER INVALID_USERNAME :bad"));
    EXPECT_EQ(step.print, std::vector<std::string>{"bad"});
}

TEST_F(LoginExchangeTest, ServerFullExitsWithTwo) {
    auto step = flow.onReply(reply("FAIL * SERVER_FULL :The server is full"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 2);
    EXPECT_EQ(step.print, std::vector<std::string>{"The server is full"});
}

TEST_F(LoginExchangeTest, UnexpectedGreetingExitsWithThree) {
    auto step = flow.onReply(reply("OK USER"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 3);
}

TEST_F(LoginExchangeTest, KnownUserThenPassword) {
    start();
    auto step = flow.onInput("yoda");
    EXPECT_EQ(step.action, Action::Send);
    EXPECT_EQ(step.line, "yoda");
    step = flow.onReply(reply("OK USER user=yoda next=password :Password:"));
    EXPECT_EQ(step.action, Action::Prompt);
    EXPECT_EQ(step.prompt.prompt, "Password: ");
    EXPECT_TRUE(step.prompt.secret);
    EXPECT_TRUE(step.print.empty());
    flow.onInput("wise@!man");
    step = flow.onReply(reply("OK PASS user=yoda :Welcome to TOOM!"));
    EXPECT_EQ(step.action, Action::LoggedIn);
    EXPECT_EQ(step.print, std::vector<std::string>{"Welcome to TOOM!"});
    EXPECT_EQ(flow.username(), "yoda");
    EXPECT_EQ(flow.state(), LoginExchange::State::LoggedIn);
}

TEST_F(LoginExchangeTest, WelcomeFallsBackToTheProfileText) {
    start();
    flow.onInput("yoda");
    flow.onReply(reply("OK USER user=yoda next=password"));
    flow.onInput("pw");
    auto step = flow.onReply(reply("OK PASS user=yoda"));
    EXPECT_EQ(step.print, std::vector<std::string>{"Welcome to TOOM!"});
}

TEST_F(LoginExchangeTest, NewUserPromptComesFromTheServer) {
    start();
    flow.onInput("hans");
    auto step = flow.onReply(reply("OK USER user=hans next=new_password :This is a new user. "
                                   "Enter a password:"));
    EXPECT_EQ(step.prompt.prompt, "This is a new user. Enter a password: ");
    EXPECT_TRUE(step.prompt.secret);
    flow.onInput("pw");
    step = flow.onReply(reply("FAIL PASS UNUSABLE_PASSWORD :Too short"));
    EXPECT_EQ(step.prompt.prompt, "This is a new user. Enter a password: ");
    EXPECT_EQ(step.print, std::vector<std::string>{"Too short"});
}

// A new name that is also a command's: the server's question is asked in plain (not masked),
// and the answer decides between the new-password prompt and a fresh username prompt.
TEST_F(LoginExchangeTest, ACommandNameIsConfirmedBeforeTheNewPassword) {
    start();
    flow.onInput("HELP");
    auto step = flow.onReply(reply("OK USER user=HELP next=confirm_name :HELP is also the name "
                                   "of a command. Register it as your username? (y/n)"));
    EXPECT_EQ(step.action, Action::Prompt);
    EXPECT_EQ(step.prompt.prompt,
              "HELP is also the name of a command. Register it as your username? (y/n) ");
    EXPECT_FALSE(step.prompt.secret);
    EXPECT_EQ(flow.state(), LoginExchange::State::AskConfirm);
    EXPECT_EQ(flow.onInput("y").line, "y");
    step = flow.onReply(
        reply("OK CONFIRM user=HELP next=new_password :This is a new user. Enter a password:"));
    EXPECT_EQ(step.prompt.prompt, "This is a new user. Enter a password: ");
    EXPECT_TRUE(step.prompt.secret);
    EXPECT_EQ(flow.state(), LoginExchange::State::AskPassword);
}

// The default profile says how long a lock lasts; a seed profile keeps the seed's words only.
TEST_F(LoginExchangeTest, TheDefaultProfileSaysHowLongTheLockLasts) {
    start("HELLO TOOM/1 profile=toom-default max_line=4096 :hi");
    flow.onInput("yoda");
    flow.onReply(reply("OK USER user=yoda next=password"));
    flow.onInput("bad");
    auto step = flow.onReply(reply("FAIL PASS TOO_MANY_ATTEMPTS user=yoda lock_seconds=10 "
                                   ":Invalid Password. Logins to this account from your address "
                                   "are blocked. Please try again later"));
    EXPECT_EQ(step.action, Action::Exit);
    ASSERT_EQ(step.print.size(), 2u);
    EXPECT_EQ(step.print[1], "Logins to yoda are locked for 10 seconds.");

    flow = LoginExchange(9000, true);
    start("HELLO TOOM/1 profile=toom-default max_line=4096 :hi");
    flow.onInput("yoda");
    step = flow.onReply(reply("FAIL USER ACCOUNT_LOCKED user=yoda retry_after=600 :blocked"));
    ASSERT_EQ(step.print.size(), 2u);
    EXPECT_EQ(step.print[1], "Logins to yoda are locked for 10 minutes.");
}

TEST_F(LoginExchangeTest, ASeedProfileKeepsTheSeedsLockWordingAlone) {
    start(); // profile toom (variant B)
    flow.onInput("yoda");
    flow.onReply(reply("OK USER user=yoda next=password"));
    flow.onInput("bad");
    auto step = flow.onReply(reply("FAIL PASS TOO_MANY_ATTEMPTS user=yoda lock_seconds=10 "
                                   ":Invalid Password. Your account has been blocked. Please try "
                                   "again later"));
    EXPECT_EQ(step.print, std::vector<std::string>{
                              "Invalid Password. Your account has been blocked. Please try again "
                              "later"});
}

TEST_F(LoginExchangeTest, ADeclinedCommandNameAsksForAnotherUsername) {
    start();
    flow.onInput("HELP");
    flow.onReply(reply("OK USER user=HELP next=confirm_name :Register it? (y/n)"));
    flow.onInput("n");
    auto step = flow.onReply(
        reply("FAIL CONFIRM NOT_CONFIRMED user=HELP :HELP was not registered. Enter a username:"));
    EXPECT_EQ(step.action, Action::Prompt);
    EXPECT_EQ(step.prompt.prompt, "Username: ");
    EXPECT_EQ(step.print, std::vector<std::string>{"HELP was not registered. Enter a username:"});
}

TEST_F(LoginExchangeTest, WrongPasswordAsksForThePasswordAgain) {
    start();
    flow.onInput("yoda");
    flow.onReply(reply("OK USER user=yoda next=password"));
    flow.onInput("bad");
    auto step = flow.onReply(
        reply("FAIL PASS INVALID_PASSWORD attempts_left=2 :Invalid Password. Please try again"));
    EXPECT_EQ(step.action, Action::Prompt);
    EXPECT_EQ(step.prompt.prompt, "Password: ");
    EXPECT_EQ(flow.state(), LoginExchange::State::AskPassword);
}

TEST_F(LoginExchangeTest, BlockedAfterTooManyAttemptsExitsWithOne) {
    start();
    flow.onInput("yoda");
    flow.onReply(reply("OK USER user=yoda next=password"));
    flow.onInput("bad");
    auto step = flow.onReply(reply("FAIL PASS TOO_MANY_ATTEMPTS :Invalid Password. Your account "
                                   "has been blocked. Please try again later"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 1);
    EXPECT_EQ(flow.state(), LoginExchange::State::Finished);
}

TEST_F(LoginExchangeTest, LockedUsernameExitsWithOne) {
    start();
    flow.onInput("yoda");
    auto step = flow.onReply(reply("FAIL USER ACCOUNT_LOCKED :blocked"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 1);
}

TEST_F(LoginExchangeTest, AlreadyOnlineReturnsToTheUsername) {
    start();
    flow.onInput("yoda");
    auto step = flow.onReply(reply("FAIL USER ALREADY_ONLINE :online"));
    EXPECT_EQ(step.prompt.prompt, "Username: ");
    flow.onInput("yoda");
    flow.onReply(reply("OK USER user=yoda next=password"));
    flow.onInput("pw");
    step = flow.onReply(reply("FAIL PASS ALREADY_ONLINE :online"));
    EXPECT_EQ(step.action, Action::Prompt);
    EXPECT_EQ(step.prompt.prompt, "Username: ");
    EXPECT_FALSE(step.prompt.secret);
}

TEST_F(LoginExchangeTest, ASuccessfulLoginKeepsItsCredentialsForAReconnect) {
    start();
    EXPECT_FALSE(flow.credentials());
    flow.onInput("Yoda");
    flow.onReply(reply("OK USER user=yoda next=password"));
    flow.onInput("wise@!man");
    EXPECT_FALSE(flow.credentials()) << "not before the server took them";
    flow.onReply(reply("OK PASS user=yoda :Welcome"));
    ASSERT_TRUE(flow.credentials());
    EXPECT_EQ(flow.credentials()->username, "yoda"); // As the server spells it.
    EXPECT_EQ(flow.credentials()->password, "wise@!man");
}

TEST_F(LoginExchangeTest, ASuggestedUsernameStartsTheFirstPromptOnly) {
    flow.suggestUsername("yoda");
    auto step = start();
    EXPECT_EQ(step.prompt.draft, "yoda");
    flow.onInput("yoda");
    step = flow.onReply(reply("FAIL USER INVALID_USERNAME :no such name"));
    EXPECT_EQ(step.prompt.prompt, "Username: ");
    EXPECT_EQ(step.prompt.draft, "");
}

class LoginReplayTest : public LoginExchangeTest {
protected:
    LoginReplayTest() { flow.replay({"yoda", "wise@!man"}); }
};

TEST_F(LoginReplayTest, SendsTheStoredNameAndPasswordWithoutAsking) {
    auto step = start();
    EXPECT_EQ(step.action, Action::Send);
    EXPECT_EQ(step.line, "yoda");
    step = flow.onReply(reply("OK USER user=yoda next=password :Password:"));
    EXPECT_EQ(step.action, Action::Send);
    EXPECT_EQ(step.line, "wise@!man");
    step = flow.onReply(reply("OK PASS user=yoda :Welcome back. 2 messages while you were away"));
    EXPECT_EQ(step.action, Action::LoggedIn);
    EXPECT_EQ(step.print, std::vector<std::string>{"Welcome back. 2 messages while you were away"});
    EXPECT_EQ(flow.username(), "yoda");
    EXPECT_EQ(flow.credentials()->password, "wise@!man");
}

TEST_F(LoginReplayTest, AChangedPasswordStopsInsteadOfAsking) {
    start();
    flow.onReply(reply("OK USER user=yoda next=password"));
    auto step = flow.onReply(reply("FAIL PASS INVALID_PASSWORD :Invalid Password"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 1);
    ASSERT_EQ(step.print.size(), 2u);
    EXPECT_EQ(step.print[0], "Invalid Password");
    EXPECT_EQ(step.print[1], "Could not log in again as yoda: the password was not accepted.");
}

TEST_F(LoginReplayTest, ALockedAccountStops) {
    start();
    auto step = flow.onReply(reply("FAIL USER ACCOUNT_LOCKED :blocked"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 1);
}

TEST_F(LoginReplayTest, AnAccountTheServerNoLongerKnowsIsNotRegisteredAgain) {
    start();
    auto step =
        flow.onReply(reply("OK USER user=yoda next=new_password :This is a new user. Enter a "
                           "password:"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 1);
    EXPECT_EQ(step.print.back(),
              "Could not log in again as yoda: the server no longer knows yoda.");
}

TEST_F(LoginReplayTest, StillOnlineOnTheServerIsWorthAnotherAttempt) {
    start();
    auto step = flow.onReply(reply("FAIL USER ALREADY_ONLINE :online"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 3);
    ASSERT_EQ(step.print.size(), 1u);
    EXPECT_NE(step.print[0].find("still logged in"), std::string::npos);
}

TEST_F(LoginReplayTest, ARefusedNameStopsInsteadOfAsking) {
    start();
    auto step = flow.onReply(reply("FAIL USER INVALID_USERNAME :no such name"));
    EXPECT_EQ(step.action, Action::Exit);
    EXPECT_EQ(step.exitCode, 1);
}

} // namespace
