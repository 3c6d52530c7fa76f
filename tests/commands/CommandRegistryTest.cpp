// The dispatcher's generic rules: lookup, login, arity, activity, errors, registration.

#include "commands/CommandRegistry.h"

#include "common/Protocol.h"
#include "common/Text.h"
#include "support/LambdaCommand.h"
#include "support/mocks/MockServices.h"

#include <Poco/Exception.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

namespace toom {
namespace {

using test::LambdaCommand;

/// What the last execution of a test command saw.
struct Seen {
    int runs = 0;
    Dialect dialect = Dialect::Toom;
    std::vector<std::string> args;
};

class CommandRegistryTest : public ::testing::Test {
protected:
    CommandSpec spec(std::string canonical, std::vector<CommandName> names, int minArgs,
                     int maxArgs) {
        CommandSpec s;
        s.canonical = std::move(canonical);
        s.names = std::move(names);
        s.minArgs = minArgs;
        s.maxArgs = maxArgs;
        s.syntax = "<test>";
        s.summary = "a test command";
        return s;
    }

    /// Registers `s` with a body that records what it saw into `seen`.
    void addRecording(CommandSpec s, Seen& seen) {
        h.registry.add(std::move(s), [&seen] {
            return std::make_unique<LambdaCommand>([&seen](CommandContext& ctx) {
                ++seen.runs;
                seen.dialect = ctx.dialect();
                seen.args = ctx.args();
            });
        });
    }

    void addBody(CommandSpec s, std::function<void(CommandContext&)> body) {
        h.registry.add(std::move(s), [body] { return std::make_unique<LambdaCommand>(body); });
    }

