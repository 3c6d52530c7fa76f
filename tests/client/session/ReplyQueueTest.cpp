#include "client/session/ReplyQueue.h"

#include <gtest/gtest.h>

#include <thread>

using namespace toom;
using namespace toom::client;

namespace {
ServerReply okReply(std::string verb) {
    ServerReply out;
    out.final = ServerLine::ok(std::move(verb));
    return out;
}
} // namespace

TEST(ReplyQueueTest, RepliesComeOutInOrder) {
    ReplyQueue queue;
    queue.push(okReply("A"));
    queue.push(okReply("B"));
    EXPECT_EQ(queue.pop()->verb(), "A");
    EXPECT_EQ(queue.pop()->verb(), "B");
}

TEST(ReplyQueueTest, CloseDrainsThenReportsNothing) {
    ReplyQueue queue;
    queue.push(okReply("A"));
    queue.close();
    EXPECT_FALSE(queue.push(okReply("B")));
    EXPECT_EQ(queue.pop()->verb(), "A");
    EXPECT_FALSE(queue.pop());
}

TEST(ReplyQueueTest, AbandonDropsQueuedReplies) {
    ReplyQueue queue;
    queue.push(okReply("A"));
    queue.abandon();
    EXPECT_FALSE(queue.pop());
    EXPECT_TRUE(queue.closed());
}

TEST(ReplyQueueTest, PopWaitsForAPush) {
    ReplyQueue queue;
    std::thread producer([&] { queue.push(okReply("late")); });
    auto got = queue.pop();
    producer.join();
    ASSERT_TRUE(got);
    EXPECT_EQ(got->verb(), "late");
}

TEST(ReplyQueueTest, PushWaitsWhileFullAndCloseReleasesIt) {
    ReplyQueue queue(1);
    ASSERT_TRUE(queue.push(okReply("A")));
    bool pushed = true;
    std::thread producer([&] { pushed = queue.push(okReply("B")); });
    EXPECT_EQ(queue.pop()->verb(), "A"); // Makes room: B goes in.
    producer.join();
    EXPECT_TRUE(pushed);
    EXPECT_EQ(queue.size(), 1u);
    std::thread blocked([&] { pushed = queue.push(okReply("C")); });
    queue.abandon();
    blocked.join();
    EXPECT_FALSE(pushed);
}

TEST(ReplyQueueTest, PopForGivesUpAfterTheTimeoutWithTheQueueOpen) {
    ReplyQueue queue;
    const auto started = std::chrono::steady_clock::now();
    EXPECT_FALSE(queue.popFor(std::chrono::milliseconds(20)));
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(20));
    EXPECT_FALSE(queue.closed()) << "a timeout, not a close";
    queue.push(okReply("A"));
    EXPECT_EQ(queue.popFor(std::chrono::milliseconds(20))->verb(), "A");
}

TEST(ReplyQueueTest, PopForWakesForAReplyOrAClose) {
    ReplyQueue queue;
    std::thread pusher([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        queue.push(okReply("A"));
        queue.close();
    });
    EXPECT_EQ(queue.popFor(std::chrono::seconds(10))->verb(), "A");
    EXPECT_FALSE(queue.popFor(std::chrono::seconds(10)));
    EXPECT_TRUE(queue.closed());
    pusher.join();
}
