// Flood control over real sockets: a client past its burst is slowed ("fake lag"), never
// refused or disconnected, and others are served meanwhile.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace toom::test {
namespace {

using Steady = std::chrono::steady_clock;

TestServer::Tweak flood(double linesPerSecond, double burst, double unknownCost = 3) {
    return [=](ServerOptions& o) {
        o.flood.linesPerSecond = linesPerSecond;
        o.flood.burst = burst;
        o.flood.unknownCommandCost = unknownCost;
    };
}

std::string lines(const std::string& line, int count) {
    std::string out;
    for (int i = 0; i < count; ++i)
        out += line + "\n";
    return out;
}

// 45 requests at 20 a second after a burst of 5: every one is answered, in order, and the last
// no sooner than the bucket allows (40 / 20 = 2 s). A lower bound only: the server may be
// slower, never faster.
TEST(FloodControl, RequestsPastTheBurstAreDelayedNotRefused) {
    TestServer server(flood(20, 5));
    TestClient flooder(server.port());
    flooder.loginAs("hans"); // Two lines of the burst.
    TestClient yoda(server.port());
    yoda.loginAs("yoda");

    const auto start = Steady::now();
    flooder.sendRaw(lines("WHO", 45));
    // Someone else is served while the flooder waits.
    EXPECT_TRUE(yoda.request("WHO").ok());
    for (int i = 0; i < 45; ++i) {
        Response who = flooder.readResponse();
        ASSERT_TRUE(who.ok()) << i << ": " << who.final.format();
    }
    EXPECT_GE(Steady::now() - start, std::chrono::milliseconds(1900));
    EXPECT_TRUE(flooder.request("WHO").ok()); // Still connected.
}

// A line that is no command costs more: 5 tokens each here, so 4 of them past a burst of 10
// owe 10 tokens, half a second at 20 a second, while 4 known commands would owe nothing.
TEST(FloodControl, UnknownCommandsCostMore) {
    TestServer server(flood(20, 10, 5));
    TestClient client(server.port());
    client.loginAs("yoda"); // 2 tokens.
    EXPECT_TRUE(client.request("WHO").ok());

    const auto start = Steady::now();
    client.sendRaw(lines("NOSUCHCOMMAND", 4));
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(client.readResponse().code(), "UNKNOWN_COMMAND") << i;
    EXPECT_GE(Steady::now() - start, std::chrono::milliseconds(450));
    EXPECT_TRUE(client.request("WHO").ok());
}

// Off by configuration: a rate of 0 never delays anything, which the test server relies on.
TEST(FloodControl, ARateOfZeroTurnsItOff) {
    TestServer server(flood(0, 1));
    TestClient client(server.port());
    client.loginAs("yoda");
    client.sendRaw(lines("WHO", 200));
    for (int i = 0; i < 200; ++i)
        ASSERT_TRUE(client.readResponse().ok()) << i;
}

} // namespace
} // namespace toom::test
