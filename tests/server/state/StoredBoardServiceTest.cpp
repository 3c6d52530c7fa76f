// StoredBoardService over a real SqliteStore in a temporary directory, with a ManualClock and
// messagelog.txt: numbering, edits, deletes with renumbering, refusals, reads by time and the seed
// log file.

#include "server/state/StoredBoardService.h"

#include "common/SeedTime.h"
#include "server/store/SqliteStore.h"
#include "support/Files.h"
#include "support/LocalTime.h"
#include "support/ManualClock.h"
#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/File.h>
#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

namespace toom {
namespace {

using test::TempDir;
using Refusal = BoardService::Refusal;

using test::localTime;
using test::numbers;
using test::readLines;
using test::texts;

class StoredBoardServiceTest : public ::testing::Test {
protected:
    StoredBoardServiceTest() { open(); }

    /// (Re)opens store, log and board on the same files, as a restart does.
    void open(BoardLogFormat format = BoardLogFormat::WithEdited) {
        board.reset();
        log.reset();
        store.reset();
        store = std::make_unique<SqliteStore>(dbPath);
        log = std::make_unique<BoardLogFile>(logPath, format, false);
        board = std::make_unique<StoredBoardService>(*store, clock, *log);
    }

    std::int64_t nowSeconds() const { return epochSeconds(clock.now()); }

    /// Posts by `author`, one second apart; returns each post's time in seconds.
    std::vector<std::int64_t> postAll(const std::string& author,
                                      const std::vector<std::string>& postTexts) {
        std::vector<std::int64_t> times;
        for (const auto& text : postTexts) {
            times.push_back(epochSeconds(board->post(author, text).time));
            clock.advanceSeconds(1);
        }
        return times;
    }

