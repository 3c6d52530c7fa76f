// Reply: rows then one final line, and the byte budget on the rows.

#include "common/Reply.h"

#include <gtest/gtest.h>

#include <string>

namespace toom {
namespace {

ServerLine rowOf(const Reply& reply, const std::string& text) {
    ServerLine row = reply.newRow();
    row.with("text", text);
    return row;
}

std::size_t wireSize(const ServerLine& line) {
    return line.format().size() + 1;
}

TEST(ReplyTest, RowsThenTheFinalLineOnTheWire) {
    Reply reply("WHO");
    reply.add(rowOf(reply, "a"));
    reply.ok().with("count", 1);
    EXPECT_EQ(reply.wire(), "DATA WHO text=a\nOK WHO count=1\n");
}

TEST(ReplyTest, WithoutABudgetEveryRowIsTaken) {
    Reply reply("READ");
    for (int i = 0; i < 1000; ++i)
        ASSERT_TRUE(reply.add(rowOf(reply, std::string(100, 'x'))));
    EXPECT_EQ(reply.rows().size(), 1000u);
    EXPECT_FALSE(reply.full());
}

// The budget counts the rows as written, escapes included: a text of backslashes takes twice
// its length on the wire, and the budget sees that.
TEST(ReplyTest, TheBudgetCountsEscapedBytes) {
    const ServerLine probe = rowOf(Reply("READ"), std::string(100, '\\'));
    const std::size_t rowBytes = wireSize(probe);
    ASSERT_GT(rowBytes, 200u);
    Reply reply("READ", 3 * rowBytes);
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(reply.add(rowOf(reply, std::string(100, '\\'))));
    EXPECT_FALSE(reply.add(rowOf(reply, std::string(100, '\\'))));
    EXPECT_EQ(reply.rows().size(), 3u);
    EXPECT_EQ(reply.rowBytes(), 3 * rowBytes);
    EXPECT_EQ(reply.leftOut(), 1u);
}

// Once a row is refused, later (even smaller) rows are refused too, so what is shown is always
// a prefix of the listing and `more=` counts exactly what is missing.
TEST(ReplyTest, AfterTheFirstRefusalEveryRowIsLeftOut) {
    Reply reply("WHO", 100);
    EXPECT_TRUE(reply.add(rowOf(reply, std::string(60, 'a'))));
    EXPECT_FALSE(reply.add(rowOf(reply, std::string(60, 'b'))));
    EXPECT_FALSE(reply.add(rowOf(reply, "c")));
    EXPECT_FALSE(reply.add(rowOf(reply, "d")));
    EXPECT_EQ(reply.rows().size(), 1u);
    EXPECT_EQ(reply.leftOut(), 3u);
    EXPECT_TRUE(reply.full());
}

// A single row longer than the whole budget is still shown: every read makes progress.
TEST(ReplyTest, TheFirstRowIsTakenWhateverItsSize) {
    Reply reply("READ", 10);
    EXPECT_TRUE(reply.add(rowOf(reply, std::string(500, 'x'))));
    EXPECT_FALSE(reply.add(rowOf(reply, "y")));
    EXPECT_EQ(reply.rows().size(), 1u);
}

TEST(ReplyTest, AFailureDropsTheRowsAndTheirCount) {
    Reply reply("WHO", 100);
    reply.add(rowOf(reply, std::string(90, 'a')));
    reply.add(rowOf(reply, "b"));
    reply.fail("INTERNAL_ERROR").say("no");
    EXPECT_TRUE(reply.rows().empty());
    EXPECT_EQ(reply.leftOut(), 0u);
    EXPECT_EQ(reply.rowBytes(), 0u);
    EXPECT_EQ(reply.wire(), "FAIL WHO INTERNAL_ERROR :no\n");
}

} // namespace
} // namespace toom
