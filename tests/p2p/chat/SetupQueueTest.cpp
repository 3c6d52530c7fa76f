// The messages typed while a direct chat is being set up, as pure bookkeeping: what waits, in
// which order it goes out, the bounds, and what is left to report when the chat ends.

#include "p2p/chat/SetupQueue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace toom::p2p::chat;

namespace {

using Phase = SetupQueue::Phase;
using Typed = SetupQueue::Typed;

/// Everything takeNext() hands out until it hands out nothing.
std::vector<std::string> drainQueue(SetupQueue& queue) {
    std::vector<std::string> out;
    while (auto line = queue.takeNext())
        out.push_back(*line);
    return out;
}

} // namespace

TEST(SetupQueueTest, MessagesTypedBeforeTheConnectionWaitAndGoOutInOrder) {
    SetupQueue queue({});
    EXPECT_EQ(queue.phase(), Phase::SettingUp);
    EXPECT_EQ(queue.typed("EVENT MSG :one"), Typed::Queued);
    EXPECT_EQ(queue.typed("EVENT MSG :two"), Typed::Queued);
    EXPECT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue.bytes(), 28u);
    EXPECT_FALSE(queue.takeNext()); // Not connected yet: nothing goes out.
    EXPECT_EQ(queue.phase(), Phase::SettingUp);

    queue.connected();
    EXPECT_EQ(queue.phase(), Phase::Delivering);
    EXPECT_EQ(drainQueue(queue), (std::vector<std::string>{"EVENT MSG :one", "EVENT MSG :two"}));
    EXPECT_EQ(queue.phase(), Phase::Open);
    EXPECT_EQ(queue.size(), 0u);
    EXPECT_EQ(queue.bytes(), 0u);

    // Open: the typist sends its own messages, nothing is kept.
    EXPECT_EQ(queue.typed("EVENT MSG :three"), Typed::SendNow);
    EXPECT_EQ(queue.size(), 0u);
    EXPECT_FALSE(queue.takeNext());
}

TEST(SetupQueueTest, ConnectingWithNothingWaitingOpensAtOnce) {
    SetupQueue queue({});
    queue.connected();
    EXPECT_EQ(queue.phase(), Phase::Open);
    EXPECT_EQ(queue.typed("EVENT MSG :hi"), Typed::SendNow);
}

TEST(SetupQueueTest, MessagesTypedWhileDeliveringLineUpBehindTheOthers) {
    SetupQueue queue({});
    queue.typed("one");
    queue.typed("two");
    queue.connected();
    EXPECT_EQ(queue.takeNext(), "one");
    // Typed while "two" still waits: it must not overtake it.
    EXPECT_EQ(queue.typed("three"), Typed::QueuedBehind);
    EXPECT_EQ(queue.takeNext(), "two");
    // Typed while "two" is being written (taken, not yet written): still behind it.
    EXPECT_EQ(queue.typed("four"), Typed::QueuedBehind);
    EXPECT_EQ(queue.phase(), Phase::Delivering);
    EXPECT_EQ(drainQueue(queue), (std::vector<std::string>{"three", "four"}));
    EXPECT_EQ(queue.phase(), Phase::Open);
    EXPECT_EQ(queue.typed("five"), Typed::SendNow);
}

TEST(SetupQueueTest, AtMostMaxMessagesWait) {
    SetupQueue queue({2, 1000});
    EXPECT_EQ(queue.typed("a"), Typed::Queued);
    EXPECT_EQ(queue.typed("b"), Typed::Queued);
    EXPECT_EQ(queue.typed("c"), Typed::Full);
    EXPECT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue.bytes(), 2u);
    queue.connected();
    EXPECT_EQ(queue.takeNext(), "a");
    // A place is free again (the taken one no longer counts).
    EXPECT_EQ(queue.typed("d"), Typed::QueuedBehind);
    EXPECT_EQ(queue.typed("e"), Typed::Full);
    EXPECT_EQ(drainQueue(queue), (std::vector<std::string>{"b", "d"}));
}

TEST(SetupQueueTest, AtMostMaxBytesWait) {
    SetupQueue queue({100, 10});
    EXPECT_EQ(queue.typed("12345"), Typed::Queued);
    EXPECT_EQ(queue.typed("123456"), Typed::Full);  // 11 bytes would wait.
    EXPECT_EQ(queue.typed("abcde"), Typed::Queued); // Exactly 10.
    EXPECT_EQ(queue.typed("x"), Typed::Full);
    EXPECT_EQ(queue.bytes(), 10u);
    EXPECT_EQ(queue.size(), 2u);

    SetupQueue small({100, 4});
    EXPECT_EQ(small.typed("toolong"), Typed::Full); // Bigger than the whole allowance.
    EXPECT_EQ(small.size(), 0u);
}

TEST(SetupQueueTest, AbandonReportsWhatWaitedAndEndsEverything) {
    SetupQueue queue({});
    queue.typed("one");
    queue.typed("two");
    queue.typed("three");
    EXPECT_EQ(queue.abandon(), 3u);
    EXPECT_EQ(queue.phase(), Phase::Over);
    EXPECT_EQ(queue.size(), 0u);
    EXPECT_EQ(queue.bytes(), 0u);
    EXPECT_EQ(queue.typed("four"), Typed::Over);
    queue.connected(); // Too late: stays over.
    EXPECT_EQ(queue.phase(), Phase::Over);
    EXPECT_FALSE(queue.takeNext());
    EXPECT_EQ(queue.abandon(), 0u); // Reported once only.
}

TEST(SetupQueueTest, AbandonWhileDeliveringCountsOnlyWhatIsLeft) {
    SetupQueue queue({});
    queue.typed("one");
    queue.typed("two");
    queue.typed("three");
    queue.connected();
    EXPECT_EQ(queue.takeNext(), "one"); // Handed out: the caller accounts for it.
    EXPECT_EQ(queue.abandon(), 2u);
    EXPECT_FALSE(queue.takeNext());
}

TEST(SetupQueueTest, AbandonWithNothingWaitingIsSilent) {
    SetupQueue settingUp({});
    EXPECT_EQ(settingUp.abandon(), 0u);
    SetupQueue open({});
    open.connected();
    EXPECT_EQ(open.abandon(), 0u);
    EXPECT_EQ(open.phase(), Phase::Over);
    EXPECT_EQ(open.typed("late"), Typed::Over);
}

TEST(SetupQueueTest, ConnectedIsIdempotent) {
    SetupQueue queue({});
    queue.typed("one");
    queue.connected();
    queue.connected();
    EXPECT_EQ(queue.phase(), Phase::Delivering);
    EXPECT_EQ(queue.takeNext(), "one");
    EXPECT_FALSE(queue.takeNext());
    queue.connected(); // Open stays open.
    EXPECT_EQ(queue.phase(), Phase::Open);
}
