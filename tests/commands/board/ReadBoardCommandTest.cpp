// RDM / READ: board posts later than a timestamp (and, in variant C's form, room messages).

#include "commands/board/ReadBoardCommand.h"

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
using ::testing::Return;

using test::localTime;

class ReadBoardCommandTest : public ::testing::Test {
protected:
    ReadBoardCommandTest() {
        page.posts = {BoardPost{1, 1, "yoda", "Hello", localTime(2021, 2, 23, 15, 0, 1), false},
                      BoardPost{2, 2, "obiwan", "Computer Network Rocks",
                                localTime(2021, 2, 23, 16, 1, 10), true}};
        ON_CALL(h.board, since(_, _)).WillByDefault(Return(page));
    }

    CommandHarness h;
    BoardService::Page page;
    std::int64_t since = epochSeconds(localTime(2021, 2, 23, 15, 0, 0));
};

TEST_F(ReadBoardCommandTest, PlainFormReadsTheBoard) {
    EXPECT_CALL(h.board, since(since, h.settings.maxReadRows));
    Reply reply = h.run("RDM 23 Feb 2021 15:00:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.rows().size(), 2u);
}

TEST_F(ReadBoardCommandTest, BFormReadsTheBoard) {
    EXPECT_CALL(h.board, since(since, _));
    Reply reply = h.run("RDM b 23 Feb 2021 15:00:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.rows().size(), 2u);
}

TEST_F(ReadBoardCommandTest, BFormIsCaseInsensitive) {
    EXPECT_CALL(h.board, since(since, _));
    EXPECT_FALSE(h.run("RDM B 23 Feb 2021 15:00:00").failed());
}

TEST_F(ReadBoardCommandTest, ReadIsTheSameAsRdm) {
    EXPECT_CALL(h.board, since(since, _));
    Reply reply = h.run("READ 23 Feb 2021 15:00:00");
    EXPECT_EQ(reply.final().verb(), "READ");
    EXPECT_EQ(reply.rows().size(), 2u);
}

TEST_F(ReadBoardCommandTest, SFormWithoutRoomsListsNothingAndDoesNotReadTheBoard) {
    EXPECT_CALL(h.board, since(_, _)).Times(0);
    Reply reply = h.run("RDM s 23 Feb 2021 15:00:00");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().intField("more"), 0);
    EXPECT_EQ(reply.final().text(), "no new message");
    EXPECT_EQ(h.run("RDM s 1 23 Feb 2021 15:00:00").final().code(), err::kUnknownRoom);
}

TEST_F(ReadBoardCommandTest, SFormStillChecksTheTimestamp) {
    EXPECT_EQ(h.run("RDM s 1 32 Feb 2021 15:00:00").final().code(), err::kBadTimestamp);
}

TEST_F(ReadBoardCommandTest, RowsCarryTheFields) {
    Reply reply = h.run("RDM 23 Feb 2021 15:00:00");
    ASSERT_EQ(reply.rows().size(), 2u);
    const ServerLine& first = reply.rows()[0];
    EXPECT_EQ(first.kind(), LineKind::Data);
    EXPECT_EQ(first.verb(), "READ");
    EXPECT_EQ(first.intField("n"), 1);
    EXPECT_EQ(first.field("user"), "yoda");
    EXPECT_EQ(first.field("ts"), isoTime(localTime(2021, 2, 23, 15, 0, 1)));
    EXPECT_EQ(first.intField("edited"), 0);
    EXPECT_EQ(first.field("text"), "Hello");

    const ServerLine& second = reply.rows()[1];
    EXPECT_EQ(second.intField("n"), 2);
    EXPECT_EQ(second.field("user"), "obiwan");
    EXPECT_EQ(second.intField("edited"), 1);
    EXPECT_EQ(second.field("text"), "Computer Network Rocks");

    EXPECT_EQ(reply.final().intField("count"), 2);
    EXPECT_EQ(reply.final().intField("more"), 0);
}

TEST_F(ReadBoardCommandTest, RowsReadLikeVariantB) {
    Reply reply = h.run("RDM 23 Feb 2021 15:00:00");
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].text(), "#1; yoda: \"Hello\" posted at 23 Feb 2021 15:00:01.");
    EXPECT_EQ(reply.rows()[1].text(),
              "#2; obiwan: \"Computer Network Rocks\" edited at 23 Feb 2021 16:01:10.");
}

