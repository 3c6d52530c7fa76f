// The server's side of peer to peer over real sockets: file offers and private chat brokering
// as raw protocol, with several users (including one who blocks another). The client side,
// with real files and direct connections, is in PeerToPeerEndToEndTest.cpp.

#include "common/Protocol.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

#include <thread>

namespace toom::test {
namespace {

const std::string kBrokerDigest(64, 'c');

/// Logs `user` in and announces a UDP port and a chat port.
void loginWithPorts(TestClient& client, const std::string& user, int udp, int chat) {
    client.loginAs(user);
    Response ports = client.request("UDPPORT " + std::to_string(udp) + " " + std::to_string(chat));
    ASSERT_TRUE(ports.ok()) << ports.final.format();
}

/// yoda (udp 8001, chat 40001) and obiwan (8002, 40002), logged in.
struct BrokerPair {
    explicit BrokerPair(TestServer& server)
        : yoda(server.port())
        , obiwan(server.port()) {
        loginWithPorts(yoda, "yoda", 8001, 40001);
        loginWithPorts(obiwan, "obiwan", 8002, 40002);
    }

    /// yoda asks, obiwan accepts with `answer`; returns the requester's PRIVATE_ACCEPTED.
    std::optional<ServerLine> openChat(const std::string& answer = "y") {
        if (!yoda.request("startprivate obiwan").ok() || !obiwan.waitEvent(ev::kPrivateRequest))
            return std::nullopt;
        if (!obiwan.request(answer).ok())
            return std::nullopt;
        return yoda.waitEvent(ev::kPrivateAccepted);
    }

