// The dispatcher's observers (who is told after a command ran, and what they see) and the one
// observer the core registers, AuditTrail (which notes reach the audit log).

#include "commands/CommandObserver.h"

#include "commands/AuditTrail.h"
#include "commands/CommandRegistry.h"
#include "common/Protocol.h"
#include "support/LambdaCommand.h"
#include "support/ReplyMatchers.h"
#include "support/mocks/MockServices.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

namespace toom {
namespace {

using test::LambdaCommand;

using test::FailsWith;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

/// Remembers every outcome it is shown (copies of what outlives the call).
struct RecordingObserver final : CommandObserver {
    struct Seen {
        std::string canonical;
        std::string user;
        std::string code;
        std::vector<std::string> notes;
        bool threw;
    };
    bool wants = true;
    std::vector<Seen>* seen;

    explicit RecordingObserver(std::vector<Seen>* into)
        : seen(into) {}
    bool wantsNotes(const Services&) const override { return wants; }
    void executed(const CommandOutcome& o, Services&) override {
        std::vector<std::string> notes;
        for (const auto& n : o.notes)
            notes.push_back(n.line);
        seen->push_back({o.spec.canonical, o.user, o.reply.final().code(), notes, o.threw});
    }
};

class CommandObserverTest : public ::testing::Test {
protected:
    void add(std::string canonical, std::function<void(CommandContext&)> body) {
        h.registry.add(
            CommandSpec{.canonical = canonical, .names = {{canonical}}, .minArgs = 0, .maxArgs = 1},
            [body] { return std::make_unique<LambdaCommand>(body); });
    }
    RecordingObserver& observe() {
        auto observer = std::make_unique<RecordingObserver>(&seen);
        RecordingObserver& ref = *observer;
        h.registry.addObserver(std::move(observer));
        return ref;
    }

    CommandHarness h;
    std::vector<RecordingObserver::Seen> seen;
};

TEST_F(CommandObserverTest, ObserverSeesEveryExecutionWithItsNotes) {
    observe();
    add("NOTED", [](CommandContext& ctx) {
        ctx.audit("%s did %d things", ctx.user(), 3);
        ctx.auditMessage("%s said \"%s\"", ctx.user(), std::string("hi"));
    });
    h.run("NOTED");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].canonical, "NOTED");
    EXPECT_EQ(seen[0].user, "yoda");
    EXPECT_THAT(seen[0].notes, ElementsAre("yoda did 3 things", "yoda said \"hi\""));
    EXPECT_FALSE(seen[0].threw);
}

TEST_F(CommandObserverTest, ObserverIsToldAfterACommandThrew) {
    observe();
    add("BROKEN", [](CommandContext& ctx) {
        ctx.audit("before the failure");
        throw std::runtime_error("disk gone");
    });
    EXPECT_THAT(h.run("BROKEN"), FailsWith(err::kInternal));
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_TRUE(seen[0].threw);
    EXPECT_EQ(seen[0].code, err::kInternal);
    EXPECT_THAT(seen[0].notes, ElementsAre("before the failure"));
}

TEST_F(CommandObserverTest, RefusedRequestsReachNoObserver) {
    observe();
    add("ONEARG", [](CommandContext&) {});
    h.run("FLY to dagobah"); // unknown
    h.run("ONEARG a b c");   // too many arguments
    h.logOut();
    h.run("ONEARG"); // not logged in
    EXPECT_THAT(seen, IsEmpty());
}

TEST_F(CommandObserverTest, NotesAreNotFormattedWhenNoObserverWantsThem) {
    h.settings.consoleAudit = false; // The core's AuditTrail wants no notes either.
    observe().wants = false;
    add("NOTED", [](CommandContext& ctx) { ctx.audit("%s did it", ctx.user()); });
    h.run("NOTED");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_THAT(seen[0].notes, IsEmpty());
}

TEST_F(CommandObserverTest, AThrowingObserverDoesNotUndoTheReplyOrStopTheOthers) {
    struct Throwing final : CommandObserver {
        bool wantsNotes(const Services&) const override { return false; }
        void executed(const CommandOutcome&, Services&) override {
            throw std::runtime_error("log full");
        }
    };
    h.registry.addObserver(std::make_unique<Throwing>());
    observe();
    add("FINE", [](CommandContext& ctx) { ctx.reply.ok().say("done"); });
    EXPECT_FALSE(h.run("FINE").failed());
    EXPECT_EQ(seen.size(), 1u);
}

// --- AuditTrail -------------------------------------------------------------------------------

/// Captures what reaches the audit logger.
class RecordingChannel final : public Poco::Channel {
public:
    void log(const Poco::Message& message) override { lines.push_back(message.getText()); }
    std::vector<std::string> lines;
};

class AuditTrailTest : public CommandObserverTest {
protected:
    AuditTrailTest()
        : channel(new RecordingChannel) {
        h.audit.setChannel(channel);
        h.audit.setLevel(Poco::Message::PRIO_INFORMATION);
        add("NOTED", [](CommandContext& ctx) {
            ctx.audit("%s created room %d", ctx.user(), 7);
            ctx.auditMessage("%s said \"%s\"", ctx.user(), std::string("secret plans"));
        });
    }
    ~AuditTrailTest() override {
        h.audit.setChannel(nullptr);
        h.audit.setLevel(0);
    }
    Poco::AutoPtr<RecordingChannel> channel;
};

// The core commands register the AuditTrail; the harness has them.
TEST_F(AuditTrailTest, WritesEveryNoteWhenMessageTextIsAllowed) {
    h.settings.consoleAudit = true;
    h.settings.auditMessageText = true;
    h.run("NOTED");
    EXPECT_THAT(channel->lines, ElementsAre("yoda created room 7", "yoda said \"secret plans\""));
}

TEST_F(AuditTrailTest, LeavesOutNotesQuotingUsersUnlessAllowed) {
    h.settings.consoleAudit = true;
    h.settings.auditMessageText = false;
    h.run("NOTED");
    EXPECT_THAT(channel->lines, ElementsAre("yoda created room 7"));
}

TEST_F(AuditTrailTest, WritesNothingWhenTheConsoleAuditIsOff) {
    h.settings.consoleAudit = false;
    h.run("NOTED");
    EXPECT_THAT(channel->lines, IsEmpty());
}

// A core command's note goes through the same path (POST quotes the post: message text).
TEST_F(AuditTrailTest, CoreCommandsLeaveTheirNotesToTheTrail) {
    h.settings.consoleAudit = true;
    h.settings.auditMessageText = false;
    ON_CALL(h.accounts, exists("hans")).WillByDefault(::testing::Return(true));
    h.run("block hans");
    h.run("POST the plans are secret");
    for (const auto& line : channel->lines)
        EXPECT_EQ(line.find("secret"), std::string::npos) << line;
}

} // namespace
} // namespace toom
