#include "client/terminal/KeyDecoder.h"

#include "support/Typing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace toom::client;
using ::testing::ElementsAre;

namespace {
using toom::test::k;
using toom::test::text;

std::vector<Key> decode(KeyDecoder& decoder, std::string_view bytes) {
    std::vector<Key> keys;
    decoder.feed(bytes, keys);
    return keys;
}
std::vector<Key> decode(std::string_view bytes) {
    KeyDecoder decoder;
    return decode(decoder, bytes);
}
} // namespace

TEST(KeyDecoderTest, PrintableText) {
    EXPECT_THAT(decode("Hi"), ElementsAre(text("H"), text("i")));
}

TEST(KeyDecoderTest, Utf8CharactersArriveWhole) {
    EXPECT_THAT(decode("\xC3\xA9\xF0\x9F\x98\x80"),
                ElementsAre(text("\xC3\xA9"), text("\xF0\x9F\x98\x80")));
}

TEST(KeyDecoderTest, Utf8SplitAcrossReads) {
    KeyDecoder decoder;
    EXPECT_TRUE(decode(decoder, "\xE2\x82").empty());
    EXPECT_TRUE(decoder.pending());
    EXPECT_THAT(decode(decoder, "\xAC"), ElementsAre(text("\xE2\x82\xAC")));
    EXPECT_FALSE(decoder.pending());
}

TEST(KeyDecoderTest, MalformedUtf8IsDropped) {
    EXPECT_THAT(decode("\x80"
                       "a"
                       "\xC3"
                       "b"),
                ElementsAre(text("a"), text("b")));
}

TEST(KeyDecoderTest, ControlKeys) {
    EXPECT_THAT(decode("\x01\x05\x02\x06\x03\x04\x15\x0B\x17\x19\x0C\x10\x0E"),
                ElementsAre(k(KeyCode::Home), k(KeyCode::End), k(KeyCode::Left), k(KeyCode::Right),
                            k(KeyCode::Interrupt), k(KeyCode::EndOfInput), k(KeyCode::KillToStart),
                            k(KeyCode::KillToEnd), k(KeyCode::KillWord), k(KeyCode::Yank),
                            k(KeyCode::ClearScreen), k(KeyCode::Up), k(KeyCode::Down)));
}

TEST(KeyDecoderTest, BackspaceAndEnter) {
    EXPECT_THAT(decode("\x7F\x08\r"),
                ElementsAre(k(KeyCode::Backspace), k(KeyCode::Backspace), k(KeyCode::Enter)));
    EXPECT_THAT(decode("a\r\nb\n"),
                ElementsAre(text("a"), k(KeyCode::Enter), text("b"), k(KeyCode::Enter)));
}

TEST(KeyDecoderTest, ArrowAndEditingSequences) {
    EXPECT_THAT(decode("\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1b[3~\x1b[1~\x1b[4~\x1b[7~\x1b[8~"),
                ElementsAre(k(KeyCode::Up), k(KeyCode::Down), k(KeyCode::Right), k(KeyCode::Left),
                            k(KeyCode::Home), k(KeyCode::End), k(KeyCode::Delete), k(KeyCode::Home),
                            k(KeyCode::End), k(KeyCode::Home), k(KeyCode::End)));
    EXPECT_THAT(decode("\x1bOH\x1bOF\x1bOA\x1bOD"),
                ElementsAre(k(KeyCode::Home), k(KeyCode::End), k(KeyCode::Up), k(KeyCode::Left)));
}

TEST(KeyDecoderTest, WordMovementSequences) {
    EXPECT_THAT(decode("\x1b[1;5D\x1b[1;5C\x1b"
                       "b\x1b"
                       "f\x1b\x7F"),
                ElementsAre(k(KeyCode::WordLeft), k(KeyCode::WordRight), k(KeyCode::WordLeft),
                            k(KeyCode::WordRight), k(KeyCode::KillWord)));
}