    TempDir dir;
    std::string dbPath = dir.file("toom.db");
    std::string logPath = dir.file("messagelog.txt");
    ManualClock clock{localTime(2021, 2, 23, 15, 0, 1)};
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<BoardLogFile> log;
    std::unique_ptr<StoredBoardService> board;
};

// --- posting --------------------------------------------------------------------------------

// The login backlog: the latest posts later than a moment, by authors the reader accepts.
TEST_F(StoredBoardServiceTest, LatestAreTheNewestAcceptedPostsWithACountOfTheRest) {
    postAll("obiwan", {"seen"});
    const Poco::Timestamp away = clock.now() - Poco::Timespan(0, 1);
    postAll("obiwan", {"a"});
    postAll("vader", {"v"});
    postAll("obiwan", {"b", "c"});
    const auto notVader = [](const std::string& author) { return author != "vader"; };
    auto page = board->latest(away, 2, notVader);
    EXPECT_THAT(texts(page.posts), ::testing::ElementsAre("b", "c"));
    EXPECT_THAT(numbers(page.posts), ::testing::ElementsAre(4, 5));
    EXPECT_EQ(page.more, 1u) << "a; not vader's";
    page = board->latest(away, 10, notVader);
    EXPECT_THAT(texts(page.posts), ::testing::ElementsAre("a", "b", "c"));
    EXPECT_EQ(page.more, 0u);
    EXPECT_TRUE(board->latest(clock.now(), 10, notVader).posts.empty());
}

TEST_F(StoredBoardServiceTest, NumbersPostsFromOne) {
    BoardPost first = board->post("yoda", "Hello");
    clock.advanceSeconds(1);
    BoardPost second = board->post("obiwan", "Hi there");
    EXPECT_EQ(first.number, 1);
    EXPECT_EQ(second.number, 2);
    EXPECT_NE(first.id, second.id);
    EXPECT_EQ(first.author, "yoda");
    EXPECT_EQ(first.text, "Hello");
    EXPECT_EQ(first.time, localTime(2021, 2, 23, 15, 0, 1));
    EXPECT_FALSE(first.edited);
    EXPECT_EQ(second.time, localTime(2021, 2, 23, 15, 0, 2));
}

TEST_F(StoredBoardServiceTest, PostsAreInTheStore) {
    postAll("yoda", {"a", "b"});
    auto stored = store->boardPosts();
    EXPECT_THAT(texts(stored), ::testing::ElementsAre("a", "b"));
    EXPECT_THAT(numbers(stored), ::testing::ElementsAre(1, 2));
}

TEST_F(StoredBoardServiceTest, NumberingContinuesAfterReopening) {
    postAll("yoda", {"a", "b"});
    open();
    EXPECT_EQ(board->post("yoda", "c").number, 3);
}

TEST_F(StoredBoardServiceTest, LatestAreTheLastPostsInNumberOrder) {
    postAll("yoda", {"a", "b", "c", "d"});
    auto page = board->latest(2);
    EXPECT_THAT(texts(page.posts), ::testing::ElementsAre("c", "d"));
    EXPECT_THAT(numbers(page.posts), ::testing::ElementsAre(3, 4));
    EXPECT_EQ(page.more, 2u);
    auto all = board->latest(10);
    EXPECT_EQ(all.posts.size(), 4u);
    EXPECT_EQ(all.more, 0u);
    EXPECT_TRUE(board->latest(0).posts.empty());
}

// --- editing --------------------------------------------------------------------------------

TEST_F(StoredBoardServiceTest, EditKeepsTheNumberAndSetsTimeToNowAndEdited) {
    auto times = postAll("yoda", {"one", "two", "three"});
    clock.advanceSeconds(60);
    auto change = board->edit("yoda", 2, times[1], "TWO");
    ASSERT_EQ(change.refusal, Refusal::None);
    EXPECT_EQ(change.post.number, 2);
    EXPECT_EQ(change.post.text, "TWO");
    EXPECT_EQ(change.post.time, clock.now());
    EXPECT_TRUE(change.post.edited);
    EXPECT_EQ(change.post.author, "yoda");

    auto all = board->since(0, 100).posts;
    EXPECT_THAT(texts(all), ::testing::ElementsAre("one", "TWO", "three"));
    EXPECT_THAT(numbers(all), ::testing::ElementsAre(1, 2, 3));
}

TEST_F(StoredBoardServiceTest, EditIsDurable) {
    auto times = postAll("yoda", {"one", "two"});
    clock.advanceSeconds(5);
    ASSERT_EQ(board->edit("yoda", 1, times[0], "ONE").refusal, Refusal::None);
    const Poco::Timestamp editedAt = clock.now();
    open();
    auto all = board->since(0, 100).posts;
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].number, 1);
    EXPECT_EQ(all[0].text, "ONE");
    EXPECT_TRUE(all[0].edited);
    EXPECT_EQ(all[0].time, editedAt);
    EXPECT_FALSE(all[1].edited);
}

TEST_F(StoredBoardServiceTest, AnEditedPostIsNamedByItsNewTime) {
    auto times = postAll("yoda", {"one"});
    clock.advanceSeconds(10);
    ASSERT_EQ(board->edit("yoda", 1, times[0], "ONE").refusal, Refusal::None);
    EXPECT_EQ(board->edit("yoda", 1, times[0], "again").refusal, Refusal::TimestampMismatch);
    EXPECT_EQ(board->edit("yoda", 1, nowSeconds(), "again").refusal, Refusal::None);
}

// --- deleting -------------------------------------------------------------------------------

TEST_F(StoredBoardServiceTest, WithoutATimeTheNumberAndTheAuthorDecide) {
    postAll("yoda", {"one", "two"});
    postAll("obiwan", {"three"});
    EXPECT_EQ(board->edit("obiwan", 1, std::nullopt, "x").refusal, Refusal::NotAuthor);
    EXPECT_EQ(board->edit("yoda", 9, std::nullopt, "x").refusal, Refusal::UnknownNumber);
    auto edited = board->edit("yoda", 2, std::nullopt, "TWO");
    ASSERT_EQ(edited.refusal, Refusal::None);
    EXPECT_EQ(edited.post.text, "TWO");
    EXPECT_EQ(board->remove("obiwan", 2, std::nullopt).refusal, Refusal::NotAuthor);
    ASSERT_EQ(board->remove("yoda", 1, std::nullopt).refusal, Refusal::None);
    EXPECT_THAT(texts(board->latest(10).posts), ::testing::ElementsAre("TWO", "three"));
}

