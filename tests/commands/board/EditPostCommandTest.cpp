// EDT / EDIT: replacing the text of one's own board post, naming it by number and timestamp.

#include "commands/board/EditPostCommand.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/LocalTime.h"
#include "support/mocks/MockServices.h"

#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Optional;
using ::testing::Return;

using test::localTime;

class EditPostCommandTest : public ::testing::Test {
protected:
    EditPostCommandTest() {
        h.clock.set(localTime(2021, 2, 23, 16, 1, 10));
        ON_CALL(h.board, edit(_, _, _, _))
            .WillByDefault([this](const std::string& user, int number, std::optional<std::int64_t>,
                                  const std::string& text) {
                BoardService::Change change;
                change.post = BoardPost{30, number, user, text, h.clock.now(), true};
                return change;
            });
    }

    BoardService::Change refusal(BoardService::Refusal why) {
        BoardService::Change change;
        change.refusal = why;
        change.post = BoardPost{30, 3, "obiwan", "old", postedAt, false};
        return change;
    }

    CommandHarness h;
    Poco::Timestamp postedAt = localTime(2021, 2, 23, 16, 1, 1);
    std::int64_t postedSeconds = epochSeconds(postedAt);
};

TEST_F(EditPostCommandTest, NumberWithoutHash) {
    EXPECT_CALL(h.board, edit("yoda", 3, Optional(postedSeconds), "Computer Network Rocks"));
    Reply reply = h.run("EDT 3 23 Feb 2021 16:01:01 Computer Network Rocks");
    EXPECT_FALSE(reply.failed()) << reply.wire();
}

TEST_F(EditPostCommandTest, NumberWithHash) {
    EXPECT_CALL(h.board, edit("yoda", 3, Optional(postedSeconds), "Computer Network Rocks"));
    Reply reply = h.run("EDT #3 23 Feb 2021 16:01:01 Computer Network Rocks");
    EXPECT_FALSE(reply.failed()) << reply.wire();
}

TEST_F(EditPostCommandTest, NewTextIsTheRestOfTheLineWithSpacingKept) {
    EXPECT_CALL(h.board, edit("yoda", 3, Optional(postedSeconds), "one   two  three"));
    h.run("EDIT 3 23 Feb 2021 16:01:01 one   two  three");
}

TEST_F(EditPostCommandTest, UnpaddedAndPaddedDaysGiveTheSameSeconds) {
    const std::int64_t seconds = epochSeconds(localTime(2023, 6, 1, 9, 5, 7));
    EXPECT_CALL(h.board, edit("yoda", 1, Optional(seconds), "x")).Times(2);
    h.run("EDT 1 1 Jun 2023 09:05:07 x");
    h.run("EDT 1 01 Jun 2023 9:05:07 x");
}

TEST_F(EditPostCommandTest, SuccessWordingAndFields) {
    Reply reply = h.run("EDT #3 23 Feb 2021 16:01:01 Computer Network Rocks");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "EDIT");
    EXPECT_EQ(reply.final().intField("n"), 3);
    EXPECT_EQ(reply.final().field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(reply.final().text(), "Message #3 edited at 23 Feb 2021 16:01:10.");
}

TEST_F(EditPostCommandTest, SuccessWordingFollowsPadDay) {
    h.clock.set(localTime(2023, 6, 1, 15, 0, 1));
    h.settings.padDay = false;
    EXPECT_EQ(h.run("EDT 3 1 Jun 2023 15:00:00 x").final().text(),
              "Message #3 edited at 1 Jun 2023 15:00:01.");
    h.settings.padDay = true;
    EXPECT_EQ(h.run("EDT 3 1 Jun 2023 15:00:00 x").final().text(),
              "Message #3 edited at 01 Jun 2023 15:00:01.");
}

// --- bad forms ------------------------------------------------------------------------------

TEST_F(EditPostCommandTest, BadNumberIsInvalidArgument) {
    EXPECT_CALL(h.board, edit(_, _, _, _)).Times(0);
    for (const char* line : {"EDT x 23 Feb 2021 16:01:01 hi", "EDT 0 23 Feb 2021 16:01:01 hi",
                             "EDT # 23 Feb 2021 16:01:01 hi", "EDT -1 23 Feb 2021 16:01:01 hi",
                             "EDT 3a 23 Feb 2021 16:01:01 hi"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kInvalidArgument) << line;
        EXPECT_EQ(reply.final().field("argument"), "number") << line;
    }
}

TEST_F(EditPostCommandTest, BadTimestampIsBadTimestamp) {
    EXPECT_CALL(h.board, edit(_, _, _, _)).Times(0);
    for (const char* line : {"EDT 3 30 Feb 2021 16:01:01 hi", "EDT 3 23 Foo 2021 16:01:01 hi",
                             "EDT 3 23 Feb 2021 16:61:01 hi", "EDT 3 23 Feb 2021 16.01.01 hi"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kBadTimestamp) << line;
        EXPECT_EQ(reply.final().field("expected"), std::string(kSeedTimeForm)) << line;
    }
}

// --- the short form (default profile) -------------------------------------------------------

TEST_F(EditPostCommandTest, ShortFormEditsByNumberAloneWithSpacingKept) {
    ASSERT_TRUE(h.settings.shortForms);
    EXPECT_CALL(h.board, edit("yoda", 3, std::optional<std::int64_t>(), "Database   Rocks"));
    Reply reply = h.run("EDIT #3 Database   Rocks");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().text(), "Message #3 edited at 23 Feb 2021 16:01:10.");
}

