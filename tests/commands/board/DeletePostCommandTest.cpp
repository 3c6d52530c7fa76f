// DLT / DELETE: deleting one's own board post, naming it by number and timestamp.

#include "commands/board/DeletePostCommand.h"

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

class DeletePostCommandTest : public ::testing::Test {
protected:
    DeletePostCommandTest() {
        h.clock.set(localTime(2021, 2, 23, 16, 1, 25));
        ON_CALL(h.board, remove(_, _, _))
            .WillByDefault(
                [this](const std::string& user, int number, std::optional<std::int64_t>) {
                    BoardService::Change change;
                    change.post = BoardPost{40, number, user, "Database Rocks", postedAt, false};
                    return change;
                });
    }

    BoardService::Change refusal(BoardService::Refusal why) {
        BoardService::Change change;
        change.refusal = why;
        change.post = BoardPost{40, 4, "obiwan", "Database Rocks", postedAt, false};
        return change;
    }

    CommandHarness h;
    Poco::Timestamp postedAt = localTime(2021, 2, 23, 16, 1, 20);
    std::int64_t postedSeconds = epochSeconds(postedAt);
};

TEST_F(DeletePostCommandTest, NumberWithoutHash) {
    EXPECT_CALL(h.board, remove("yoda", 4, Optional(postedSeconds)));
    EXPECT_FALSE(h.run("DLT 4 23 Feb 2021 16:01:20").failed());
}

TEST_F(DeletePostCommandTest, NumberWithHash) {
    EXPECT_CALL(h.board, remove("yoda", 4, Optional(postedSeconds)));
    EXPECT_FALSE(h.run("DLT #4 23 Feb 2021 16:01:20").failed());
}

TEST_F(DeletePostCommandTest, ShortFormDeletesByNumberAlone) {
    ASSERT_TRUE(h.settings.shortForms);
    EXPECT_CALL(h.board, remove("yoda", 4, std::optional<std::int64_t>()));
    Reply reply = h.run("DELETE #4");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().text().rfind("Message #4 deleted at ", 0), 0u);
}

TEST_F(DeletePostCommandTest, ShortFormLeavesOtherCountsToTheTimestamp) {
    EXPECT_CALL(h.board, remove(_, _, _)).Times(0);
    for (const char* line : {"DLT 4 x", "DLT 4 23 Feb 2021", "DLT 4 a b c d"})
        EXPECT_EQ(h.run(line).final().code(), err::kBadTimestamp) << line;
}

TEST_F(DeletePostCommandTest, SeedProfilesKeepTheTimestampedFormOnly) {
    h.settings.shortForms = false;
    EXPECT_CALL(h.board, remove(_, _, _)).Times(0);
    Reply reply = h.run("DLT 4");
    EXPECT_EQ(reply.final().code(), err::kBadArguments);
    EXPECT_EQ(reply.final().text(), "Usage: DLT <n> <d Mmm yyyy hh:mm:ss>");
}

TEST_F(DeletePostCommandTest, SuccessWordingAndFields) {
    Reply reply = h.run("DLT #4 23 Feb 2021 16:01:20");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "DELETE");
    EXPECT_EQ(reply.final().intField("n"), 4);
    EXPECT_EQ(reply.final().field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(reply.final().text(), "Message #4 deleted at 23 Feb 2021 16:01:25.");
}

TEST_F(DeletePostCommandTest, SuccessWordingFollowsPadDay) {
    h.clock.set(localTime(2023, 6, 1, 15, 0, 1));
    h.settings.padDay = false;
    EXPECT_EQ(h.run("DELETE 4 1 Jun 2023 15:00:00").final().text(),
              "Message #4 deleted at 1 Jun 2023 15:00:01.");
}

// --- bad forms ------------------------------------------------------------------------------

TEST_F(DeletePostCommandTest, BadNumberIsInvalidArgument) {
    EXPECT_CALL(h.board, remove(_, _, _)).Times(0);
    for (const char* line : {"DLT four 23 Feb 2021 16:01:20", "DLT 0 23 Feb 2021 16:01:20",
                             "DLT # 23 Feb 2021 16:01:20", "DLT -1 23 Feb 2021 16:01:20",
                             "DLT 4a 23 Feb 2021 16:01:20"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kInvalidArgument) << line;
        EXPECT_EQ(reply.final().field("argument"), "number") << line;
    }
}