TEST(KeyDecoderTest, SequenceSplitAcrossReads) {
    KeyDecoder decoder;
    EXPECT_TRUE(decode(decoder, "\x1b").empty());
    EXPECT_TRUE(decoder.pending());
    EXPECT_TRUE(decode(decoder, "[").empty());
    EXPECT_THAT(decode(decoder, "D"), ElementsAre(k(KeyCode::Left)));
}

TEST(KeyDecoderTest, UnknownSequencesAreDropped) {
    EXPECT_THAT(decode("\x1b[15~x\x1b[201~y"), ElementsAre(text("x"), text("y")));
}

TEST(KeyDecoderTest, ResetDropsALoneEscape) {
    KeyDecoder decoder;
    decode(decoder, "\x1b");
    decoder.reset();
    EXPECT_FALSE(decoder.pending());
    EXPECT_THAT(decode(decoder, "[D"), ElementsAre(text("["), text("D")));
}

TEST(KeyDecoderTest, TabCtrlRAndCtrlGAreKeysOtherControlsAreIgnored) {
    EXPECT_THAT(decode("a\tb\x12\x07\x1c"),
                ElementsAre(text("a"), k(KeyCode::Tab), text("b"), k(KeyCode::SearchBack),
                            k(KeyCode::Cancel)));
}

TEST(KeyDecoderTest, ALoneEscapeIsTheEscapeKeyAfterTheWait) {
    KeyDecoder decoder;
    EXPECT_TRUE(decode(decoder, "\x1b").empty());
    std::vector<Key> keys;
    decoder.timeOut(keys);
    EXPECT_THAT(keys, ElementsAre(k(KeyCode::Escape)));
    EXPECT_FALSE(decoder.pending());
    // ESC ESC: the first was the key on its own.
    EXPECT_THAT(decode(decoder, "\x1b\x1b[D"), ElementsAre(k(KeyCode::Escape), k(KeyCode::Left)));
}

TEST(KeyDecoderTest, ABracketedPasteIsOneKeyWithItsNewlines) {
    EXPECT_THAT(decode("x\x1b[200~one\rtwo\nthree\x1b[201~y"),
                ElementsAre(text("x"), Key{KeyCode::Paste, "one\rtwo\nthree"}, text("y")));
}

TEST(KeyDecoderTest, APasteSplitAcrossReadsAndHoldingEscapesEndsOnlyAtItsMarker) {
    KeyDecoder decoder;
    EXPECT_TRUE(decode(decoder, "\x1b[200~a\x1b[31mb\x1b[20").empty());
    EXPECT_TRUE(decoder.pasting());
    EXPECT_FALSE(decoder.pending()); // No short escape wait inside a paste.
    EXPECT_TRUE(decode(decoder, "0~c\x1b\x1b[2").empty());
    EXPECT_THAT(decode(decoder, "01~"),
                ElementsAre(Key{KeyCode::Paste, "a\x1b[31mb\x1b[200~c\x1b"}));
    EXPECT_FALSE(decoder.pasting());
}

TEST(KeyDecoderTest, AHugePasteIsCutAndMarked) {
    KeyDecoder decoder;
    std::string bytes =
        "\x1b[200~" + std::string(KeyDecoder::kMaxPasteBytes + 10, 'p') + "\x1b[201~";
    auto keys = decode(decoder, bytes);
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0].code, KeyCode::Paste);
    EXPECT_TRUE(keys[0].truncated);
    EXPECT_EQ(keys[0].text.size(), KeyDecoder::kMaxPasteBytes);
    EXPECT_THAT(decode(decoder, "z"), ElementsAre(text("z")));
}

TEST(KeyDecoderTest, APasteWhoseEndNeverComesEndsAtTheTimeOut) {
    KeyDecoder decoder;
    EXPECT_TRUE(decode(decoder, "\x1b[200~half\x1b[2").empty());
    std::vector<Key> keys;
    decoder.timeOut(keys);
    EXPECT_THAT(keys, ElementsAre(Key{KeyCode::Paste, "half\x1b[2"}));
    EXPECT_THAT(decode(decoder, "q"), ElementsAre(text("q")));
}
