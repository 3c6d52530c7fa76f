// Replies bounded by bytes over real sockets: a long read stops and says more= instead of
// overflowing the send queue, a client's own replies never count as "not reading", and a long
// queue of offline messages reaches its recipient whole.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

#include <string>

namespace toom::test {
namespace {

// 4,000 characters of backslashes and spaces: a quarter of the bytes are spaces, and every
// backslash is escaped, so a row carrying the text as a field and as text is about 11 KB.
std::string heavyText() {
    std::string text;
    while (text.size() < 4000)
        text += "\\\\\\ ";
    text.back() = '\\'; // No trailing space: the request line is trimmed.
    return text;
}

// The case: 150 such posts. Every read of them used to exceed toom.max_outbound_bytes
// (100 rows of 11 KB against 1 MiB), and the reader was dropped as if it did not read.
TEST(ReplyBudget, ALongReadStopsAtTheBudgetAndSaysMore) {
    TestServer server;
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    const std::string text = heavyText();
    for (int i = 0; i < 150; ++i)
        ASSERT_TRUE(yoda.request("POST " + text).ok()) << i;

    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    Response read = obiwan.request("READ 1 Jan 2000 00:00:00");
    ASSERT_TRUE(read.ok()) << read.final.format();
    ASSERT_FALSE(read.rows.empty());
    EXPECT_EQ(read.rows.front().field("text"), text);
    const std::size_t budget = server.options().settings.replyByteBudget();
    std::size_t bytes = 0;
    for (const auto& row : read.rows)
        bytes += row.format().size() + 1;
    EXPECT_LE(bytes, budget);
    EXPECT_EQ(read.final.field("count"), std::to_string(read.rows.size()));
    EXPECT_EQ(read.final.field("more"), std::to_string(150 - read.rows.size()));
    // Still connected and served.
    EXPECT_TRUE(obiwan.request("WHO").ok());
}

// A client that pipelines many reads and reads the replies late is served as it reads: the
// server stops serving while its backlog is over half the queue, rather than dropping it.
TEST(ReplyBudget, PipelinedReadsOfAClientThatReadsLateAreAllAnswered) {
    TestServer server([](ServerOptions& o) {
        o.settings.maxOutboundBytes = 64 * 1024;
        o.settings.socketSendBufferBytes = 8 * 1024;
    });
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        for (int i = 0; i < 40; ++i)
            ASSERT_TRUE(yoda.request("POST " + std::string(300, 'p')).ok());
    }
    TestClient reader(server.port(), 4096);
    reader.loginAs("obiwan");
    constexpr int kReads = 30; // About 28 KB each: 840 KB of replies against a 64 KiB queue.
    std::string burst;
    for (int i = 0; i < kReads; ++i)
        burst += "READ 1 Jan 2000 00:00:00\n";
    reader.sendRaw(burst);
    for (int i = 0; i < kReads; ++i) {
        Response read = reader.readResponse();
        ASSERT_TRUE(read.ok()) << i << ": " << read.final.format();
        ASSERT_EQ(read.final.field("count"), "40") << i;
    }
    EXPECT_TRUE(reader.request("WHO").ok());
}

// A full offline queue of long messages is more than the send queue holds at once. It arrives
// whole and in order after the welcome, a slice at a time, and the recipient stays connected.
TEST(ReplyBudget, AFullQueueOfLongOfflineMessagesArrivesWhole) {
    TestServer server;
    const std::size_t queued = server.options().settings.maxOfflineMessages;
    const std::string text = heavyText();
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        for (std::size_t i = 0; i < queued; ++i)
            ASSERT_TRUE(yoda.request("PM obiwan " + std::to_string(i) + text).ok()) << i;
    }
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    for (std::size_t i = 0; i < queued; ++i) {
        auto message = obiwan.waitEvent("MESSAGE");
        ASSERT_TRUE(message) << "message " << i << " never arrived";
        EXPECT_EQ(message->field("text"), std::to_string(i) + text);
        EXPECT_EQ(message->field("offline"), "1");
    }
    EXPECT_TRUE(obiwan.request("WHO").ok());
}

} // namespace
} // namespace toom::test