    CommandHarness h;
};

// --- flood cost ------------------------------------------------------------------------------

TEST_F(CommandRegistryTest, AKnownCommandCostsOneInAnyCaseAndDialect) {
    EXPECT_EQ(h.registry.floodCost("WHO", 3), 1);
    EXPECT_EQ(h.registry.floodCost("whoelse", 3), 1);
    EXPECT_EQ(h.registry.floodCost("pm obiwan hello there", 3), 1);
}

TEST_F(CommandRegistryTest, ALineThatNamesNoCommandCostsTheUnknownCost) {
    EXPECT_EQ(h.registry.floodCost("NICK yoda", 3), 3);
    EXPECT_EQ(h.registry.floodCost("", 3), 3);
    EXPECT_EQ(h.registry.floodCost("GET / HTTP/1.1", 7), 7);
    EXPECT_EQ(h.registry.floodCost("NICK yoda", 0), 1); // Never free.
}

// --- unknown commands -------------------------------------------------------------------------

TEST_F(CommandRegistryTest, UnknownCommandFailsWithTheProfilesInvalidCommandText) {
    Reply reply = h.run("FLY to dagobah");
    EXPECT_TRUE(reply.failed());
    EXPECT_EQ(reply.final().code(), err::kUnknownCommand);
    EXPECT_EQ(reply.final().text(), h.settings.profile.invalidCommand);
    EXPECT_EQ(reply.verb(), "FLY");
}

TEST_F(CommandRegistryTest, UnknownCommandTextFollowsTheProfile) {
    h.settings.profile = *findProfile("toom");
    Reply reply = h.run("XYZ");
    EXPECT_EQ(reply.final().code(), err::kUnknownCommand);
    EXPECT_EQ(reply.final().text(), "Error. Invalid command!");
}

TEST_F(CommandRegistryTest, EmptyAndBlankLinesAreUnknownCommands) {
    for (const char* line : {"", "   ", "\t \t"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kUnknownCommand) << "line '" << line << "'";
    }
}

TEST_F(CommandRegistryTest, UnknownCommandIsCheckedBeforeLogin) {
    h.logOut();
    EXPECT_EQ(h.run("FLY").final().code(), err::kUnknownCommand);
}

// --- names --------------------------------------------------------------------------------------

TEST_F(CommandRegistryTest, NamesAreCaseInsensitive) {
    for (const char* line :
         {"atu", "Atu", "ATU", "aTu", "/ACTIVEUSER", "/activeuser", "WhoElse", "who"}) {
        Reply reply = h.run(line);
        EXPECT_FALSE(reply.failed()) << line << ": " << reply.final().format();
        EXPECT_EQ(reply.verb(), "WHO") << line;
    }
}

TEST_F(CommandRegistryTest, EveryCoreAliasFindsItsOwnSpec) {
    for (const CommandSpec* s : h.registry.specs()) {
        for (const auto& n : s->names) {
            EXPECT_EQ(h.registry.find(n.name), s) << n.name;
            EXPECT_EQ(h.registry.find(toUpper(n.name)), s) << n.name;
            EXPECT_EQ(h.registry.find(toLower(n.name)), s) << n.name;
        }
    }
    EXPECT_EQ(h.registry.find("nosuchcommand"), nullptr);
}

TEST_F(CommandRegistryTest, EveryAliasReachesTheSameCommandWithItsDialect) {
    Seen seen;
    addRecording(spec("PROBE",
                      {{"PROBE", Dialect::Toom},
                       {"probea", Dialect::A},
                       {"PRB", Dialect::B},
                       {"PRC", Dialect::C},
                       {"/probe", Dialect::D}},
                      0, 0),
                 seen);
    const std::vector<std::pair<std::string, Dialect>> cases = {{"probe", Dialect::Toom},
                                                                {"PROBEA", Dialect::A},
                                                                {"prb", Dialect::B},
                                                                {"Prc", Dialect::C},
                                                                {"/PROBE", Dialect::D}};
    int runs = 0;
    for (const auto& [name, dialect] : cases) {
        Reply reply = h.run(name);
        EXPECT_EQ(reply.verb(), "PROBE") << name;
        EXPECT_EQ(seen.runs, ++runs) << name;
        EXPECT_EQ(seen.dialect, dialect) << name;
    }
    EXPECT_EQ(h.registry.useCount("PROBE"), 5u);
}

TEST_F(CommandRegistryTest, RepliesUseTheCanonicalVerbWhateverNameWasTyped) {
    EXPECT_EQ(h.run("OUT").verb(), "LOGOUT");
    EXPECT_EQ(h.run("whoelsesince 10").verb(), "WHOSINCE");
    EXPECT_EQ(h.run("/help").verb(), "HELP");
}

TEST_F(CommandRegistryTest, CoreCommandsAreListedInRegistrationOrder) {
    std::vector<std::string> canonical;
    for (const CommandSpec* s : h.registry.specs())
        canonical.push_back(s->canonical);
    EXPECT_EQ(canonical,
              (std::vector<std::string>{
                  "UDPPORT",      "LOGOUT",        "HELP",           "WHO",     "WHOSINCE",
                  "MONITOR",      "POST",          "EDIT",           "DELETE",  "READ",
                  "PM",           "BLOCK",         "UNBLOCK",        "BLOCKS",  "CREATEROOM",
                  "ROOMMSG",      "CREATEGROUP",   "JOINGROUP",      "JOIN",    "TOPIC",
                  "GROUPMSG",     "ROOMS",         "LEAVE",          "HISTORY", "SENDFILE",
                  "STARTPRIVATE", "ACCEPTPRIVATE", "DECLINEPRIVATE", "PRIVATE", "STOPPRIVATE"}));
}

// --- login --------------------------------------------------------------------------------------

TEST_F(CommandRegistryTest, CommandsRequireLoginUnlessTheirSpecSaysOtherwise) {
    h.logOut();
    for (const char* line : {"ATU", "whoelse", "WHOSINCE 10", "OUT", "/logout"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kLoginRequired) << line;
    }
    EXPECT_FALSE(h.run("HELP").failed());
    EXPECT_FALSE(h.run("UDPPORT 9000").failed());
}

TEST_F(CommandRegistryTest, LoginRequiredDoesNotRunTouchOrCountTheCommand) {
    h.logOut();
    EXPECT_CALL(h.session, touch()).Times(0);
    EXPECT_CALL(h.presence, online()).Times(0);
    EXPECT_EQ(h.run("ATU").final().code(), err::kLoginRequired);
    EXPECT_EQ(h.registry.useCount("WHO"), 0u);
}

TEST_F(CommandRegistryTest, LoginIsCheckedBeforeArity) {
    h.logOut();
    EXPECT_EQ(h.run("WHOSINCE").final().code(), err::kLoginRequired);
}

// --- arity --------------------------------------------------------------------------------------

TEST_F(CommandRegistryTest, TooFewArgumentsIsBadArgumentsWithTheSyntax) {
    Reply reply = h.run("WHOSINCE");
    EXPECT_TRUE(reply.failed());
    EXPECT_EQ(reply.final().code(), err::kBadArguments);
    EXPECT_EQ(reply.final().field("syntax"), "<seconds>");
    EXPECT_EQ(reply.verb(), "WHOSINCE");
}

TEST_F(CommandRegistryTest, TooManyArgumentsIsBadArgumentsWithTheSyntax) {
    Reply reply = h.run("whoelsesince 10 20");
    EXPECT_EQ(reply.final().code(), err::kBadArguments);
    EXPECT_EQ(reply.final().field("syntax"), "<seconds>");

    Reply noArgs = h.run("ATU now");
    EXPECT_EQ(noArgs.final().code(), err::kBadArguments);
    EXPECT_EQ(noArgs.final().field("syntax"), "");
}

TEST_F(CommandRegistryTest, BadArityDoesNotRunTheCommand) {
    Seen seen;
    addRecording(spec("TWO", {{"TWO", Dialect::Toom}}, 2, 2), seen);
    EXPECT_EQ(h.run("TWO a").final().code(), err::kBadArguments);
    EXPECT_EQ(h.run("TWO a b c").final().code(), err::kBadArguments);
    EXPECT_EQ(seen.runs, 0);
    EXPECT_FALSE(h.run("TWO a b").failed());
    EXPECT_EQ(seen.args, (std::vector<std::string>{"a", "b"}));
}

TEST_F(CommandRegistryTest, ArgumentsAreSplitOnRunsOfBlanks) {
    Seen seen;
    addRecording(spec("TWO", {{"TWO", Dialect::Toom}}, 0, 2), seen);
    h.run("  TWO \t a    b  ");
    EXPECT_EQ(seen.args, (std::vector<std::string>{"a", "b"}));
    h.run("TWO");
    EXPECT_TRUE(seen.args.empty());
}

TEST_F(CommandRegistryTest, LastArgIsTextKeepsTheInnerSpacingOfTheRestOfTheLine) {
    Seen seen;
    CommandSpec s = spec("SAY", {{"SAY", Dialect::Toom}}, 2, 2);
    s.lastArgIsText = true;
    addRecording(s, seen);

    ASSERT_FALSE(h.run("SAY luke   hello    there,  \tyoung one  ").failed());
    EXPECT_EQ(seen.args, (std::vector<std::string>{"luke", "hello    there,  \tyoung one"}));

    ASSERT_FALSE(h.run("SAY luke hi").failed());
    EXPECT_EQ(seen.args, (std::vector<std::string>{"luke", "hi"}));

    EXPECT_EQ(h.run("SAY luke").final().code(), err::kBadArguments);
    EXPECT_EQ(seen.runs, 2);
}

TEST_F(CommandRegistryTest, OptionalTextArgumentMayBeOmitted) {
    Seen seen;
    CommandSpec s = spec("NOTE", {{"NOTE", Dialect::Toom}}, 0, 1);
    s.lastArgIsText = true;
    addRecording(s, seen);
    h.run("NOTE");
    EXPECT_TRUE(seen.args.empty());
    h.run("NOTE a  b");
    EXPECT_EQ(seen.args, (std::vector<std::string>{"a  b"}));
}

// --- activity -----------------------------------------------------------------------------------

TEST_F(CommandRegistryTest, ValidCommandsTouchTheSession) {
    EXPECT_CALL(h.session, touch()).Times(2);
    h.run("ATU");
    h.run("HELP");
}

TEST_F(CommandRegistryTest, UnknownCommandsDoNotTouch) {
    EXPECT_CALL(h.session, touch()).Times(0);
    h.run("FLY");
    h.run("");
}

TEST_F(CommandRegistryTest, BadArityDoesNotTouch) {
    EXPECT_CALL(h.session, touch()).Times(0);
    h.run("WHOSINCE");
    h.run("ATU extra words");
}

TEST_F(CommandRegistryTest, CommandsThatAreNotActivityDoNotTouch) {
    EXPECT_CALL(h.session, touch()).Times(0);
    EXPECT_FALSE(h.run("UDPPORT 8001").failed());

    Seen seen;
    CommandSpec s = spec("PING", {{"PING", Dialect::Toom}}, 0, 0);
    s.countsAsActivity = false;
    addRecording(s, seen);
    EXPECT_FALSE(h.run("PING").failed());
    EXPECT_EQ(seen.runs, 1);
}

// --- failures inside commands ------------------------------------------------------------------

TEST_F(CommandRegistryTest, StdExceptionBecomesInternalErrorAndDropsRows) {
    addBody(spec("BOOM", {{"BOOM", Dialect::Toom}}, 0, 0), [](CommandContext& ctx) {
        ServerLine row = ctx.reply.newRow();
        row.say("half done");
        ctx.reply.add(std::move(row));
        throw std::runtime_error("disk on fire");
    });
    Reply reply = h.run("BOOM");
    EXPECT_TRUE(reply.failed());
    EXPECT_EQ(reply.final().code(), err::kInternal);
    EXPECT_TRUE(reply.rows().empty());
}

TEST_F(CommandRegistryTest, PocoExceptionBecomesInternalError) {
    addBody(spec("BOOM", {{"BOOM", Dialect::Toom}}, 0, 0),
            [](CommandContext&) { throw Poco::IOException("store unavailable"); });
    EXPECT_EQ(h.run("BOOM").final().code(), err::kInternal);
}

TEST_F(CommandRegistryTest, RegistryKeepsWorkingAfterACommandThrows) {
    addBody(spec("BOOM", {{"BOOM", Dialect::Toom}}, 0, 0),
            [](CommandContext&) { throw std::logic_error("bug"); });
    EXPECT_EQ(h.run("BOOM").final().code(), err::kInternal);
    EXPECT_EQ(h.run("BOOM").final().code(), err::kInternal);
    Reply reply = h.run("ATU");
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().intField("count"), 0);
}

TEST_F(CommandRegistryTest, ThrowingFactoryBecomesInternalError) {
    h.registry.add(spec("NOFACTORY", {{"NOFACTORY", Dialect::Toom}}, 0, 0),
                   []() -> std::unique_ptr<Command> { throw std::bad_alloc(); });
    EXPECT_EQ(h.run("NOFACTORY").final().code(), err::kInternal);
}

TEST_F(CommandRegistryTest, CommandWithoutReplyCodeIsABareOk) {
    Seen seen;
    addRecording(spec("NOP", {{"NOP", Dialect::Toom}}, 0, 0), seen);
    Reply reply = h.run("NOP");
    EXPECT_EQ(reply.final().kind(), LineKind::Ok);
    EXPECT_EQ(reply.wire(), "OK NOP\n");
}

// --- registration -------------------------------------------------------------------------------

TEST_F(CommandRegistryTest, DuplicateNamesThrowAtRegistration) {
    Seen seen;
    EXPECT_THROW(addRecording(spec("WHO2", {{"WHO", Dialect::Toom}}, 0, 0), seen),
                 Poco::ExistsException);
    EXPECT_THROW(addRecording(spec("ATU2", {{"atu", Dialect::B}}, 0, 0), seen),
                 Poco::ExistsException);
    // The command registered before keeps its name.
    EXPECT_EQ(h.run("ATU").verb(), "WHO");
}

TEST_F(CommandRegistryTest, RejectedRegistrationRegistersNoneOfItsNames) {
    Seen seen;
    EXPECT_THROW(
        addRecording(spec("NEW", {{"NEWNAME", Dialect::Toom}, {"OUT", Dialect::B}}, 0, 0), seen),
        Poco::ExistsException);
    EXPECT_EQ(h.registry.find("NEWNAME"), nullptr);
    EXPECT_EQ(h.run("NEWNAME").final().code(), err::kUnknownCommand);
}

TEST_F(CommandRegistryTest, RegisteringTheCoreCommandsTwiceThrows) {
    EXPECT_THROW(registerCoreCommands(h.registry), Poco::ExistsException);
}

// A spec that lists one name twice (in two spellings) is a configuration mistake the registry
// should catch like any other duplicate.
TEST_F(CommandRegistryTest, DuplicateNamesWithinOneSpecThrow) {
    Seen seen;
    EXPECT_THROW(
        addRecording(spec("TWICE", {{"TWICE", Dialect::Toom}, {"twice", Dialect::A}}, 0, 0), seen),
        Poco::ExistsException);
}

// --- use counts ---------------------------------------------------------------------------------

TEST_F(CommandRegistryTest, UseCountsCountRunsUnderEveryNameByCanonicalName) {
    h.run("ATU");
    h.run("whoelse");
    h.run("/activeuser");
    h.run("HELP");
    EXPECT_EQ(h.registry.useCount("WHO"), 3u);
    EXPECT_EQ(h.registry.useCount("who"), 3u);
    EXPECT_EQ(h.registry.useCount("HELP"), 1u);
    EXPECT_EQ(h.registry.useCount("WHOSINCE"), 0u);
    EXPECT_EQ(h.registry.useCount("NOSUCH"), 0u);
}

TEST_F(CommandRegistryTest, RejectedRequestsAreNotCounted) {
    h.run("ATU extra");
    h.run("WHOSINCE");
    EXPECT_EQ(h.registry.useCount("WHO"), 0u);
    EXPECT_EQ(h.registry.useCount("WHOSINCE"), 0u);
    h.logOut();
    h.run("ATU");
    EXPECT_EQ(h.registry.useCount("WHO"), 0u);
}

TEST_F(CommandRegistryTest, CommandsThatFailTheirOwnChecksAreStillCounted) {
    h.run("WHOSINCE abc");
    EXPECT_EQ(h.registry.useCount("WHOSINCE"), 1u);
}

} // namespace
} // namespace toom
