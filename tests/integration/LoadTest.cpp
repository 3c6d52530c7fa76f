// Scale and isolation: hundreds of clients logged in at once, and a client that never reads
// cannot hold up anyone else.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>

namespace toom::test {
namespace {

constexpr int kClients = 500;

TEST(Load, FiveHundredClientsLoggedInAtOnce) {
    TestServer server([](ServerOptions& o) {
        o.settings.presenceNotices = false; // 500 x 500 notices would only measure the test client.
        o.settings.selfRegistration = true;
    });
    std::vector<std::unique_ptr<TestClient>> clients;
    clients.reserve(kClients);
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<TestClient>(server.port()));
        // Pipeline the whole login so the server works on many at once.
        clients.back()->sendRaw("user" + std::to_string(i) + "\npw" + std::to_string(i) + "\n");
    }
    for (int i = 0; i < kClients; ++i) {
        ASSERT_TRUE(clients[i]->readResponse().ok()) << i;
        Response pass = clients[i]->readResponse();
        ASSERT_TRUE(pass.ok()) << i << ": " << pass.final.format();
    }
    Response atu = clients.front()->request("ATU");
    EXPECT_EQ(atu.final.field("count"), std::to_string(kClients - 1));
    EXPECT_EQ(server.server().connectionCount(), static_cast<std::size_t>(kClients));
    EXPECT_TRUE(clients.back()->request("whoelse").ok());
}

TEST(Load, ClientThatNeverReadsIsDroppedWhileOthersCarryOn) {
    // Small kernel buffers on both ends, so the server-side queue is what fills up.
    TestServer server([](ServerOptions& o) {
        o.settings.maxOutboundBytes = 16 * 1024;
        o.settings.socketSendBufferBytes = 8 * 1024;
    });
    TestClient stalled(server.port(), 4096);
    stalled.loginAs("hans");
    ASSERT_TRUE(stalled.request("MONITOR + luke").ok());

    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");

    // Every login/logout of a helper pushes a presence notice to hans, who never reads.
    bool dropped = false;
    for (int i = 0; i < 2000 && !dropped; ++i) {
        TestClient churn(server.port());
        churn.loginAs("luke");
        churn.request("OUT");
        churn.waitClosed();
        // The others are served promptly all along.
        ASSERT_TRUE(yoda.request("ATU").ok());
        if (i % 10 == 0) {
            Response atu = obiwan.request("ATU");
            dropped = atu.final.field("count") == "1"; // Only yoda left beside obiwan.
        }
    }
    EXPECT_TRUE(dropped) << "the stalled client was never disconnected";
    EXPECT_TRUE(obiwan.request("whoelse").ok());
}

} // namespace
} // namespace toom::test
