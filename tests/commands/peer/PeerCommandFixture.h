#pragma once
// The world the peer-to-peer command tests run in: the caller is yoda (127.0.0.1, UDP 8001,
// chat port 40001); obiwan is online at 10.0.0.2 with both ports; hans is online with an old
// client that announced no ports; leia exists but is offline. Events sent to users are
// recorded in `sent`, per recipient.

#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

namespace toom::test {

class PeerCommandTest : public ::testing::Test {
protected:
    PeerCommandTest() {
        using ::testing::_;
        using ::testing::Return;
        h.session.state.chatPort = 40001;
        for (const char* name : {"yoda", "obiwan", "hans", "leia"})
            ON_CALL(h.accounts, exists(name)).WillByDefault(Return(true));
        ON_CALL(h.presence, find(_)).WillByDefault(Return(std::nullopt));
        online("yoda", "127.0.0.1", 8001, 40001);
        online("obiwan", "10.0.0.2", 8002, 40002);
        online("hans", "10.0.0.3", 0, 0);
        ON_CALL(h.messenger, sendTo(_, _))
            .WillByDefault([this](const std::string& user, const ServerLine& event) {
                if (offline.count(user))
                    return false;
                sent[user].push_back(event);
                return true;
            });
        ON_CALL(h.peers, newToken()).WillByDefault(Return(kToken));
    }

    void online(const std::string& name, const std::string& address, int udp, int chat) {
        OnlineUser user{name, address, udp, testEpoch(), chat};
        ON_CALL(h.presence, find(name)).WillByDefault(::testing::Return(user));
    }

    /// The only event `user` was sent; fails the test unless there is exactly one.
    ServerLine onlyEventTo(const std::string& user) {
        const auto& events = sent[user];
        EXPECT_EQ(events.size(), 1u) << "events to " << user;
        return events.empty() ? ServerLine() : events.front();
    }

    static constexpr const char* kToken = "00112233445566778899aabbccddeeff";

    CommandHarness h;
    std::map<std::string, std::vector<ServerLine>> sent;
    std::set<std::string> offline; ///< sendTo() fails for these, as for a user who just left.
};

} // namespace toom::test
