#include "client/terminal/EditBuffer.h"

#include "support/Typing.h"

#include <gtest/gtest.h>

using namespace toom::client;

namespace {
using toom::test::kEacute;
using toom::test::kHan;
using toom::test::kSmile;

EditBuffer with(std::string text, std::size_t cursor) {
    EditBuffer buffer;
    buffer.insert(text);
    while (buffer.cursor() > cursor && buffer.moveLeft()) {
    }
    return buffer;
}
} // namespace

TEST(EditBufferTest, InsertAtTheCursor) {
    EditBuffer buffer;
    buffer.insert("ATU");
    EXPECT_EQ(buffer.text(), "ATU");
    EXPECT_EQ(buffer.cursor(), 3u);
    buffer.moveHome();
    buffer.insert("x");
    EXPECT_EQ(buffer.text(), "xATU");
    EXPECT_EQ(buffer.cursor(), 1u);
}

TEST(EditBufferTest, LeftAndRightStopAtTheEnds) {
    EditBuffer buffer;
    buffer.insert("ab");
    EXPECT_TRUE(buffer.moveLeft());
    EXPECT_TRUE(buffer.moveLeft());
    EXPECT_FALSE(buffer.moveLeft());
    EXPECT_EQ(buffer.cursor(), 0u);
    EXPECT_TRUE(buffer.moveRight());
    EXPECT_TRUE(buffer.moveRight());
    EXPECT_FALSE(buffer.moveRight());
    EXPECT_EQ(buffer.cursor(), 2u);
}

TEST(EditBufferTest, CursorMovesOverWholeMultiByteCharacters) {
    EditBuffer buffer;
    buffer.insert("a" + kEacute + kSmile + kHan);
    EXPECT_EQ(buffer.cursor(), 10u);
    buffer.moveLeft();
    EXPECT_EQ(buffer.cursor(), 7u); // Before 中 (3 bytes).
    buffer.moveLeft();
    EXPECT_EQ(buffer.cursor(), 3u); // Before 😀 (4 bytes).
    buffer.moveLeft();
    EXPECT_EQ(buffer.cursor(), 1u); // Before é (2 bytes).
    buffer.moveRight();
    EXPECT_EQ(buffer.cursor(), 3u);
}

TEST(EditBufferTest, CombiningMarksMoveWithTheirBase) {
    EditBuffer buffer;
    buffer.insert("e\xCC\x81!");
    buffer.moveLeft();
    buffer.moveLeft();
    EXPECT_EQ(buffer.cursor(), 0u);
}

TEST(EditBufferTest, BackspaceAndDeleteRemoveWholeCharacters) {
    EditBuffer buffer;
    buffer.insert("x" + kSmile + "y");
    buffer.moveLeft();
    EXPECT_TRUE(buffer.backspace());
    EXPECT_EQ(buffer.text(), "xy");
    EXPECT_EQ(buffer.cursor(), 1u);
    buffer.moveHome();
    buffer.insert(kEacute);
    buffer.moveHome();
    EXPECT_TRUE(buffer.deleteForward());
    EXPECT_EQ(buffer.text(), "xy");
    buffer.moveEnd();
    EXPECT_FALSE(buffer.deleteForward());
    buffer.moveHome();
    EXPECT_FALSE(buffer.backspace());
}

TEST(EditBufferTest, HomeAndEnd) {
    EditBuffer buffer;
    buffer.insert("MSG hello");
    buffer.moveHome();
    EXPECT_EQ(buffer.cursor(), 0u);
    buffer.moveEnd();
    EXPECT_EQ(buffer.cursor(), 9u);
}

TEST(EditBufferTest, KillToStartKeepsTheRest) {
    auto buffer = with("message yoda hi", 8);
    EXPECT_EQ(buffer.killToStart(), "message ");
    EXPECT_EQ(buffer.text(), "yoda hi");
    EXPECT_EQ(buffer.cursor(), 0u);
}

TEST(EditBufferTest, KillToEndKeepsTheStart) {
    auto buffer = with("message yoda hi", 12);
    EXPECT_EQ(buffer.killToEnd(), " hi");
    EXPECT_EQ(buffer.text(), "message yoda");
    EXPECT_EQ(buffer.cursor(), 12u);
}

TEST(EditBufferTest, KillWordRemovesThePreviousWordAndTrailingSpaces) {
    EditBuffer buffer;
    buffer.insert("message yoda  ");
    EXPECT_EQ(buffer.killWordBefore(), "yoda  ");
    EXPECT_EQ(buffer.text(), "message ");
    EXPECT_EQ(buffer.killWordBefore(), "message ");
    EXPECT_EQ(buffer.text(), "");
    EXPECT_EQ(buffer.killWordBefore(), "");
}

TEST(EditBufferTest, KillWordHandlesMultiByteWords) {
    EditBuffer buffer;
    buffer.insert("say " + kHan + kEacute);
    EXPECT_EQ(buffer.killWordBefore(), kHan + kEacute);
    EXPECT_EQ(buffer.text(), "say ");
}

TEST(EditBufferTest, WordMovement) {
    EditBuffer buffer;
    buffer.insert("one two  three");
    buffer.moveWordLeft();
    EXPECT_EQ(buffer.cursor(), 9u);
    buffer.moveWordLeft();
    EXPECT_EQ(buffer.cursor(), 4u);
    buffer.moveWordRight();
    EXPECT_EQ(buffer.cursor(), 7u);
    buffer.moveWordRight();
    EXPECT_EQ(buffer.cursor(), 14u);
}

TEST(EditBufferTest, SetTextPutsTheCursorAtTheEnd) {
    EditBuffer buffer;
    buffer.insert("abc");
    buffer.moveHome();
    buffer.setText("ATU");
    EXPECT_EQ(buffer.cursor(), 3u);
    buffer.clear();
    EXPECT_TRUE(buffer.empty());
    EXPECT_EQ(buffer.cursor(), 0u);
}