TEST_F(StoredBoardServiceTest, DeleteRenumbersLaterPosts) {
    auto times = postAll("yoda", {"one", "two", "three", "four"});
    auto change = board->remove("yoda", 2, times[1]);
    ASSERT_EQ(change.refusal, Refusal::None);
    EXPECT_EQ(change.post.number, 2);
    EXPECT_EQ(change.post.text, "two");

    auto all = board->since(0, 100).posts;
    EXPECT_THAT(texts(all), ::testing::ElementsAre("one", "three", "four"));
    EXPECT_THAT(numbers(all), ::testing::ElementsAre(1, 2, 3));
    EXPECT_EQ(board->post("yoda", "five").number, 4);
}

TEST_F(StoredBoardServiceTest, StoreAndCacheAgreeAfterDeleteAndReopen) {
    auto times = postAll("yoda", {"one", "two", "three", "four"});
    ASSERT_EQ(board->remove("yoda", 1, times[0]).refusal, Refusal::None);
    ASSERT_EQ(board->remove("yoda", 2, times[2]).refusal, Refusal::None); // "three", now #2
    auto before = board->since(0, 100).posts;
    EXPECT_THAT(texts(before), ::testing::ElementsAre("two", "four"));

    open();
    auto after = board->since(0, 100).posts;
    EXPECT_THAT(texts(after), ::testing::ElementsAre("two", "four"));
    EXPECT_THAT(numbers(after), ::testing::ElementsAre(1, 2));
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        EXPECT_EQ(after[i].id, before[i].id);
        EXPECT_EQ(after[i].time, before[i].time);
    }
    // The renumbered post can be changed by its new number after the restart.
    EXPECT_EQ(board->remove("yoda", 2, times[3]).refusal, Refusal::None);
    EXPECT_THAT(texts(store->boardPosts()), ::testing::ElementsAre("two"));
}

// --- refusals -------------------------------------------------------------------------------

TEST_F(StoredBoardServiceTest, UnknownNumbersAreRefused) {
    auto times = postAll("yoda", {"one", "two"});
    for (int number : {0, -1, 3, 100}) {
        EXPECT_EQ(board->edit("yoda", number, times[0], "x").refusal, Refusal::UnknownNumber)
            << number;
        EXPECT_EQ(board->remove("yoda", number, times[0]).refusal, Refusal::UnknownNumber)
            << number;
    }
    EXPECT_EQ(store->boardPosts().size(), 2u);
}

TEST_F(StoredBoardServiceTest, EmptyBoardHasNoNumberOne) {
    EXPECT_EQ(board->edit("yoda", 1, nowSeconds(), "x").refusal, Refusal::UnknownNumber);
    EXPECT_EQ(board->remove("yoda", 1, nowSeconds()).refusal, Refusal::UnknownNumber);
}

TEST_F(StoredBoardServiceTest, OnlyTheAuthorMayChangeAPost) {
    auto times = postAll("obiwan", {"Database Rocks"});
    auto edit = board->edit("yoda", 1, times[0], "mine now");
    EXPECT_EQ(edit.refusal, Refusal::NotAuthor);
    EXPECT_EQ(edit.post.author, "obiwan");
    EXPECT_EQ(board->remove("yoda", 1, times[0]).refusal, Refusal::NotAuthor);
    auto all = board->since(0, 100).posts;
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].text, "Database Rocks");
    EXPECT_FALSE(all[0].edited);
}

