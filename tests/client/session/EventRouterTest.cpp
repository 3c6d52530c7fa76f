#include "client/session/EventRouter.h"

#include <gtest/gtest.h>

using namespace toom;
using namespace toom::client;

TEST(EventRouterTest, HandlersAreChosenByType) {
    EventRouter router;
    std::string got;
    router.on("TIMEOUT", [&](const ServerLine&) { got += "timeout;"; });
    router.otherwise([&](const ServerLine& e) { got += "other:" + e.verb() + ";"; });
    EXPECT_TRUE(router.dispatch(ServerLine::event("TIMEOUT")));
    EXPECT_TRUE(router.dispatch(ServerLine::event("P2P_OFFER")));
    EXPECT_EQ(got, "timeout;other:P2P_OFFER;");
}

TEST(EventRouterTest, WithoutAHandlerOrFallbackNothingHappens) {
    EventRouter router;
    EXPECT_FALSE(router.dispatch(ServerLine::event("MESSAGE")));
}

TEST(EventRouterTest, HandlersCanBeReplacedAndRemoved) {
    EventRouter router;
    int calls = 0;
    router.on("ROOM", [&](const ServerLine&) { calls += 1; });
    router.on("ROOM", [&](const ServerLine&) { calls += 10; });
    EXPECT_TRUE(router.handles("ROOM"));
    router.dispatch(ServerLine::event("ROOM"));
    EXPECT_EQ(calls, 10);
    router.remove("ROOM");
    EXPECT_FALSE(router.handles("ROOM"));
    EXPECT_FALSE(router.dispatch(ServerLine::event("ROOM")));
}

TEST(EventRouterTest, AHandlerMayRegisterAnother) {
    EventRouter router;
    bool second = false;
    router.on(
        "A", [&](const ServerLine&) { router.on("B", [&](const ServerLine&) { second = true; }); });
    router.dispatch(ServerLine::event("A"));
    router.dispatch(ServerLine::event("B"));
    EXPECT_TRUE(second);
}

TEST(EventRouterTest, WatchersSeeEveryEventBeforeItsHandler) {
    EventRouter router;
    std::string got;
    router.on("PRESENCE", [&](const ServerLine&) { got += "handler;"; });
    router.watch([&](const ServerLine& e) { got += "watch:" + e.verb() + ";"; });
    router.dispatch(ServerLine::event("PRESENCE"));
    EXPECT_FALSE(router.dispatch(ServerLine::event("ROOM"))); // Watched, but not handled.
    EXPECT_EQ(got, "watch:PRESENCE;handler;watch:ROOM;");
}
