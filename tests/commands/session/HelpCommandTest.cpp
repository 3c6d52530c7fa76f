// HELP [command]: generated from the registry's metadata.

#include "commands/session/HelpCommand.h"

#include "common/Protocol.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

TEST(HelpCommandTest, ListsEveryRegisteredCommandInOrder) {
    CommandHarness h;
    Reply reply = h.run("HELP");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    const auto specs = h.registry.specs();
    ASSERT_EQ(reply.rows().size(), specs.size());
    EXPECT_EQ(reply.final().intField("count"), static_cast<std::int64_t>(specs.size()));
    for (std::size_t i = 0; i < specs.size(); ++i)
        EXPECT_EQ(reply.rows()[i].field("command"), specs[i]->canonical);
}

TEST(HelpCommandTest, ListsCommandsRegisteredLater) {
    CommandHarness h;
    CommandSpec s;
    s.canonical = "ZAP";
    s.names = {{"ZAP", Dialect::Toom}};
    s.summary = "zap";
    h.registry.add(s, []() -> std::unique_ptr<Command> { return nullptr; });
    Reply reply = h.run("HELP");
    ASSERT_FALSE(reply.rows().empty());
    EXPECT_EQ(reply.rows().back().field("command"), "ZAP");
}

TEST(HelpCommandTest, DescribesOneCommandByAnyName) {
    CommandHarness h;
    Reply reply = h.run("HELP atu");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 1u);
    EXPECT_EQ(reply.final().intField("count"), 1);
    const ServerLine& row = reply.rows()[0];
    EXPECT_EQ(row.field("command"), "WHO");
    EXPECT_EQ(row.field("names"), "WHO,ATU,whoelse,/activeuser");
    EXPECT_EQ(row.field("syntax"), "");
}

TEST(HelpCommandTest, DescriptionCarriesTheSyntax) {
    CommandHarness h;
    Reply reply = h.run("/help WHOELSESINCE");
    ASSERT_EQ(reply.rows().size(), 1u);
    EXPECT_EQ(reply.rows()[0].field("command"), "WHOSINCE");
    EXPECT_EQ(reply.rows()[0].field("syntax"), "<seconds>");
    EXPECT_THAT(reply.rows()[0].text(), ::testing::HasSubstr("<seconds>"));
}

TEST(HelpCommandTest, UnknownCommandIsUnknownCommand) {
    CommandHarness h;
    Reply reply = h.run("HELP fly");
    EXPECT_TRUE(reply.failed());
    EXPECT_EQ(reply.final().code(), err::kUnknownCommand);
    EXPECT_EQ(reply.final().field("command"), "fly");
    EXPECT_TRUE(reply.rows().empty());
}

TEST(HelpCommandTest, FindsAnyAliasWithOrWithoutItsSlash) {
    CommandHarness h;
    for (const char* line : {"HELP /msgto", "HELP msgto", "HELP PM", "HELP /pm", "HELP message",
                             "/help MSGTO", "help /message"}) {
        Reply reply = h.run(line);
        ASSERT_FALSE(reply.failed()) << line << ": " << reply.wire();
        ASSERT_EQ(reply.rows().size(), 1u) << line;
        EXPECT_EQ(reply.rows()[0].field("command"), "PM") << line;
        EXPECT_EQ(reply.rows()[0].field("names"), "PM,message,/msgto") << line;
    }
    EXPECT_EQ(h.run("HELP activeuser").rows().at(0).field("command"), "WHO");
    EXPECT_EQ(h.run("HELP p2pvideo").rows().at(0).field("command"), "SENDFILE");
}

TEST(HelpCommandTest, ShowsTheSyntaxThisServerAccepts) {
    CommandHarness h;
    Reply withShortForms = h.run("HELP EDT");
    EXPECT_EQ(withShortForms.rows().at(0).field("syntax"), "<n> [<d Mmm yyyy hh:mm:ss>] <message>");
    EXPECT_THAT(withShortForms.rows().at(0).text(),
                ::testing::StartsWith("EDIT, EDT <n> [<d Mmm yyyy hh:mm:ss>] <message>  -  "));
    h.settings.shortForms = false; // A seed profile.
    EXPECT_EQ(h.run("HELP EDT").rows().at(0).field("syntax"),
              "<n> <d Mmm yyyy hh:mm:ss> <message>");
    EXPECT_EQ(h.run("HELP").rows().size(), h.registry.specs().size());
}

TEST(HelpCommandTest, UnknownCommandSuggestsTheNearestName) {
    CommandHarness h;
    Reply reply = h.run("HELP /mgsto");
    EXPECT_EQ(reply.final().code(), err::kUnknownCommand);
    EXPECT_EQ(reply.final().field("suggestion"), "/msgto");
    EXPECT_EQ(reply.final().text(), "No such command: /mgsto; did you mean /msgto?");
    EXPECT_FALSE(h.run("HELP fly").final().field("suggestion"));
}

TEST(HelpCommandTest, WorksBeforeLogin) {
    CommandHarness h;
    h.logOut();
    EXPECT_FALSE(h.run("HELP").failed());
    EXPECT_FALSE(h.run("help udpport").failed());
}

TEST(HelpCommandTest, TakesAtMostOneArgument) {
    CommandHarness h;
    EXPECT_EQ(h.run("HELP atu out").final().code(), err::kBadArguments);
}

} // namespace
} // namespace toom
