// SessionDirectory (who is online, in login order) and LocalMessenger (delivery over it).

#include "server/state/SessionDirectory.h"

#include "server/state/LocalMessenger.h"
#include "support/mocks/MockServices.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

OnlineUser user(std::string name, int udpPort = 0) {
    return OnlineUser{std::move(name), "127.0.0.1", udpPort, testEpoch()};
}

std::vector<std::string> names(const std::vector<SessionDirectory::Entry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.user.username);
    return out;
}

class SessionDirectoryTest : public ::testing::Test {
protected:
    SessionDirectory directory;
    std::shared_ptr<FakeOutbox> yodaBox = std::make_shared<FakeOutbox>();
    std::shared_ptr<FakeOutbox> lukeBox = std::make_shared<FakeOutbox>();
    std::shared_ptr<FakeOutbox> leiaBox = std::make_shared<FakeOutbox>();
};

TEST_F(SessionDirectoryTest, AddFindRemove) {
    EXPECT_TRUE(directory.add(user("yoda", 8001), yodaBox));
    EXPECT_EQ(directory.size(), 1u);
    auto found = directory.find("yoda");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->user.udpPort, 8001);
    EXPECT_EQ(found->outbox, yodaBox);

    auto removed = directory.remove("yoda");
    ASSERT_TRUE(removed.has_value());
    EXPECT_EQ(removed->user.username, "yoda");
    EXPECT_EQ(removed->outbox, yodaBox);
    EXPECT_EQ(directory.size(), 0u);
    EXPECT_FALSE(directory.find("yoda").has_value());
    EXPECT_FALSE(directory.remove("yoda").has_value());
}

TEST_F(SessionDirectoryTest, ANameIsOnlineOnce) {
    EXPECT_TRUE(directory.add(user("yoda", 8001), yodaBox));
    EXPECT_FALSE(directory.add(user("yoda", 9999), lukeBox));
    EXPECT_EQ(directory.size(), 1u);
    // The first entry is untouched.
    EXPECT_EQ(directory.find("yoda")->user.udpPort, 8001);
    EXPECT_EQ(directory.find("yoda")->outbox, yodaBox);
}

TEST_F(SessionDirectoryTest, NamesAreCaseSensitive) {
    EXPECT_TRUE(directory.add(user("yoda"), yodaBox));
    EXPECT_TRUE(directory.add(user("Yoda"), lukeBox));
    EXPECT_FALSE(directory.find("YODA").has_value());
}

TEST_F(SessionDirectoryTest, SnapshotIsInLoginOrder) {
    for (const char* name : {"zeta", "alpha", "mike", "bravo", "yankee", "charlie"})
        directory.add(user(name), yodaBox);
    EXPECT_EQ(names(directory.snapshot()),
              (std::vector<std::string>{"zeta", "alpha", "mike", "bravo", "yankee", "charlie"}));
}

TEST_F(SessionDirectoryTest, LoggingInAgainGoesToTheEnd) {
    directory.add(user("yoda"), yodaBox);
    directory.add(user("luke"), lukeBox);
    directory.remove("yoda");
    directory.add(user("yoda"), yodaBox);
    EXPECT_EQ(names(directory.snapshot()), (std::vector<std::string>{"luke", "yoda"}));
}

TEST_F(SessionDirectoryTest, ReplaceHandsTheNameToTheNewSession) {
    directory.add(user("yoda", 8001), yodaBox);
    directory.add(user("luke"), lukeBox);
    auto previous = directory.replace(user("yoda", 9001), leiaBox);
    ASSERT_TRUE(previous.has_value());
    EXPECT_EQ(previous->outbox, yodaBox);
    EXPECT_EQ(previous->user.udpPort, 8001);
    EXPECT_EQ(directory.find("yoda")->outbox, leiaBox);
    EXPECT_EQ(directory.find("yoda")->user.udpPort, 9001);
    EXPECT_EQ(directory.size(), 2u);
    // A new login: last in the order.
    EXPECT_EQ(names(directory.snapshot()), (std::vector<std::string>{"luke", "yoda"}));
}

TEST_F(SessionDirectoryTest, ReplaceOfSomeoneOfflineAdds) {
    EXPECT_FALSE(directory.replace(user("yoda"), yodaBox).has_value());
    EXPECT_EQ(directory.find("yoda")->outbox, yodaBox);
}

TEST_F(SessionDirectoryTest, RemoveSessionRemovesOnlyThatSession) {
    directory.add(user("yoda"), yodaBox);
    EXPECT_FALSE(directory.removeSession("yoda", *lukeBox).has_value());
    EXPECT_TRUE(directory.find("yoda").has_value());
    auto removed = directory.removeSession("yoda", *yodaBox);
    ASSERT_TRUE(removed.has_value());
    EXPECT_EQ(removed->outbox, yodaBox);
    EXPECT_FALSE(directory.find("yoda").has_value());
    EXPECT_FALSE(directory.removeSession("yoda", *yodaBox).has_value());
}