TEST_F(DeletePostCommandTest, BadTimestampIsBadTimestamp) {
    EXPECT_CALL(h.board, remove(_, _, _)).Times(0);
    for (const char* line : {"DLT 4 29 Feb 2021 16:01:20", "DLT 4 23 Feb 2021 24:00:00",
                             "DLT 4 Feb 23 2021 16:01:20"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kBadTimestamp) << line;
        EXPECT_EQ(reply.final().field("expected"), std::string(kSeedTimeForm)) << line;
    }
}

// --- refusals -------------------------------------------------------------------------------

TEST_F(DeletePostCommandTest, UnknownNumberIsUnknownMessage) {
    ON_CALL(h.board, remove(_, _, _)).WillByDefault([](auto&&...) {
        BoardService::Change change;
        change.refusal = BoardService::Refusal::UnknownNumber;
        return change;
    });
    Reply reply = h.run("DLT 9 23 Feb 2021 16:01:20");
    EXPECT_EQ(reply.final().code(), err::kUnknownMessage);
    EXPECT_EQ(reply.final().intField("n"), 9);
}

TEST_F(DeletePostCommandTest, NotTheAuthorIsForbiddenInVariantBWording) {
    ON_CALL(h.board, remove(_, _, _))
        .WillByDefault(Return(refusal(BoardService::Refusal::NotAuthor)));
    Reply reply = h.run("DLT #3 23 Feb 2021 16:01:20");
    EXPECT_EQ(reply.final().code(), err::kForbidden);
    EXPECT_EQ(reply.final().intField("n"), 3);
    EXPECT_EQ(reply.final().text(), "Unauthorised to delete Message #3.");
}

TEST_F(DeletePostCommandTest, WrongTimestampIsTimestampMismatch) {
    ON_CALL(h.board, remove(_, _, _))
        .WillByDefault(Return(refusal(BoardService::Refusal::TimestampMismatch)));
    Reply reply = h.run("DLT 4 23 Feb 2021 16:01:21");
    EXPECT_EQ(reply.final().code(), err::kTimestampMismatch);
    EXPECT_EQ(reply.final().intField("n"), 4);
}

// --- the live push --------------------------------------------------------------------------

TEST_F(DeletePostCommandTest, SuccessBroadcastsADeletedEventWithoutText) {
    ServerLine sent;
    EXPECT_CALL(h.messenger, broadcast(_, "yoda", _))
        .WillOnce([&](const ServerLine& event, const std::string&, const auto&) {
            sent = event;
            return std::size_t{0};
        });
    ASSERT_FALSE(h.run("DLT 4 23 Feb 2021 16:01:20").failed());
    EXPECT_EQ(sent.verb(), ev::kBoard);
    EXPECT_EQ(sent.field("action"), "deleted");
    EXPECT_EQ(sent.intField("n"), 4);
    EXPECT_EQ(sent.field("user"), "yoda");
    EXPECT_EQ(sent.field("text"), "");
}

TEST_F(DeletePostCommandTest, RefusalsBroadcastNothing) {
    EXPECT_CALL(h.messenger, broadcast(_, _, _)).Times(0);
    for (auto why : {BoardService::Refusal::UnknownNumber, BoardService::Refusal::NotAuthor,
                     BoardService::Refusal::TimestampMismatch}) {
        ON_CALL(h.board, remove(_, _, _)).WillByDefault(Return(refusal(why)));
        EXPECT_TRUE(h.run("DLT 4 23 Feb 2021 16:01:20").failed());
    }
}

TEST_F(DeletePostCommandTest, SpecNames) {
    const CommandSpec s = DeletePostCommand::spec();
    EXPECT_EQ(s.canonical, "DELETE");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, ::testing::UnorderedElementsAre("DELETE", "DLT"));
}

} // namespace
} // namespace toom
