#include "client/terminal/LineRenderer.h"

#include <gtest/gtest.h>

using namespace toom::client;

TEST(LineRendererTest, DrawsPromptAndTextWithTheCursorAtTheEnd) {
    LineRenderer renderer;
    EXPECT_EQ(renderer.draw("> ", "abc", 3, 80), "\r\x1b[J> abc\r\x1b[5C");
    EXPECT_EQ(renderer.cursorRow(), 0);
}

TEST(LineRendererTest, PlacesTheCursorInsideTheText) {
    LineRenderer renderer;
    EXPECT_EQ(renderer.draw("> ", "abc", 1, 80), "\r\x1b[J> abc\r\x1b[3C");
    EXPECT_EQ(renderer.draw("", "abc", 0, 80), "\r\x1b[Jabc\r");
}

TEST(LineRendererTest, CursorColumnsCountCharactersNotBytes) {
    LineRenderer renderer;
    // "é中" is 5 bytes but 3 columns; the cursor after é is at column 2 + 1.
    EXPECT_EQ(renderer.draw("> ", "\xC3\xA9\xE4\xB8\xAD", 2, 80),
              "\r\x1b[J> \xC3\xA9\xE4\xB8\xAD\r\x1b[3C");
}

TEST(LineRendererTest, WrappedLinesMoveUpToTheCursorRow) {
    LineRenderer renderer;
    // 8 + 8 = 16 columns on a 10-column terminal: two rows.
    EXPECT_EQ(renderer.draw("12345678", "abcdefgh", 0, 10),
              "\r\x1b[J12345678abcdefgh\x1b[1A\r\x1b[8C");
    EXPECT_EQ(renderer.cursorRow(), 0);
    EXPECT_EQ(renderer.draw("12345678", "abcdefgh", 8, 10), "\r\x1b[J12345678abcdefgh\r\x1b[6C");
    EXPECT_EQ(renderer.cursorRow(), 1);
    // The next redraw first climbs back to the first row of the edit area.
    EXPECT_EQ(renderer.erase(), "\x1b[1A\r\x1b[J");
    EXPECT_EQ(renderer.cursorRow(), 0);
}

TEST(LineRendererTest, ExactlyFullRowMovesToAFreshRow) {
    LineRenderer renderer;
    EXPECT_EQ(renderer.draw("12345", "abcde", 5, 10), "\r\x1b[J12345abcde\r\n\r");
    EXPECT_EQ(renderer.cursorRow(), 1);
    EXPECT_EQ(renderer.finish("12345", "abcde", 10), "\r");
}

TEST(LineRendererTest, FinishMovesBelowTheEditArea) {
    LineRenderer renderer;
    renderer.draw("> ", "abc", 0, 80);
    EXPECT_EQ(renderer.finish("> ", "abc", 80), "\r\n");
    renderer.draw("12345678", "abcdefgh", 0, 10);
    EXPECT_EQ(renderer.finish("12345678", "abcdefgh", 10), "\x1b[1B\r\n");
    EXPECT_EQ(renderer.cursorRow(), 0);
}

TEST(LineRendererTest, NonPositiveWidthMeansEighty) {
    LineRenderer a;
    LineRenderer b;
    EXPECT_EQ(a.draw("> ", "x", 1, 0), b.draw("> ", "x", 1, 80));
}

TEST(LineRendererTest, TheSearchPromptSaysWhatIsSoughtAndWhetherItFailed) {
    EXPECT_EQ(LineRenderer::searchPrompt("que", false), "(reverse-i-search)'que': ");
    EXPECT_EQ(LineRenderer::searchPrompt("quex", true), "(failed reverse-i-search)'quex': ");
}
