// LocalPeerBroker: private chat requests and open chats, with their limits, expiry, and the
// notices sent when a user leaves.

#include "server/state/LocalPeerBroker.h"

#include "common/Protocol.h"
#include "support/ManualClock.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

namespace toom {
namespace {

using ::testing::_;
using Ask = PeerBroker::AskOutcome;

class LocalPeerBrokerTest : public ::testing::Test {
protected:
    LocalPeerBrokerTest() {
        settings.privateRequestSeconds = 60;
        settings.maxPrivateChats = 3;
        ON_CALL(messenger, sendTo(_, _))
            .WillByDefault([this](const std::string& user, const ServerLine& event) {
                told[user].push_back(event);
                return true;
            });
    }

    ServerSettings settings;
    ManualClock clock{testEpoch()};
    ::testing::NiceMock<MockMessenger> messenger;
    LocalPeerBroker broker{messenger, settings, clock};
    std::map<std::string, std::vector<ServerLine>> told;
};

TEST_F(LocalPeerBrokerTest, TokensAre128RandomBitsInHex) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string token = broker.newToken();
        ASSERT_EQ(token.size(), 32u);
        EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
        seen.insert(token);
    }
    EXPECT_EQ(seen.size(), 100u);
}

TEST_F(LocalPeerBrokerTest, AcceptOpensTheChatWithAToken) {
    EXPECT_EQ(broker.ask("yoda", "obiwan"), Ask::Asked);
    EXPECT_FALSE(broker.isOpen("yoda", "obiwan"));
    auto answer = broker.answer("obiwan", "yoda", true);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->requester, "yoda");
    EXPECT_EQ(answer->token.size(), 32u);
    EXPECT_TRUE(broker.isOpen("yoda", "obiwan"));
    EXPECT_TRUE(broker.isOpen("obiwan", "yoda"));
    // The request was used up.
    EXPECT_FALSE(broker.answer("obiwan", "yoda", true));
}

TEST_F(LocalPeerBrokerTest, DeclineOpensNothingAndHasNoToken) {
    broker.ask("yoda", "obiwan");
    auto answer = broker.answer("obiwan", "", false);
    ASSERT_TRUE(answer);
    EXPECT_TRUE(answer->token.empty());
    EXPECT_FALSE(broker.isOpen("yoda", "obiwan"));
    EXPECT_EQ(broker.ask("yoda", "obiwan"), Ask::Asked); // may ask again
}

TEST_F(LocalPeerBrokerTest, OnlyTheTargetCanAnswer) {
    broker.ask("yoda", "obiwan");
    EXPECT_FALSE(broker.answer("yoda", "obiwan", true));
    EXPECT_FALSE(broker.answer("hans", "yoda", true));
    EXPECT_FALSE(broker.answer("hans", "", true));
}

TEST_F(LocalPeerBrokerTest, AnAnswerWithoutANameTakesTheOldestRequest) {
    broker.ask("yoda", "obiwan");
    clock.advance(Poco::Timespan(1, 0));
    broker.ask("hans", "obiwan");
    EXPECT_EQ(broker.answer("obiwan", "", true)->requester, "yoda");
    EXPECT_EQ(broker.answer("obiwan", "", true)->requester, "hans");
}

TEST_F(LocalPeerBrokerTest, RepeatedAndRedundantRequests) {
    broker.ask("yoda", "obiwan");
    EXPECT_EQ(broker.ask("yoda", "obiwan"), Ask::AlreadyAsked);
    broker.answer("obiwan", "yoda", true);
    EXPECT_EQ(broker.ask("yoda", "obiwan"), Ask::AlreadyOpen);
    EXPECT_EQ(broker.ask("obiwan", "yoda"), Ask::AlreadyOpen);
}

TEST_F(LocalPeerBrokerTest, CrossedRequestsAreSettledByOneAcceptance) {
    broker.ask("yoda", "obiwan");
    broker.ask("obiwan", "yoda");
    ASSERT_TRUE(broker.answer("obiwan", "yoda", true));
    EXPECT_FALSE(broker.answer("yoda", "obiwan", true));
}

