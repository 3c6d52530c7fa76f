// Tokens expected from peers: one-time, tied to one peer, waited for when they are late.

#include "p2p/chat/PendingTokens.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

using namespace std::chrono_literals;
using toom::p2p::chat::PendingTokens;
using Claim = toom::p2p::chat::PendingTokens::Claim;

namespace {

/// Waits (with a generous deadline) until `tokens` has `count` claims waiting.
bool waitForTokenWaiters(const PendingTokens& tokens, std::size_t count) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (tokens.waiting() != count) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

} // namespace

TEST(PendingTokensTest, AnExpectedTokenIsAcceptedOnce) {
    PendingTokens tokens(60s);
    tokens.expect("yoda", "T1");
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::Accepted);
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::AlreadyUsed);
}

TEST(PendingTokensTest, AnUnknownTokenIsRefusedAfterTheWait) {
    PendingTokens tokens(60s);
    tokens.expect("yoda", "T1");
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(tokens.claim("yoda", "T2", 50ms), Claim::UnknownToken);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 50ms);
    // The right token still works afterwards.
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::Accepted);
}

TEST(PendingTokensTest, ATokenIssuedForSomeoneElseIsRefusedAtOnceAndStaysValidForThem) {
    PendingTokens tokens(60s);
    tokens.expect("luke", "T1");
    EXPECT_EQ(tokens.claim("yoda", "T1", 10s), Claim::WrongUser);
    EXPECT_EQ(tokens.claim("luke", "T1", 0ms), Claim::Accepted);
}

TEST(PendingTokensTest, AClaimWaitsForItsTokenToBeRegistered) {
    PendingTokens tokens(60s);
    auto claim = std::async(std::launch::async, [&] { return tokens.claim("yoda", "T1", 10s); });
    ASSERT_TRUE(waitForTokenWaiters(tokens, 1));
    tokens.expect("yoda", "T1");
    EXPECT_EQ(claim.get(), Claim::Accepted);
    EXPECT_EQ(tokens.waiting(), 0u);
}

TEST(PendingTokensTest, ANewerTokenReplacesTheOlderOne) {
    PendingTokens tokens(60s);
    tokens.expect("yoda", "T1");
    tokens.expect("yoda", "T2");
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::UnknownToken);
    EXPECT_EQ(tokens.claim("yoda", "T2", 0ms), Claim::Accepted);
}

TEST(PendingTokensTest, TokensExpire) {
    PendingTokens tokens(1ms);
    tokens.expect("yoda", "T1");
    std::this_thread::sleep_for(5ms); // Lets the lifetime pass; not an assertion.
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::UnknownToken);
}

TEST(PendingTokensTest, ForgottenTokensAreRefused) {
    PendingTokens tokens(60s);
    tokens.expect("yoda", "T1");
    tokens.expect("luke", "T2");
    tokens.forget("yoda");
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::UnknownToken);
    EXPECT_EQ(tokens.claim("luke", "T2", 0ms), Claim::Accepted);
}

TEST(PendingTokensTest, EmptyTokensAreIgnored) {
    PendingTokens tokens(60s);
    tokens.expect("yoda", "");
    EXPECT_EQ(tokens.claim("yoda", "", 0ms), Claim::UnknownToken);
}

TEST(PendingTokensTest, CancellingWakesWaitersUntilReset) {
    PendingTokens tokens(60s);
    auto claim = std::async(std::launch::async, [&] { return tokens.claim("yoda", "T1", 30s); });
    ASSERT_TRUE(waitForTokenWaiters(tokens, 1));
    tokens.cancelWaiters();
    EXPECT_EQ(claim.get(), Claim::Cancelled);
    tokens.expect("yoda", "T1");
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::Cancelled);
    tokens.reset();
    tokens.expect("yoda", "T1");
    EXPECT_EQ(tokens.claim("yoda", "T1", 0ms), Claim::Accepted);
}
