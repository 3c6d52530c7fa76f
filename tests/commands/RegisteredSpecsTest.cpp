// Every registered command, run through the dispatcher's generic rules: its names, the login
// rule, the argument counts and the activity rule, under every name it answers to. The tests
// of each command keep only what is specific to it; a new command is covered here the moment
// it is registered.

#include "commands/CommandRegistry.h"
#include "commands/CoreCommands.h"
#include "common/Protocol.h"
#include "common/Text.h"
#include "support/ReplyMatchers.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace toom {

// gtest prints a failing parameter through this (instead of its bytes).
inline void PrintTo(const CommandSpec& spec, std::ostream* os) {
    *os << spec.canonical;
}

namespace {

using test::FailsWith;
using test::HasField;
using test::Says;
using ::testing::Not;

std::vector<CommandSpec> coreSpecs() {
    CommandRegistry registry;
    registerCoreCommands(registry);
    std::vector<CommandSpec> specs;
    for (const CommandSpec* spec : registry.specs())
        specs.push_back(*spec);
    return specs;
}

/// `name` followed by `count` one-word arguments.
std::string lineWith(const std::string& name, int count) {
    std::string line = name;
    for (int i = 0; i < count; ++i)
        line += " w" + std::to_string(i + 1);
    return line;
}

class RegisteredSpecTest : public ::testing::TestWithParam<CommandSpec> {
protected:
    const CommandSpec& spec() const { return GetParam(); }
    std::uint64_t runs() const { return h.registry.useCount(spec().canonical); }

    CommandHarness h;
};

TEST_P(RegisteredSpecTest, DescribesItselfForHelp) {
    EXPECT_FALSE(spec().summary.empty());
    EXPECT_FALSE(spec().names.empty());
    EXPECT_LE(spec().minArgs, spec().maxArgs);
    if (spec().lastArgIsText) {
        EXPECT_GT(spec().maxArgs, 0) << "a text argument needs a place";
    }
    const bool takesArguments = spec().maxArgs > 0;
    EXPECT_EQ(!spec().syntax.empty(), takesArguments) << "syntax: '" << spec().syntax << "'";
}

TEST_P(RegisteredSpecTest, EveryNameFindsThisSpecInAnyCase) {
    for (const CommandName& name : spec().names) {
        for (const std::string& typed : {name.name, toUpper(name.name), toLower(name.name)}) {
            const CommandSpec* found = h.registry.find(typed);
            ASSERT_NE(found, nullptr) << typed;
            EXPECT_EQ(found->canonical, spec().canonical) << typed;
        }
    }
}

TEST_P(RegisteredSpecTest, BeforeLoginIsRefusedOrRunsAsTheSpecSays) {
    h.logOut();
    for (const CommandName& name : spec().names) {
        Reply reply = h.run(lineWith(name.name, spec().minArgs));
        if (spec().requiresLogin) {
            EXPECT_THAT(reply, FailsWith(err::kLoginRequired)) << name.name;
        } else {
            EXPECT_THAT(reply, Not(FailsWith(err::kLoginRequired))) << name.name;
        }
    }
    if (spec().requiresLogin) {
        EXPECT_EQ(runs(), 0u) << "a refused request must not run";
    }
}

TEST_P(RegisteredSpecTest, TooFewArgumentsGiveTheUsageOfTheNameTyped) {
    // With the short forms (the default profile) and without (the seeds' profiles).
    for (bool shortForms : {false, true}) {
        h.settings.shortForms = shortForms;
        const int fewest = spec().fewestArgs(shortForms);
        if (fewest == 0)
            continue; // Takes no required argument.
        for (const CommandName& name : spec().names) {
            Reply reply = h.run(lineWith(name.name, fewest - 1));
            EXPECT_THAT(reply, FailsWith(err::kBadArguments)) << name.name;
            EXPECT_THAT(reply, HasField("syntax", spec().syntaxFor(shortForms)));
            EXPECT_THAT(reply, Says(spec().usage(name.name, shortForms)));
        }
    }
    EXPECT_EQ(runs(), 0u);
}

TEST_P(RegisteredSpecTest, AShortFormIsShorterAndHasASyntaxOfItsOwn) {
    const std::string name = spec().names.front().name;
    const std::string full = name + (spec().syntax.empty() ? "" : " " + spec().syntax);
    EXPECT_EQ(spec().usage(name, false), "Usage: " + full);
    EXPECT_EQ(spec().fewestArgs(false), spec().minArgs);
    if (!spec().hasShortForm()) {
        EXPECT_EQ(spec().usage(name, true), "Usage: " + full);
        EXPECT_EQ(spec().fewestArgs(true), spec().minArgs);
        return;
    }
    EXPECT_LT(spec().shortForm.minArgs, spec().minArgs) << "a short form is shorter";
    EXPECT_NE(spec().shortForm.syntax, spec().syntax);
    EXPECT_EQ(spec().usage(name, true), "Usage: " + name + " " + spec().shortForm.syntax);
}

TEST_P(RegisteredSpecTest, TooManyArgumentsGiveUsageUnlessTheLastIsText) {
    for (const CommandName& name : spec().names) {
        Reply reply = h.run(lineWith(name.name, spec().maxArgs + 3));
        if (spec().lastArgIsText) {
            EXPECT_THAT(reply, Not(FailsWith(err::kBadArguments))) << name.name;
        } else {
            EXPECT_THAT(reply, FailsWith(err::kBadArguments)) << name.name;
        }
    }
}

// With nothing known to the (mocked) services, every command still answers with a reply of
// its own: no INTERNAL_ERROR, whatever the argument count it accepts. (A command may still
// refuse a count the dispatcher let through, e.g. /creategroup with a name but no member.)
TEST_P(RegisteredSpecTest, RunsAgainstEmptyServicesWithoutAnInternalError) {
    const int fewest = spec().fewestArgs(h.settings.shortForms);
    const int most = std::min(spec().maxArgs, fewest + 2);
    for (int count = fewest; count <= most; ++count) {
        Reply reply = h.run(lineWith(spec().names.front().name, count));
        EXPECT_THAT(reply, Not(FailsWith(err::kInternal))) << count << " arguments";
    }
    EXPECT_GT(runs(), 0u);
}

TEST_P(RegisteredSpecTest, AValidUseCountsAsActivityWhenTheSpecSaysSo) {
    EXPECT_CALL(h.session, touch()).Times(spec().countsAsActivity ? 1 : 0);
    h.run(lineWith(spec().names.front().name, spec().minArgs));
}

TEST_P(RegisteredSpecTest, ARefusedUseIsNoActivity) {
    EXPECT_CALL(h.session, touch()).Times(0);
    const int fewest = spec().fewestArgs(h.settings.shortForms);
    if (fewest > 0)
        h.run(lineWith(spec().names.front().name, fewest - 1));
    if (!spec().lastArgIsText)
        h.run(lineWith(spec().names.front().name, spec().maxArgs + 1));
    h.logOut();
    if (spec().requiresLogin)
        h.run(lineWith(spec().names.front().name, spec().minArgs));
}

std::string testName(const ::testing::TestParamInfo<CommandSpec>& info) {
    std::string name = info.param.canonical;
    name.erase(
        std::remove_if(name.begin(), name.end(), [](unsigned char c) { return !std::isalnum(c); }),
        name.end());
    return name;
}

INSTANTIATE_TEST_SUITE_P(CoreCommands, RegisteredSpecTest, ::testing::ValuesIn(coreSpecs()),
                         testName);

} // namespace
} // namespace toom