TEST_F(ReadBoardCommandTest, RowTimesFollowPadDay) {
    page.posts = {BoardPost{1, 1, "yoda", "Hi", localTime(2023, 6, 1, 15, 0, 1), false}};
    ON_CALL(h.board, since(_, _)).WillByDefault(Return(page));
    h.settings.padDay = false;
    EXPECT_EQ(h.run("RDM 1 Jun 2023 15:00:00").rows().at(0).text(),
              "#1; yoda: \"Hi\" posted at 1 Jun 2023 15:00:01.");
    h.settings.padDay = true;
    EXPECT_EQ(h.run("RDM 1 Jun 2023 15:00:00").rows().at(0).text(),
              "#1; yoda: \"Hi\" posted at 01 Jun 2023 15:00:01.");
}

TEST_F(ReadBoardCommandTest, NothingNewSaysNoNewMessage) {
    ON_CALL(h.board, since(_, _)).WillByDefault(Return(BoardService::Page{}));
    Reply reply = h.run("RDM 23 Feb 2021 15:00:00");
    ASSERT_FALSE(reply.failed());
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().text(), "no new message");
}

TEST_F(ReadBoardCommandTest, TheLimitIsMaxReadRows) {
    h.settings.maxReadRows = 7;
    EXPECT_CALL(h.board, since(since, 7u));
    h.run("RDM 23 Feb 2021 15:00:00");
}

TEST_F(ReadBoardCommandTest, MoreIsReportedWhenThePageIsCut) {
    h.settings.maxReadRows = 2;
    page.more = 5;
    ON_CALL(h.board, since(_, _)).WillByDefault(Return(page));
    Reply reply = h.run("RDM 23 Feb 2021 15:00:00");
    ASSERT_FALSE(reply.failed());
    EXPECT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.final().intField("count"), 2);
    EXPECT_EQ(reply.final().intField("more"), 5);
    EXPECT_THAT(reply.final().text(), ::testing::StartsWith("5 more not shown"));
    EXPECT_THAT(reply.final().text(), ::testing::HasSubstr("at most 2"));
}

// 150 posts of 4 KB of backslashes take 8 KB each once escaped (twice: field and text): far
// more than one reply may carry. The read stops at the byte budget, whole rows only, and says
// how many it left out, counting what the row limit cut as well.
TEST_F(ReadBoardCommandTest, ARowsByteBudgetCutsTheReadAndSaysMore) {
    h.settings.maxReadRows = 150;
    h.settings.maxReplyBytes = 256 << 10;
    BoardService::Page big;
    for (int n = 1; n <= 150; ++n)
        big.posts.push_back(BoardPost{std::int64_t{n}, n, "yoda", std::string(4096, '\\'),
                                      localTime(2021, 2, 23, 15, 0, 1), false});
    big.more = 7;
    ON_CALL(h.board, since(_, _)).WillByDefault(Return(big));
    Reply reply = h.run("RDM 23 Feb 2021 15:00:00");
    ASSERT_FALSE(reply.failed());
    EXPECT_LE(reply.wire().size(), h.settings.maxReplyBytes + 200);
    const auto shown = static_cast<std::int64_t>(reply.rows().size());
    EXPECT_GT(shown, 0);
    EXPECT_LT(shown, 150);
    EXPECT_EQ(reply.final().intField("count"), shown);
    EXPECT_EQ(reply.final().intField("more"), 150 - shown + 7);
    // The rows shown are the oldest ones, in order.
    EXPECT_EQ(reply.rows().front().intField("n"), 1);
    EXPECT_EQ(reply.rows().back().intField("n"), shown);
}

TEST_F(ReadBoardCommandTest, MalformedTimestampIsBadTimestamp) {
    // As in the seeds' profiles: without the short forms, RDM b and RDM s need the time too.
    h.settings.shortForms = false;
    EXPECT_CALL(h.board, since(_, _)).Times(0);
    for (const char* line :
         {"RDM 23 Feb 2021", "RDM yesterday", "RDM 23 Feb 2021 15:00:60", "RDM b", "RDM s",
          "RDM x 23 Feb 2021 15:00:00", "RDM b 1 23 Feb 2021 15:00:00"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kBadTimestamp) << line;
        EXPECT_EQ(reply.final().field("expected"), std::string(kSeedTimeForm)) << line;
    }
}

} // namespace
} // namespace toom
