#include "client/session/EventHold.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace toom::client {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Shown {
    std::vector<std::string> texts;
    EventHold::Show show() {
        return [this](const ServerLine& event) { texts.push_back(event.text()); };
    }
};

ServerLine message(const std::string& text) {
    ServerLine event = ServerLine::event("MESSAGE");
    event.say(text);
    return event;
}

TEST(EventHoldTest, WithoutAHoldEventsShowAtOnce) {
    EventHold hold;
    Shown shown;
    hold.offer(message("one"), shown.show());
    EXPECT_THAT(shown.texts, ElementsAre("one"));
    EXPECT_FALSE(hold.holding());
}

TEST(EventHoldTest, HeldEventsShowOnReleaseInTheirOrderAndLaterOnesAtOnce) {
    EventHold hold;
    Shown shown;
    hold.hold();
    hold.offer(message("waited 1"), shown.show());
    hold.offer(message("waited 2"), shown.show());
    EXPECT_THAT(shown.texts, IsEmpty());
    shown.texts.push_back("Welcome"); // What the session prints before it releases.
    hold.release(shown.show());
    hold.offer(message("live"), shown.show());
    EXPECT_THAT(shown.texts, ElementsAre("Welcome", "waited 1", "waited 2", "live"));
}

TEST(EventHoldTest, ReleasingTwiceShowsNothingTwice) {
    EventHold hold;
    Shown shown;
    hold.hold();
    hold.offer(message("once"), shown.show());
    hold.release(shown.show());
    hold.release(shown.show());
    EXPECT_THAT(shown.texts, ElementsAre("once"));
}

TEST(EventHoldTest, PastTheCountTheHoldEndsAndNothingIsLost) {
    EventHold hold(2, 1 << 20);
    Shown shown;
    hold.hold();
    hold.offer(message("a"), shown.show());
    hold.offer(message("b"), shown.show());
    EXPECT_THAT(shown.texts, IsEmpty());
    hold.offer(message("c"), shown.show());
    EXPECT_THAT(shown.texts, ElementsAre("a", "b", "c"));
    EXPECT_FALSE(hold.holding());
}

TEST(EventHoldTest, PastTheBytesTheHoldEndsToo) {
    EventHold hold(100, 4096);
    Shown shown;
    hold.hold();
    hold.offer(message(std::string(1000, 'x')), shown.show());
    EXPECT_THAT(shown.texts, IsEmpty());
    hold.offer(message(std::string(5000, 'y')), shown.show());
    ASSERT_EQ(shown.texts.size(), 2u);
    EXPECT_EQ(shown.texts[0].size(), 1000u);
    EXPECT_EQ(shown.texts[1].size(), 5000u);
}

} // namespace
} // namespace toom::client
