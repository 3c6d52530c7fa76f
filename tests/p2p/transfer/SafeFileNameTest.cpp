// Received file names: whatever the presenter sends, the result is a plain name inside the
// download directory.

#include "p2p/transfer/SafeFileName.h"

#include <gtest/gtest.h>

using toom::p2p::transfer::kMaxBaseNameBytes;
using toom::p2p::transfer::receivedFileName;
using toom::p2p::transfer::safeBaseName;

TEST(SafeFileNameTest, PlainNamesAreKept) {
    EXPECT_EQ(safeBaseName("lecture.mp4"), "lecture.mp4");
    EXPECT_EQ(safeBaseName("my notes v2.txt"), "my notes v2.txt");
    EXPECT_EQ(safeBaseName("vidéo-été.mkv"), "vidéo-été.mkv");
}

TEST(SafeFileNameTest, DirectoriesAreDropped) {
    EXPECT_EQ(safeBaseName("../../etc/passwd"), "passwd");
    EXPECT_EQ(safeBaseName("/home/yoda/clip.mp4"), "clip.mp4");
    EXPECT_EQ(safeBaseName("C:\\Users\\yoda\\clip.mp4"), "clip.mp4");
    EXPECT_EQ(safeBaseName("..\\..\\boot.ini"), "boot.ini");
}

TEST(SafeFileNameTest, NothingUsableGivesEmpty) {
    EXPECT_EQ(safeBaseName(""), "");
    EXPECT_EQ(safeBaseName("."), "");
    EXPECT_EQ(safeBaseName(".."), "");
    EXPECT_EQ(safeBaseName("..."), "");
    EXPECT_EQ(safeBaseName("dir/"), "");
    EXPECT_EQ(safeBaseName("../.."), "");
    EXPECT_EQ(safeBaseName(" . "), "");
    EXPECT_EQ(safeBaseName("\x01\x02\x7f"), "");
}

TEST(SafeFileNameTest, LeadingDotsWouldHideTheFile) {
    EXPECT_EQ(safeBaseName(".bashrc"), "bashrc");
    EXPECT_EQ(safeBaseName("...hidden"), "hidden");
    EXPECT_EQ(safeBaseName(" .profile"), "profile");
    EXPECT_EQ(safeBaseName("name. "), "name.");
}

TEST(SafeFileNameTest, ControlAndDirectionCharactersAreRemoved) {
    EXPECT_EQ(safeBaseName("a\x1b[2Jb.txt"), "a[2Jb.txt");
    EXPECT_EQ(safeBaseName("line\nbreak\r.txt"), "linebreak.txt");
    EXPECT_EQ(safeBaseName("tab\tname"), "tabname");
    EXPECT_EQ(safeBaseName("c1\xc2\x9b"
                           "x"),
              "c1x");                                                        // U+009B CSI
    EXPECT_EQ(safeBaseName("invoice\xe2\x80\xaetxt.exe"), "invoicetxt.exe"); // U+202E
}

TEST(SafeFileNameTest, InvalidUtf8BytesBecomeUnderscores) {
    EXPECT_EQ(safeBaseName("bad\xff\xfe.bin"), "bad__.bin");
    EXPECT_EQ(safeBaseName("cut\xc3"), "cut_");
}

TEST(SafeFileNameTest, LongNamesAreShortenedKeepingTheExtension) {
    std::string longName = std::string(500, 'a') + ".mp4";
    std::string safe = safeBaseName(longName);
    EXPECT_EQ(safe.size(), kMaxBaseNameBytes);
    EXPECT_EQ(safe.substr(safe.size() - 4), ".mp4");
    // Never cut inside a multi-byte character.
    std::string accents;
    for (int i = 0; i < 300; ++i)
        accents += "é";
    std::string cut = safeBaseName(accents);
    EXPECT_LE(cut.size(), kMaxBaseNameBytes);
    EXPECT_EQ(cut.size() % 2, 0u);
}

TEST(SafeFileNameTest, ReceivedNameIsPresenterUnderscoreBase) {
    EXPECT_EQ(receivedFileName("yoda", "../../etc/passwd"), "yoda_passwd");
    EXPECT_EQ(receivedFileName("hans", "lecture.mp4"), "hans_lecture.mp4");
    EXPECT_EQ(receivedFileName("we/ird", "x"), "we_ird_x");
    EXPECT_EQ(receivedFileName(".dot", "x"), "dot_x");
    EXPECT_EQ(receivedFileName("yoda", ".."), "");
    EXPECT_EQ(receivedFileName("", "file"), "");
}

TEST(SafeFileNameTest, NumberedAlternativesGoBeforeTheExtension) {
    using toom::p2p::transfer::numberedFileName;
    EXPECT_EQ(numberedFileName("yoda_big.bin", 0), "yoda_big.bin");
    EXPECT_EQ(numberedFileName("yoda_big.bin", 1), "yoda_big (1).bin");
    EXPECT_EQ(numberedFileName("yoda_big.bin", 2), "yoda_big (2).bin");
    EXPECT_EQ(numberedFileName("yoda_notes", 1), "yoda_notes (1)");
    EXPECT_EQ(numberedFileName("yoda_a.tar.gz", 3), "yoda_a.tar (3).gz");
    EXPECT_EQ(numberedFileName(".hidden", 1), ".hidden (1)");
    // Still a plain name: nothing the number adds can separate a path.
    EXPECT_EQ(numberedFileName("yoda_x.bin", 999).find('/'), std::string::npos);
}