TEST_F(StoredBoardServiceTest, TimestampMustMatchToTheSecond) {
    auto times = postAll("yoda", {"one"});
    EXPECT_EQ(board->edit("yoda", 1, times[0] - 1, "x").refusal, Refusal::TimestampMismatch);
    EXPECT_EQ(board->edit("yoda", 1, times[0] + 1, "x").refusal, Refusal::TimestampMismatch);
    EXPECT_EQ(board->remove("yoda", 1, times[0] + 1).refusal, Refusal::TimestampMismatch);
    EXPECT_THAT(texts(board->since(0, 100).posts), ::testing::ElementsAre("one"));
}

TEST_F(StoredBoardServiceTest, SameSecondWithDifferentMicrosecondsMatches) {
    clock.set(localTime(2021, 2, 23, 15, 0, 1) + 654'321);
    BoardPost post = board->post("yoda", "one");
    const std::int64_t typed = epochSeconds(localTime(2021, 2, 23, 15, 0, 1));
    EXPECT_EQ(board->edit("yoda", 1, typed, "ONE").refusal, Refusal::None);

    clock.set(localTime(2021, 2, 23, 15, 0, 2) + 999'999);
    board->post("yoda", "two");
    open(); // the stored time keeps its microseconds
    EXPECT_EQ(board->remove("yoda", 2, epochSeconds(localTime(2021, 2, 23, 15, 0, 2))).refusal,
              Refusal::None);
    EXPECT_EQ(post.number, 1);
}

// --- since ----------------------------------------------------------------------------------

TEST_F(StoredBoardServiceTest, SinceIsStrictlyLaterToTheSecond) {
    clock.set(localTime(2021, 2, 23, 15, 0, 1) + 500'000);
    board->post("yoda", "at :01.5");
    clock.set(localTime(2021, 2, 23, 15, 0, 2));
    board->post("yoda", "at :02");
    clock.set(localTime(2021, 2, 23, 15, 0, 3) + 1);
    board->post("yoda", "at :03.000001");

    auto fromFirst = board->since(epochSeconds(localTime(2021, 2, 23, 15, 0, 1)), 100);
    EXPECT_THAT(texts(fromFirst.posts), ::testing::ElementsAre("at :02", "at :03.000001"));
    auto fromSecond = board->since(epochSeconds(localTime(2021, 2, 23, 15, 0, 2)), 100);
    EXPECT_THAT(texts(fromSecond.posts), ::testing::ElementsAre("at :03.000001"));
    auto fromThird = board->since(epochSeconds(localTime(2021, 2, 23, 15, 0, 3)), 100);
    EXPECT_TRUE(fromThird.posts.empty());
    EXPECT_EQ(fromThird.more, 0u);
    auto fromBefore = board->since(epochSeconds(localTime(2021, 2, 23, 15, 0, 0)), 100);
    EXPECT_EQ(fromBefore.posts.size(), 3u);
}

TEST_F(StoredBoardServiceTest, SinceRespectsTheLimitAndCountsMore) {
    const std::int64_t start = nowSeconds() - 1;
    postAll("yoda", {"1", "2", "3", "4", "5"});
    auto page = board->since(start, 2);
    EXPECT_THAT(texts(page.posts), ::testing::ElementsAre("1", "2"));
    EXPECT_THAT(numbers(page.posts), ::testing::ElementsAre(1, 2));
    EXPECT_EQ(page.more, 3u);

    auto all = board->since(start, 5);
    EXPECT_EQ(all.posts.size(), 5u);
    EXPECT_EQ(all.more, 0u);
}

TEST_F(StoredBoardServiceTest, SinceSeesAnEditedPostAtItsNewTime) {
    auto times = postAll("yoda", {"one", "two"});
    clock.advanceSeconds(100);
    ASSERT_EQ(board->edit("yoda", 1, times[0], "ONE").refusal, Refusal::None);
    auto page = board->since(times[1], 100);
    ASSERT_EQ(page.posts.size(), 1u);
    EXPECT_EQ(page.posts[0].number, 1);
    EXPECT_EQ(page.posts[0].text, "ONE");
    EXPECT_TRUE(page.posts[0].edited);
}

// --- messagelog.txt -------------------------------------------------------------------------

TEST_F(StoredBoardServiceTest, LogLinesWithEdited) {
    board->post("yoda", "Hello");
    clock.set(localTime(2021, 2, 23, 16, 0, 1));
    board->post("obiwan", "Hi, all");
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 23 Feb 2021 15:00:01; yoda; Hello; no",
                                       "2; 23 Feb 2021 16:00:01; obiwan; Hi, all; no"));
}

TEST_F(StoredBoardServiceTest, LogLinesPlainHaveFourFields) {
    open(BoardLogFormat::Plain);
    clock.set(localTime(2022, 6, 1, 21, 39, 4));
    board->post("yoda", "Hello world! COMP3331");
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 1 Jun 2022 21:39:04; yoda; Hello world! COMP3331"));
}

TEST_F(StoredBoardServiceTest, LogFollowsPadDay) {
    board.reset();
    log = std::make_unique<BoardLogFile>(logPath, BoardLogFormat::WithEdited, true);
    board = std::make_unique<StoredBoardService>(*store, clock, *log);
    clock.set(localTime(2022, 6, 1, 21, 39, 4));
    board->post("yoda", "Hi");
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 01 Jun 2022 21:39:04; yoda; Hi; no"));
}

TEST_F(StoredBoardServiceTest, LogIsRewrittenWithYesAfterEdit) {
    auto times = postAll("yoda", {"one", "two"});
    clock.set(localTime(2021, 2, 23, 16, 1, 10));
    ASSERT_EQ(board->edit("yoda", 1, times[0], "ONE").refusal, Refusal::None);
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 23 Feb 2021 16:01:10; yoda; ONE; yes",
                                       "2; 23 Feb 2021 15:00:02; yoda; two; no"));
}