TEST_F(SessionDirectoryTest, SetUdpPortOnlyForOnlineUsers) {
    directory.add(user("yoda", 8001), yodaBox);
    EXPECT_TRUE(directory.setUdpPort("yoda", 9001));
    EXPECT_EQ(directory.find("yoda")->user.udpPort, 9001);
    EXPECT_FALSE(directory.setUdpPort("luke", 9002));
    EXPECT_FALSE(directory.find("luke").has_value());
}

TEST_F(SessionDirectoryTest, SnapshotIsACopy) {
    directory.add(user("yoda", 8001), yodaBox);
    auto snap = directory.snapshot();
    directory.setUdpPort("yoda", 1);
    directory.remove("yoda");
    ASSERT_EQ(snap.size(), 1u);
    EXPECT_EQ(snap[0].user.udpPort, 8001);
}

// --- LocalMessenger ---------------------------------------------------------------------------

TEST_F(SessionDirectoryTest, SendToQueuesOneFormattedLine) {
    LocalMessenger messenger(directory);
    directory.add(user("yoda"), yodaBox);
    ServerLine event = ServerLine::event("MSG");
    event.with("from", "luke").say("hello  there");
    EXPECT_TRUE(messenger.sendTo("yoda", event));
    EXPECT_EQ(yodaBox->bytes(), event.format() + "\n");
}

TEST_F(SessionDirectoryTest, SendToOfflineOrRefusingUserFails) {
    LocalMessenger messenger(directory);
    EXPECT_FALSE(messenger.sendTo("yoda", ServerLine::event("MSG")));
    yodaBox->refuse = true;
    directory.add(user("yoda"), yodaBox);
    EXPECT_FALSE(messenger.sendTo("yoda", ServerLine::event("MSG")));
}

TEST_F(SessionDirectoryTest, BroadcastSkipsTheSenderAndRejectedAndCountsDeliveries) {
    LocalMessenger messenger(directory);
    directory.add(user("yoda"), yodaBox);
    directory.add(user("luke"), lukeBox);
    directory.add(user("leia"), leiaBox);
    auto hanBox = std::make_shared<FakeOutbox>();
    hanBox->refuse = true;
    directory.add(user("han"), hanBox);

    const ServerLine event = ServerLine::event("BCM");
    std::size_t delivered =
        messenger.broadcast(event, "yoda", [](const std::string& name) { return name != "leia"; });
    EXPECT_EQ(delivered, 1u);
    EXPECT_TRUE(yodaBox->lines().empty());
    EXPECT_EQ(lukeBox->lines(), (std::vector<std::string>{"EVENT BCM"}));
    EXPECT_TRUE(leiaBox->lines().empty());
}

TEST_F(SessionDirectoryTest, BroadcastWithoutFilterReachesEveryoneElse) {
    LocalMessenger messenger(directory);
    directory.add(user("yoda"), yodaBox);
    directory.add(user("luke"), lukeBox);
    directory.add(user("leia"), leiaBox);
    EXPECT_EQ(messenger.broadcast(ServerLine::event("X"), "yoda", nullptr), 2u);
    EXPECT_EQ(lukeBox->lines().size(), 1u);
    EXPECT_EQ(leiaBox->lines().size(), 1u);
}

TEST_F(SessionDirectoryTest, OutboxesOfFindsTheOnlineOnesInOrder) {
    directory.add(user("yoda"), yodaBox);
    directory.add(user("luke"), lukeBox);
    EXPECT_EQ(directory.outboxOf("luke"), lukeBox);
    EXPECT_EQ(directory.outboxOf("leia"), nullptr);
    const std::vector<std::shared_ptr<Outbox>> found =
        directory.outboxesOf({"luke", "leia", "yoda", "Yoda"});
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0], lukeBox);
    EXPECT_EQ(found[1], yodaBox);
}

TEST_F(SessionDirectoryTest, SendToEachQueuesTheSameLineForEveryOnlineNameAndCounts) {
    LocalMessenger messenger(directory);
    directory.add(user("yoda"), yodaBox);
    directory.add(user("luke"), lukeBox);
    auto hanBox = std::make_shared<FakeOutbox>();
    hanBox->refuse = true;
    directory.add(user("han"), hanBox);
    ServerLine event = ServerLine::event("ROOM");
    event.with("text", "a b\\c").say("hi");

    EXPECT_EQ(messenger.sendToEach({"luke", "leia", "han", "yoda"}, event), 2u);
    EXPECT_EQ(lukeBox->bytes(), event.format() + "\n");
    EXPECT_EQ(yodaBox->bytes(), event.format() + "\n");
    EXPECT_TRUE(leiaBox->lines().empty());
    EXPECT_EQ(messenger.sendToEach({}, event), 0u);
}

} // namespace
} // namespace toom