TEST_F(EditPostCommandTest, ShortFormTakesALongTextThatIsNoTime) {
    EXPECT_CALL(h.board,
                edit("yoda", 1, std::optional<std::int64_t>(), "yesterday at noon we met again"));
    EXPECT_FALSE(h.run("EDT 1 yesterday at noon we met again").failed());
}

TEST_F(EditPostCommandTest, ShortFormStillReadsTheSeedFormFirst) {
    EXPECT_CALL(h.board, edit("yoda", 3, Optional(postedSeconds), "x y"));
    EXPECT_FALSE(h.run("EDIT 3 23 Feb 2021 16:01:01 x y").failed());
}

TEST_F(EditPostCommandTest, AWrongTimeIsBadTimestampEvenWithShortForms) {
    EXPECT_CALL(h.board, edit(_, _, _, _)).Times(0);
    EXPECT_EQ(h.run("EDIT 3 23 Fob 2021 16:01:01 text").final().code(), err::kBadTimestamp);
    EXPECT_EQ(h.run("EDIT 3 30 Feb 2021 16:01:01 text").final().code(), err::kBadTimestamp);
}

TEST_F(EditPostCommandTest, SeedProfilesKeepTheTimestampedFormOnly) {
    h.settings.shortForms = false;
    EXPECT_CALL(h.board, edit(_, _, _, _)).Times(0);
    Reply shortForm = h.run("EDT 1 x");
    EXPECT_EQ(shortForm.final().code(), err::kBadArguments);
    EXPECT_EQ(shortForm.final().text(), "Usage: EDT <n> <d Mmm yyyy hh:mm:ss> <message>");
    EXPECT_EQ(h.run("EDT 1 yesterday at noon new text").final().code(), err::kBadTimestamp);
}

TEST_F(EditPostCommandTest, UsageShowsTheTimeAsOptionalWithShortForms) {
    Reply reply = h.run("EDIT 1");
    EXPECT_EQ(reply.final().code(), err::kBadArguments);
    EXPECT_EQ(reply.final().text(), "Usage: EDIT <n> [<d Mmm yyyy hh:mm:ss>] <message>");
    EXPECT_EQ(reply.final().field("syntax"), "<n> [<d Mmm yyyy hh:mm:ss>] <message>");
}

// --- refusals -------------------------------------------------------------------------------

TEST_F(EditPostCommandTest, UnknownNumberIsUnknownMessage) {
    ON_CALL(h.board, edit(_, _, _, _)).WillByDefault([](auto&&...) {
        BoardService::Change change;
        change.refusal = BoardService::Refusal::UnknownNumber;
        return change;
    });
    Reply reply = h.run("EDT 9 23 Feb 2021 16:01:01 hi");
    EXPECT_EQ(reply.final().code(), err::kUnknownMessage);
    EXPECT_EQ(reply.final().intField("n"), 9);
}

TEST_F(EditPostCommandTest, NotTheAuthorIsForbiddenInVariantBWording) {
    ON_CALL(h.board, edit(_, _, _, _))
        .WillByDefault(Return(refusal(BoardService::Refusal::NotAuthor)));
    Reply reply = h.run("EDT #3 23 Feb 2021 16:01:01 hi");
    EXPECT_EQ(reply.final().code(), err::kForbidden);
    EXPECT_EQ(reply.final().intField("n"), 3);
    EXPECT_EQ(reply.final().text(), "Unauthorised to edit Message #3.");
}

TEST_F(EditPostCommandTest, WrongTimestampIsTimestampMismatch) {
    ON_CALL(h.board, edit(_, _, _, _))
        .WillByDefault(Return(refusal(BoardService::Refusal::TimestampMismatch)));
    Reply reply = h.run("EDT 3 23 Feb 2021 16:01:02 hi");
    EXPECT_EQ(reply.final().code(), err::kTimestampMismatch);
    EXPECT_EQ(reply.final().intField("n"), 3);
}

// --- the live push --------------------------------------------------------------------------

TEST_F(EditPostCommandTest, SuccessBroadcastsAnEditedEvent) {
    ServerLine sent;
    EXPECT_CALL(h.messenger, broadcast(_, "yoda", _))
        .WillOnce([&](const ServerLine& event, const std::string&, const auto&) {
            sent = event;
            return std::size_t{0};
        });
    ASSERT_FALSE(h.run("EDT 3 23 Feb 2021 16:01:01 new text").failed());
    EXPECT_EQ(sent.verb(), ev::kBoard);
    EXPECT_EQ(sent.field("action"), "edited");
    EXPECT_EQ(sent.intField("n"), 3);
    EXPECT_EQ(sent.field("user"), "yoda");
    EXPECT_EQ(sent.field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(sent.intField("edited"), 1);
    EXPECT_EQ(sent.field("text"), "new text");
}

TEST_F(EditPostCommandTest, RefusalsBroadcastNothing) {
    EXPECT_CALL(h.messenger, broadcast(_, _, _)).Times(0);
    for (auto why : {BoardService::Refusal::UnknownNumber, BoardService::Refusal::NotAuthor,
                     BoardService::Refusal::TimestampMismatch}) {
        ON_CALL(h.board, edit(_, _, _, _)).WillByDefault(Return(refusal(why)));
        EXPECT_TRUE(h.run("EDT 3 23 Feb 2021 16:01:01 hi").failed());
    }
}

TEST_F(EditPostCommandTest, SpecNames) {
    const CommandSpec s = EditPostCommand::spec();
    EXPECT_EQ(s.canonical, "EDIT");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, ::testing::UnorderedElementsAre("EDIT", "EDT"));
}

} // namespace
} // namespace toom
