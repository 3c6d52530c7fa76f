// toom-client's line format on a real pseudo-terminal: the time column, where each line came
// from, colours, the bell on a private message or a mention, and none of it for scripts.

#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

namespace toom::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

/// yoda on a terminal of type `term`, logged in, with obiwan on the raw protocol beside.
struct Scene {
    explicit Scene(const std::string& term = "xterm", std::vector<std::string> environment = {})
        : yoda(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port())}, dir.path(), 80,
               term, environment)
        , obiwan(server.port()) {
        EXPECT_TRUE(yoda.waitFor("Username: ")) << yoda.output();
        yoda.type("yoda\r");
        EXPECT_TRUE(yoda.waitFor("Password: ")) << yoda.output();
        yoda.type("wise@!man\r");
        EXPECT_TRUE(yoda.waitFor("Welcome to Toom!")) << yoda.output();
        obiwan.loginAs("obiwan");
    }
    TestServer server;
    TempDir dir;
    TerminalProcess yoda;
    TestClient obiwan;
};

TEST(ClientLineFormat, WhatArrivesShowsItsTimeAndSourceInColourAndAPrivateMessageRings) {
    Scene scene;
    ASSERT_TRUE(scene.obiwan.request("PM yoda are you there?").ok());
    // The bell follows the line in a separate write: wait for it, not just for the text.
    ASSERT_TRUE(scene.yoda.waitFor("are you there?\r\n\a")) << scene.yoda.output();
    const std::string& out = scene.yoda.output();
    // "14:05 [msg] obiwan: ...", each part coloured, then the bell.
    EXPECT_TRUE(std::regex_search(out, std::regex("\x1b\\[2m[0-9]{2}:[0-9]{2}\x1b\\[0m "
                                                  "\x1b\\[35m\\[msg\\]\x1b\\[0m "
                                                  "\x1b\\[[0-9;]+mobiwan\x1b\\[0m: are you there\\?"
                                                  "\r\n\a")))
        << out;
    // The welcome (a reply, not an event) has its time column too.
    EXPECT_TRUE(
        std::regex_search(out, std::regex("[0-9]{2}:[0-9]{2}(\x1b\\[0m)? Welcome to Toom!")))
        << out;

    ASSERT_TRUE(scene.obiwan.request("POST hello all").ok());
    ASSERT_TRUE(scene.yoda.waitFor("hello all")) << scene.yoda.output();
    EXPECT_THAT(scene.yoda.output(), HasSubstr("\x1b[33m[board #1]\x1b[0m"));
    scene.yoda.type("OUT\r");
    EXPECT_EQ(scene.yoda.waitExit(), 0) << scene.yoda.output();
}

TEST(ClientLineFormat, YourNameInAGroupIsHighlightedAndRings) {
    Scene scene;
    ASSERT_TRUE(scene.obiwan.request("CREATEGROUP jedi yoda").ok());
    ASSERT_TRUE(scene.yoda.waitFor("invited you to the group #jedi")) << scene.yoda.output();
    scene.yoda.type("/joingroup jedi\r");
    ASSERT_TRUE(scene.yoda.waitFor("Joined")) << scene.yoda.output();
    ASSERT_TRUE(scene.obiwan.request("GROUPMSG jedi where is yoda?").ok());
    ASSERT_TRUE(scene.yoda.waitFor("yoda\x1b[0m?\r\n\a")) << scene.yoda.output();
    EXPECT_THAT(scene.yoda.output(), HasSubstr("\x1b[36m[#jedi]\x1b[0m"));
    EXPECT_THAT(scene.yoda.output(), HasSubstr(": where is \x1b[1;7myoda\x1b[0m?"));
    scene.yoda.type("OUT\r");
    EXPECT_EQ(scene.yoda.waitExit(), 0) << scene.yoda.output();
}

TEST(ClientLineFormat, NoColorKeepsTheFrameWithoutColour) {
    Scene scene("xterm", {"NO_COLOR=1"});
    ASSERT_TRUE(scene.obiwan.request("PM yoda plain please").ok());
    ASSERT_TRUE(scene.yoda.waitFor("plain please")) << scene.yoda.output();
    EXPECT_TRUE(std::regex_search(scene.yoda.output(),
                                  std::regex("[0-9]{2}:[0-9]{2} \\[msg\\] obiwan: plain please")))
        << scene.yoda.output();
    EXPECT_THAT(scene.yoda.output(), Not(HasSubstr("\x1b[35m")));
    scene.yoda.type("OUT\r");
    EXPECT_EQ(scene.yoda.waitExit(), 0) << scene.yoda.output();
}

TEST(ClientLineFormat, ADumbTerminalGetsTheFrameAndNoEscapeOrBell) {
    Scene scene("dumb");
    ASSERT_TRUE(scene.obiwan.request("PM yoda hello dumb").ok());
    ASSERT_TRUE(scene.yoda.waitFor("hello dumb")) << scene.yoda.output();
    EXPECT_TRUE(std::regex_search(scene.yoda.output(),
                                  std::regex("[0-9]{2}:[0-9]{2} \\[msg\\] obiwan: hello dumb")))
        << scene.yoda.output();
    scene.yoda.type("OUT\r");
    EXPECT_EQ(scene.yoda.waitExit(), 0) << scene.yoda.output();
    EXPECT_EQ(scene.yoda.output().find('\x1b'), std::string::npos) << scene.yoda.output();
    EXPECT_EQ(scene.yoda.output().find('\a'), std::string::npos) << scene.yoda.output();
}

} // namespace
} // namespace toom::test