TEST_F(StoredBoardServiceTest, LogIsRenumberedAfterDelete) {
    auto times = postAll("yoda", {"one", "two", "three"});
    ASSERT_EQ(board->remove("yoda", 1, times[0]).refusal, Refusal::None);
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 23 Feb 2021 15:00:02; yoda; two; no",
                                       "2; 23 Feb 2021 15:00:03; yoda; three; no"));
    board->post("obiwan", "four");
    EXPECT_EQ(readLines(logPath).back(), "3; 23 Feb 2021 15:00:04; obiwan; four; no");
}

TEST_F(StoredBoardServiceTest, RefusalsLeaveTheLogAlone) {
    auto times = postAll("obiwan", {"one"});
    const auto before = readLines(logPath);
    board->edit("yoda", 1, times[0], "x");
    board->remove("obiwan", 1, times[0] + 1);
    EXPECT_EQ(readLines(logPath), before);
}

TEST_F(StoredBoardServiceTest, OpeningRewritesTheLogFromTheStore) {
    postAll("yoda", {"one", "two"});
    {
        std::ofstream out(logPath, std::ios::trunc);
        out << "junk\n";
    }
    open();
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 23 Feb 2021 15:00:01; yoda; one; no",
                                       "2; 23 Feb 2021 15:00:02; yoda; two; no"));
}

TEST_F(StoredBoardServiceTest, EmptyLogPathWritesNothing) {
    board.reset();
    log.reset();
    Poco::File(logPath).remove();
    BoardLogFile none("", BoardLogFormat::WithEdited, false);
    StoredBoardService quiet(*store, clock, none);
    auto post = quiet.post("yoda", "one");
    quiet.edit("yoda", 1, epochSeconds(post.time), "ONE");
    quiet.post("yoda", "two");
    quiet.remove("yoda", 2, epochSeconds(clock.now()));
    std::vector<std::string> files;
    Poco::File(dir.path()).list(files);
    for (const auto& name : files)
        EXPECT_THAT(name, ::testing::StartsWith("toom.db")) << name;
}

} // namespace
} // namespace toom