TEST_F(LocalPeerBrokerTest, RequestsExpire) {
    broker.ask("yoda", "obiwan");
    clock.advance(Poco::Timespan(60, 0));
    EXPECT_FALSE(broker.answer("obiwan", "yoda", true));
    EXPECT_EQ(broker.ask("yoda", "obiwan"), Ask::Asked);
}

TEST_F(LocalPeerBrokerTest, ChatsAndRequestsPerUserAreBounded) {
    for (const char* target : {"a", "b", "c"})
        EXPECT_EQ(broker.ask("yoda", target), Ask::Asked);
    EXPECT_EQ(broker.ask("yoda", "d"), Ask::TooMany);
    EXPECT_EQ(broker.ask("d", "yoda"), Ask::TooMany); // the target's count matters too
    broker.answer("a", "yoda", false);
    EXPECT_EQ(broker.ask("yoda", "d"), Ask::Asked);
}

TEST_F(LocalPeerBrokerTest, CloseFromEitherSide) {
    broker.ask("yoda", "obiwan");
    broker.answer("obiwan", "yoda", true);
    EXPECT_TRUE(broker.close("obiwan", "yoda"));
    EXPECT_FALSE(broker.isOpen("yoda", "obiwan"));
    EXPECT_FALSE(broker.close("yoda", "obiwan"));
}

TEST_F(LocalPeerBrokerTest, LeavingEndsChatsAndRequestsAndTellsEveryoneConcerned) {
    broker.ask("yoda", "obiwan");
    broker.answer("obiwan", "yoda", true); // chat yoda-obiwan
    broker.ask("hans", "yoda");            // hans waits for yoda's answer
    broker.ask("yoda", "leia");            // leia was asked by yoda
    broker.userLeft("yoda", CloseReason::IdleTimeout);

    EXPECT_FALSE(broker.isOpen("yoda", "obiwan"));
    ASSERT_EQ(told["obiwan"].size(), 1u);
    EXPECT_EQ(told["obiwan"][0].verb(), ev::kPrivateEnded);
    EXPECT_EQ(told["obiwan"][0].field("user"), "yoda");
    EXPECT_EQ(told["obiwan"][0].field("reason"), "timeout");
    ASSERT_EQ(told["hans"].size(), 1u);
    EXPECT_EQ(told["hans"][0].verb(), ev::kPrivateDeclined);
    EXPECT_EQ(told["hans"][0].field("reason"), "offline");
    ASSERT_EQ(told["leia"].size(), 1u);
    EXPECT_EQ(told["leia"][0].verb(), ev::kPrivateEnded);
    EXPECT_EQ(told["leia"][0].field("reason"), "withdrawn");
    EXPECT_FALSE(broker.answer("leia", "yoda", true));
    EXPECT_FALSE(broker.answer("yoda", "hans", true));
}

TEST_F(LocalPeerBrokerTest, LogoutIsNamedAsSuch) {
    broker.ask("yoda", "obiwan");
    broker.answer("obiwan", "yoda", true);
    broker.userLeft("obiwan", CloseReason::Logout);
    ASSERT_EQ(told["yoda"].size(), 1u);
    EXPECT_EQ(told["yoda"][0].field("reason"), "logout");
    EXPECT_EQ(told["yoda"][0].text(), "obiwan logged out; private messaging with obiwan ended");
}

TEST_F(LocalPeerBrokerTest, NobodyIsToldDuringShutdown) {
    broker.ask("yoda", "obiwan");
    broker.answer("obiwan", "yoda", true);
    EXPECT_CALL(messenger, sendTo(_, _)).Times(0);
    broker.userLeft("yoda", CloseReason::Shutdown);
    EXPECT_FALSE(broker.isOpen("yoda", "obiwan"));
}

TEST_F(LocalPeerBrokerTest, LeavingWithNothingOpenTellsNobody) {
    EXPECT_CALL(messenger, sendTo(_, _)).Times(0);
    broker.userLeft("yoda", CloseReason::Logout);
}

} // namespace
} // namespace toom
