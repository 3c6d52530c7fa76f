// StoreWriter: group commit on one thread. A job that blocks the writer (Gate) makes the next
// batch deterministic: everything submitted while it waits is one transaction.

#include "server/store/StoreWriter.h"

#include "server/store/SqliteStore.h"
#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/Logger.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

namespace toom {
namespace {

using test::at;
using ::testing::ElementsAre;

std::vector<std::string> postTexts(SqliteStore& store) {
    std::vector<std::string> out;
    for (const auto& post : store.boardPosts())
        out.push_back(post.text);
    return out;
}

std::string fileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Holds the writer inside a job until opened.
struct Gate {
    std::promise<void> entered;
    std::promise<void> open;
    std::shared_future<void> opened{open.get_future().share()};

    StoreWriter::Job job() {
        return [this](SqliteStore&) {
            entered.set_value();
            opened.wait();
        };
    }
};

class StoreWriterTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::string dbPath = dir.file("toom.db");
    SqliteStore store{dbPath};
    Poco::Logger& log = Poco::Logger::get("test.store");
};

TEST_F(StoreWriterTest, WritesQueuedWhileTheWriterIsBusyCommitInOneBatch) {
    StoreWriter writer(store, log);
    Gate gate;
    writer.submit(gate.job());
    gate.entered.get_future().wait(); // The first batch (the gate alone) is running.
    std::vector<int> order;
    StoreWriter::Ticket last = 0;
    for (int i = 0; i < 100; ++i) {
        last = writer.submit([i, &order](SqliteStore& s) {
            order.push_back(i); // Only the writer's thread runs jobs: no lock needed.
            s.insertBoardPost(test::post("yoda", "post " + std::to_string(i)));
        });
    }
    EXPECT_LT(writer.committed(), last);
    gate.open.set_value();
    writer.waitFor(last);
    EXPECT_EQ(writer.committed(), last);
    ASSERT_EQ(order.size(), 100u);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
    const StoreWriter::Stats stats = writer.stats();
    EXPECT_EQ(stats.batches, 2u); // The gate, then the hundred together.
    EXPECT_EQ(stats.writes, 101u);
    EXPECT_EQ(stats.failures, 0u);
}

TEST_F(StoreWriterTest, ACommittedWriteIsInTheFileForAnotherConnection) {
    StoreWriter writer(store, log);
    const auto ticket =
        writer.submit([](SqliteStore& s) { s.insertBoardPost(test::post("yoda", "durable")); });
    writer.waitFor(ticket);
    SqliteStore other(dbPath); // A second connection sees only what was committed.
    EXPECT_THAT(postTexts(other), ElementsAre("durable"));
}

TEST_F(StoreWriterTest, AFailingWriteIsUndoneAloneAndItsWaiterIsTold) {
    StoreWriter writer(store, log);
    Gate gate;
    const auto gateTicket = writer.submit(gate.job());
    gate.entered.get_future().wait();
    const auto first =
        writer.submit([](SqliteStore& s) { s.insertBoardPost(test::post("yoda", "first")); });
    const auto failing = writer.submit([](SqliteStore& s) {
        s.insertBoardPost(test::post("yoda", "half done"));
        throw std::runtime_error("disk on fire");
    });
    const auto third =
        writer.submit([](SqliteStore& s) { s.insertBoardPost(test::post("yoda", "third")); });
    std::promise<bool> firstOk;
    std::promise<bool> failingOk;
    std::promise<bool> thirdOk;
    writer.whenCommitted(gateTicket, first, [&](bool ok) { firstOk.set_value(ok); });
    writer.whenCommitted(first, failing, [&](bool ok) { failingOk.set_value(ok); });
    writer.whenCommitted(failing, third, [&](bool ok) { thirdOk.set_value(ok); });
    gate.open.set_value();
    EXPECT_TRUE(firstOk.get_future().get());
    EXPECT_FALSE(failingOk.get_future().get());
    EXPECT_TRUE(thirdOk.get_future().get());
    EXPECT_THAT(postTexts(store), ElementsAre("first", "third"));
    EXPECT_EQ(writer.stats().failures, 1u);
}

TEST_F(StoreWriterTest, WhenCommittedAnswersAtOnceForWhatIsCommittedAlready) {
    StoreWriter writer(store, log);
    const auto ticket = writer.submit([](SqliteStore&) {});
    writer.waitFor(ticket);
    bool called = false;
    writer.whenCommitted(0, ticket, [&](bool ok) {
        called = true;
        EXPECT_TRUE(ok);
    });
    EXPECT_TRUE(called); // On this thread, before whenCommitted returned.
}

TEST_F(StoreWriterTest, LogLinesOfABatchAreWrittenInOrderAfterItsCommit) {
    StoreWriter writer(store, log);
    const std::string roomLog = dir.file("room.txt");
    const std::string boardLog = dir.file("board.txt");
    Gate gate;
    writer.submit(gate.job());
    gate.entered.get_future().wait();
    writer.append(roomLog, "1; a\n");
    writer.append(boardLog, "1; old\n");
    writer.append(roomLog, "2; b\n");
    writer.replace(boardLog, "1; new\n"); // A rewrite drops what the batch appended before it.
    writer.append(boardLog, "2; next\n");
    writer.append(roomLog, "3; c\n");
    EXPECT_FALSE(Poco::File(roomLog).exists()); // Nothing before the batch commits.
    gate.open.set_value();
    writer.flush();
    EXPECT_EQ(fileText(roomLog), "1; a\n2; b\n3; c\n");
    EXPECT_EQ(fileText(boardLog), "1; new\n2; next\n");
    EXPECT_FALSE(Poco::File(boardLog + ".tmp").exists());
}

TEST_F(StoreWriterTest, SubmitWaitsWhileTheQueueIsFull) {
    StoreWriter::Limits limits;
    limits.maxJobs = 2;
    StoreWriter writer(store, log, limits);
    Gate gate;
    writer.submit(gate.job());
    gate.entered.get_future().wait();
    writer.submit([](SqliteStore&) {});
    writer.submit([](SqliteStore&) {}); // The queue holds two: full.
    std::atomic<bool> returned{false};
    std::thread third([&] {
        writer.submit([](SqliteStore&) {});
        returned = true;
    });
    // It cannot return while the writer is held; a short look is enough to catch a submit that
    // does not wait at all (a sleep cannot prove the opposite, but the release below can).
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(returned.load());
    gate.open.set_value();
    third.join();
    EXPECT_TRUE(returned.load());
    writer.flush();
    EXPECT_EQ(writer.stats().writes, 4u);
}

TEST_F(StoreWriterTest, LastOnThisThreadIsThisThreadsOwnLastWrite) {
    StoreWriter writer(store, log);
    const auto mine = writer.submit([](SqliteStore&) {});
    EXPECT_EQ(StoreWriter::lastOnThisThread(), mine);
    StoreWriter::Ticket theirs = 0;
    std::thread other([&] { theirs = writer.submit([](SqliteStore&) {}); });
    other.join();
    EXPECT_GT(theirs, mine);
    EXPECT_EQ(StoreWriter::lastOnThisThread(), mine); // Another thread's write is not ours.
}

TEST_F(StoreWriterTest, StopCommitsWhatIsQueuedAndLaterWritesRunAtOnce) {
    auto writer = std::make_unique<StoreWriter>(store, log);
    Gate gate;
    writer->submit(gate.job());
    gate.entered.get_future().wait();
    writer->submit([](SqliteStore& s) { s.insertBoardPost(test::post("yoda", "queued")); });
    std::thread stopper([&] { writer->stop(); });
    gate.open.set_value();
    stopper.join();
    EXPECT_THAT(postTexts(store), ElementsAre("queued"));
    const auto late =
        writer->submit([](SqliteStore& s) { s.insertBoardPost(test::post("yoda", "late")); });
    EXPECT_EQ(writer->committed(), late);
    EXPECT_THAT(postTexts(store), ElementsAre("queued", "late"));
}

} // namespace
} // namespace toom
