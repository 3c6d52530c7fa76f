#include "client/session/CommandHooks.h"

#include "client/terminal/Console.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace toom::client;

namespace {
class NullContext : public HookContext {
public:
    std::optional<ServerReply> request(std::string_view) override { return std::nullopt; }
    Console& console() override { return _console; }
    const std::string& username() const override { return _name; }

private:
    std::ostringstream _out;
    Console _console{_out};
    std::string _name = "yoda";
};
} // namespace

TEST(CommandHooksTest, LinesWithoutAHookPassUnchanged) {
    CommandHooks hooks;
    NullContext context;
    auto result = hooks.apply(context, "ATU  now");
    EXPECT_EQ(result.action, HookResult::Action::Send);
    EXPECT_EQ(result.line, "ATU  now");
}

TEST(CommandHooksTest, FirstWordSelectsTheHookIgnoringCase) {
    CommandHooks hooks;
    NullContext context;
    std::string seen;
    hooks.on("UPD", [&](HookContext& c, const std::string& line) {
        seen = c.username() + ":" + line;
        return HookResult::handled();
    });
    EXPECT_TRUE(hooks.has("upd"));
    EXPECT_EQ(hooks.apply(context, "upd luke file.mp4").action, HookResult::Action::Handled);
    EXPECT_EQ(seen, "yoda:upd luke file.mp4");
    EXPECT_EQ(hooks.apply(context, "UPDATE x").action, HookResult::Action::Send);
}

TEST(CommandHooksTest, HooksMayRewriteTheLine) {
    CommandHooks hooks;
    NullContext context;
    hooks.on("/p2pvideo",
             [](HookContext&, const std::string&) { return HookResult::pass("/activeuser"); });
    auto result = hooks.apply(context, "/p2pvideo luke a.mp4");
    EXPECT_EQ(result.action, HookResult::Action::Send);
    EXPECT_EQ(result.line, "/activeuser");
}