    TestClient yoda;
    TestClient obiwan;
};

TEST(PeerBroker, FileOfferReachesTheAudienceAndThePresenterLearnsWhereToSend) {
    TestServer server;
    TestClient yoda(server.port()), obiwan(server.port());
    loginWithPorts(yoda, "yoda", 8001, 0);
    loginWithPorts(obiwan, "obiwan", 8002, 0);
    Response reply = yoda.request("UPD obiwan lecture1.mp4 1048576 " + kBrokerDigest);
    ASSERT_TRUE(reply.ok()) << reply.final.format();
    EXPECT_EQ(reply.final.field("address"), "127.0.0.1");
    EXPECT_EQ(reply.final.field("udp_port"), "8002");
    const auto token = reply.final.field("token");
    ASSERT_TRUE(token);
    EXPECT_EQ(token->size(), 32u);

    auto offer = obiwan.waitEvent(ev::kFileOffer);
    ASSERT_TRUE(offer);
    EXPECT_EQ(offer->field("from"), "yoda");
    EXPECT_EQ(offer->field("file"), "lecture1.mp4");
    EXPECT_EQ(offer->field("size"), "1048576");
    EXPECT_EQ(offer->field("sha256"), kBrokerDigest);
    EXPECT_EQ(offer->field("token"), token);
    EXPECT_EQ(offer->field("address"), "127.0.0.1");

    // A second offer has a token of its own.
    Response again = yoda.request("UPD obiwan lecture1.mp4 1048576 " + kBrokerDigest);
    EXPECT_NE(again.final.field("token"), token);
}

TEST(PeerBroker, FileOfferRefusalsInTheSeedWording) {
    TestServer server;
    TestClient yoda(server.port()), obiwan(server.port());
    loginWithPorts(yoda, "yoda", 8001, 0);
    loginWithPorts(obiwan, "obiwan", 8002, 0);
    EXPECT_EQ(yoda.request("UPD").code(), err::kBadArguments);
    Response offline = yoda.request("UPD luke a.mp4 10 " + kBrokerDigest);
    EXPECT_EQ(offline.code(), err::kUserOffline);
    EXPECT_EQ(offline.final.text(), "luke is offline");
    EXPECT_EQ(yoda.request("UPD obiwan ../a.mp4 10 " + kBrokerDigest).code(),
              err::kInvalidArgument);
    EXPECT_EQ(yoda.request("UPD obiwan a.mp4").code(), err::kNeedsClient);

    ASSERT_TRUE(obiwan.request("block yoda").ok());
    EXPECT_EQ(yoda.request("UPD obiwan a.mp4 10 " + kBrokerDigest).code(), err::kBlocked);
    EXPECT_FALSE(obiwan.waitEvent(ev::kFileOffer, 300ms));
}

TEST(PeerBroker, ChatPortIsPartOfPresence) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.send("UDPPORT 8001 40001"); // before login, as toom-client does
    ASSERT_TRUE(yoda.readResponse().ok());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    loginWithPorts(obiwan, "obiwan", 8002, 40002);
    // startprivate needs the target's chat port: yoda announced one before logging in.
    ASSERT_TRUE(obiwan.request("startprivate yoda").ok());
    EXPECT_TRUE(yoda.waitEvent(ev::kPrivateRequest));
}

TEST(PeerBroker, AcceptedRequestSendsTheTargetsAddressPortAndTokenToTheRequester) {
    TestServer server;
    BrokerPair pair(server);
    Response asked = pair.yoda.request("startprivate obiwan");
    ASSERT_TRUE(asked.ok()) << asked.final.format();
    auto request = pair.obiwan.waitEvent(ev::kPrivateRequest);
    ASSERT_TRUE(request);
    EXPECT_EQ(request->field("from"), "yoda");
    EXPECT_EQ(request->text(), "yoda would like to private message, enter y or n: ");

    Response accepted = pair.obiwan.request("y");
    ASSERT_TRUE(accepted.ok()) << accepted.final.format();
    EXPECT_EQ(accepted.final.field("user"), "yoda");
    auto go = pair.yoda.waitEvent(ev::kPrivateAccepted);
    ASSERT_TRUE(go);
    EXPECT_EQ(go->field("user"), "obiwan");
    EXPECT_EQ(go->field("address"), "127.0.0.1");
    EXPECT_EQ(go->field("port"), "40002");
    EXPECT_EQ(go->field("token"), accepted.final.field("token"));

    EXPECT_TRUE(pair.yoda.request("private obiwan").ok());
    EXPECT_TRUE(pair.obiwan.request("PRIVATE yoda").ok());
    EXPECT_EQ(pair.yoda.request("startprivate obiwan").code(), err::kAlreadyOpen);
}

TEST(PeerBroker, DeclinedRequestTellsTheRequester) {
    TestServer server;
    BrokerPair pair(server);
    ASSERT_TRUE(pair.yoda.request("startprivate obiwan").ok());
    ASSERT_TRUE(pair.obiwan.waitEvent(ev::kPrivateRequest));
    ASSERT_TRUE(pair.obiwan.request("n").ok());
    auto declined = pair.yoda.waitEvent(ev::kPrivateDeclined);
    ASSERT_TRUE(declined);
    EXPECT_EQ(declined->field("reason"), "declined");
    EXPECT_EQ(pair.yoda.request("private obiwan hi").code(), err::kNotEnabled);
    EXPECT_EQ(pair.obiwan.request("y").code(), err::kNoRequest);
}

TEST(PeerBroker, BlockedRequesterIsRefusedAndTheTargetNeverAsked) {
    TestServer server;
    BrokerPair pair(server);
    TestClient hans(server.port());
    loginWithPorts(hans, "hans", 8003, 40003);
    ASSERT_TRUE(pair.obiwan.request("block yoda").ok());
    EXPECT_EQ(pair.yoda.request("startprivate obiwan").code(), err::kBlocked);
    EXPECT_FALSE(pair.obiwan.waitEvent(ev::kPrivateRequest, 300ms));
    // Others are unaffected by obiwan's block.
    ASSERT_TRUE(hans.request("startprivate obiwan").ok());
    auto request = pair.obiwan.waitEvent(ev::kPrivateRequest);
    ASSERT_TRUE(request);
    EXPECT_EQ(request->field("from"), "hans");
}

TEST(PeerBroker, StopFromEitherSideTellsTheOther) {
    TestServer server;
    BrokerPair pair(server);
    for (bool yodaStops : {true, false}) {
        TestClient& stopper = yodaStops ? pair.yoda : pair.obiwan;
        TestClient& other = yodaStops ? pair.obiwan : pair.yoda;
        const std::string otherName = yodaStops ? "obiwan" : "yoda";
        ASSERT_TRUE(pair.openChat("ACCEPTPRIVATE yoda"));
        ASSERT_TRUE(stopper.request("stopprivate " + otherName).ok());
        auto ended = other.waitEvent(ev::kPrivateEnded);
        ASSERT_TRUE(ended);
        EXPECT_EQ(ended->field("reason"), "stopped");
        EXPECT_EQ(pair.yoda.request("private obiwan").code(), err::kNotEnabled);
        EXPECT_EQ(stopper.request("stopprivate " + otherName).code(), err::kNotEnabled);
    }
}

TEST(PeerBroker, LogoutEndsTheChatAndWithdrawsRequests) {
    TestServer server;
    BrokerPair pair(server);
    TestClient hans(server.port());
    loginWithPorts(hans, "hans", 8003, 40003);
    ASSERT_TRUE(pair.openChat());
    ASSERT_TRUE(pair.yoda.request("startprivate hans").ok()); // hans has not answered yet
    ASSERT_TRUE(hans.waitEvent(ev::kPrivateRequest));

    pair.yoda.request("OUT");
    auto ended = pair.obiwan.waitEvent(ev::kPrivateEnded);
    ASSERT_TRUE(ended);
    EXPECT_EQ(ended->field("user"), "yoda");
    EXPECT_EQ(ended->field("reason"), "logout");
    auto withdrawn = hans.waitEvent(ev::kPrivateEnded);
    ASSERT_TRUE(withdrawn);
    EXPECT_EQ(withdrawn->field("reason"), "withdrawn");
    EXPECT_EQ(hans.request("y").code(), err::kNoRequest);
    EXPECT_EQ(pair.obiwan.request("private yoda").code(), err::kNotEnabled);
}

TEST(PeerBroker, IdleTimeoutEndsTheChatAndPrivateCountsAsActivity) {
    TestServer server([](ServerOptions& o) {
        o.settings.idleTimeoutSeconds = 2;
        o.housekeepingMillis = 50;
    });
    BrokerPair pair(server);
    ASSERT_TRUE(pair.openChat());
    // Over three seconds, past the timeout: yoda keeps busy with `private` only, obiwan with
    // ordinary commands. Both stay online.
    for (int i = 0; i < 6; ++i) {
        ASSERT_TRUE(pair.yoda.request("private obiwan").ok()) << "round " << i;
        ASSERT_TRUE(pair.obiwan.request("ATU").ok()) << "round " << i;
        std::this_thread::sleep_for(500ms);
    }
    // Then yoda goes quiet, times out, and obiwan is told.
    std::optional<ServerLine> ended;
    for (int i = 0; i < 20 && !ended; ++i) {
        ASSERT_TRUE(pair.obiwan.request("ATU").ok());
        ended = pair.obiwan.waitEvent(ev::kPrivateEnded, 500ms);
    }
    ASSERT_TRUE(ended);
    EXPECT_EQ(ended->field("reason"), "timeout");
}

} // namespace
} // namespace toom::test
