// UDPPORT <udp_port> [<chat_port>]: the client's P2P ports.

#include "commands/session/UdpPortCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;

TEST(UdpPortCommandTest, SetsTheSessionPortAndPresenceWhenLoggedIn) {
    CommandHarness h;
    EXPECT_CALL(h.session, setUdpPort(9000)).Times(1);
    EXPECT_CALL(h.presence, setUdpPort("yoda", 9000)).Times(1);
    Reply reply = h.run("UDPPORT 9000");
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().intField("udp_port"), 9000);
}

TEST(UdpPortCommandTest, BeforeLoginOnlyTheSessionPortChanges) {
    CommandHarness h;
    h.logOut();
    EXPECT_CALL(h.presence, setUdpPort(_, _)).Times(0);
    Reply reply = h.run("udpport 8001");
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(h.session.state.udpPort, 8001);
}

TEST(UdpPortCommandTest, AcceptsTheWholeRange) {
    for (int port : {0, 1, 65535}) {
        CommandHarness h;
        Reply reply = h.run("UDPPORT " + std::to_string(port));
        EXPECT_FALSE(reply.failed()) << port;
        EXPECT_EQ(h.session.state.udpPort, port);
    }
}

TEST(UdpPortCommandTest, RejectsPortsOutOfRangeAndNonNumbers) {
    for (const char* arg : {"65536", "-1", "abc", "80a", "1.0", "99999999999", "+80"}) {
        CommandHarness h;
        EXPECT_CALL(h.session, setUdpPort(_)).Times(0);
        EXPECT_CALL(h.presence, setUdpPort(_, _)).Times(0);
        Reply reply = h.run(std::string("UDPPORT ") + arg);
        EXPECT_EQ(reply.final().code(), err::kInvalidArgument) << arg;
        EXPECT_EQ(reply.final().field("argument"), "udp_port") << arg;
        EXPECT_EQ(h.session.state.udpPort, 8001) << arg;
    }
}

TEST(UdpPortCommandTest, NeedsOneOrTwoArguments) {
    CommandHarness h;
    EXPECT_EQ(h.run("UDPPORT").final().code(), err::kBadArguments);
    EXPECT_EQ(h.run("UDPPORT 1 2 3").final().code(), err::kBadArguments);
}

TEST(UdpPortCommandTest, SecondPortIsTheChatPort) {
    CommandHarness h;
    EXPECT_CALL(h.presence, setUdpPort("yoda", 9000));
    EXPECT_CALL(h.presence, setChatPort("yoda", 40123));
    Reply reply = h.run("UDPPORT 9000 40123");
    EXPECT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().intField("chat_port"), 40123);
    EXPECT_EQ(h.session.state.chatPort, 40123);
}

TEST(UdpPortCommandTest, WithoutAChatPortTheChatPortIsCleared) {
    CommandHarness h;
    h.session.state.chatPort = 40123;
    h.run("UDPPORT 9000");
    EXPECT_EQ(h.session.state.chatPort, 0);
}

TEST(UdpPortCommandTest, BadChatPortChangesNothing) {
    CommandHarness h;
    EXPECT_CALL(h.session, setUdpPort(_)).Times(0);
    Reply reply = h.run("UDPPORT 9000 70000");
    EXPECT_EQ(reply.final().code(), err::kInvalidArgument);
    EXPECT_EQ(reply.final().field("argument"), "chat_port");
}

TEST(UdpPortCommandTest, IsNotActivity) {
    CommandHarness h;
    EXPECT_CALL(h.session, touch()).Times(0);
    h.run("UDPPORT 8005");
}

} // namespace
} // namespace toom
