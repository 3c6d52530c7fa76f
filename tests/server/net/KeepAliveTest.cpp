// applyKeepAlive: TCP keepalive on a client socket, so that a peer that vanished is noticed.

#include "server/net/ClientHandler.h"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace toom {
namespace {

int socketOption(int fd, int level, int name) {
    int value = -1;
    socklen_t length = sizeof value;
    EXPECT_EQ(::getsockopt(fd, level, name, &value, &length), 0);
    return value;
}

class KeepAliveTest : public ::testing::Test {
protected:
    ~KeepAliveTest() override { ::close(fd); }
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
};

TEST_F(KeepAliveTest, SetsTheProbeTimings) {
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(applyKeepAlive(fd, 45, 7, 4));
    EXPECT_NE(socketOption(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
    EXPECT_EQ(socketOption(fd, IPPROTO_TCP, TCP_KEEPIDLE), 45);
    EXPECT_EQ(socketOption(fd, IPPROTO_TCP, TCP_KEEPINTVL), 7);
    EXPECT_EQ(socketOption(fd, IPPROTO_TCP, TCP_KEEPCNT), 4);
}

TEST_F(KeepAliveTest, ZeroIdleTurnsItOff) {
    ASSERT_TRUE(applyKeepAlive(fd, 30, 5, 5));
    ASSERT_TRUE(applyKeepAlive(fd, 0, 5, 5));
    EXPECT_EQ(socketOption(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
}

TEST_F(KeepAliveTest, ABadDescriptorIsReportedNotFatal) {
    EXPECT_FALSE(applyKeepAlive(-1, 30, 5, 5));
}

} // namespace
} // namespace toom
