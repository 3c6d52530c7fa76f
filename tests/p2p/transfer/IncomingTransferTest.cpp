// One incoming file: chunks at their offsets in any order, the digest along the way, and the
// temporary file that becomes the final one only when the digest matches.

#include "p2p/transfer/IncomingTransfer.h"

#include "p2p/transfer/TransferTestSupport.h"
#include "support/TempDir.h"

#include <Poco/File.h>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace toom::p2p::transfer;
using toom::test::TempDir;

namespace {

constexpr std::uint32_t kIncomingTestChunk = 256;

/// An offer for `bytes` whose digest is right, or wrong when `lie` is set.
FileOffer incomingTestOffer(const std::string& bytes, bool lie = false) {
    TempDir scratch;
    testsupport::writeWholeFile(scratch.file("f"), lie ? bytes + "!" : bytes);
    FileOffer offer = testsupport::offerFor(scratch.file("f"), "yoda", "clip.bin", 1);
    offer.size = bytes.size();
    return offer;
}

DataMessage chunkOf(const std::string& bytes, std::uint32_t seq) {
    std::size_t offset = std::size_t{seq} * kIncomingTestChunk;
    return DataMessage{seq, 0, std::string_view(bytes).substr(offset, kIncomingTestChunk)};
}

} // namespace

TEST(IncomingTransferTest, ChunksInAnyOrderMakeTheFile) {
    TempDir dir;
    std::string bytes = testsupport::randomBytes(10 * kIncomingTestChunk + 17, 1);
    IncomingTransfer transfer(incomingTestOffer(bytes), kIncomingTestChunk, dir.file("final"),
                              dir.file(".final.part"));
    ASSERT_EQ(transfer.open(), "");
    for (std::uint32_t seq : {3u, 0u, 10u, 1u, 2u, 7u, 5u, 4u, 6u, 9u}) {
        EXPECT_EQ(transfer.store(chunkOf(bytes, seq)), IncomingTransfer::Stored::New);
        EXPECT_FALSE(transfer.complete());
    }
    EXPECT_EQ(transfer.store(chunkOf(bytes, 3)), IncomingTransfer::Stored::Duplicate);
    EXPECT_EQ(transfer.cumulative(), 8u);
    EXPECT_EQ(transfer.store(chunkOf(bytes, 8)), IncomingTransfer::Stored::New);
    ASSERT_TRUE(transfer.complete());
    EXPECT_FALSE(Poco::File(dir.file("final")).exists());
    EXPECT_EQ(transfer.keep(), IncomingTransfer::Kept::Yes);
    EXPECT_EQ(testsupport::readWholeFile(dir.file("final")), bytes);
    EXPECT_FALSE(Poco::File(dir.file(".final.part")).exists());
}

TEST(IncomingTransferTest, ChunksThatDoNotFitAreIgnored) {
    TempDir dir;
    std::string bytes = testsupport::randomBytes(2 * kIncomingTestChunk + 10, 2);
    IncomingTransfer transfer(incomingTestOffer(bytes), kIncomingTestChunk, dir.file("final"),
                              dir.file(".tmp"));
    ASSERT_EQ(transfer.open(), "");
    EXPECT_EQ(transfer.store(DataMessage{3, 0, "x"}), IncomingTransfer::Stored::Invalid);
    EXPECT_EQ(transfer.store(DataMessage{0, 0, "short"}), IncomingTransfer::Stored::Invalid);
    // The last chunk is 10 bytes, not a full chunk.
    EXPECT_EQ(transfer.store(DataMessage{2, 0, std::string_view(bytes).substr(0, 256)}),
              IncomingTransfer::Stored::Invalid);
    EXPECT_EQ(transfer.bytesStored(), 0u);
}

TEST(IncomingTransferTest, DigestMismatchKeepsNothing) {
    TempDir dir;
    std::string bytes = testsupport::randomBytes(3 * kIncomingTestChunk, 3);
    testsupport::writeWholeFile(dir.file("final"), "the previous file");
    IncomingTransfer transfer(incomingTestOffer(bytes, true), kIncomingTestChunk, dir.file("final"),
                              dir.file(".tmp"));
    ASSERT_EQ(transfer.open(), "");
    for (std::uint32_t seq = 0; seq < 3; ++seq)
        transfer.store(chunkOf(bytes, seq));
    ASSERT_TRUE(transfer.complete());
    EXPECT_EQ(transfer.keep(), IncomingTransfer::Kept::DigestMismatch);
    EXPECT_EQ(transfer.error().rfind("digest mismatch", 0), 0u);
    EXPECT_FALSE(Poco::File(dir.file(".tmp")).exists());
    // The file already under the final name is untouched.
    EXPECT_EQ(testsupport::readWholeFile(dir.file("final")), "the previous file");
}

TEST(IncomingTransferTest, DestroyedBeforeKeepRemovesTheTemporaryFile) {
    TempDir dir;
    std::string bytes = testsupport::randomBytes(3 * kIncomingTestChunk, 4);
    {
        IncomingTransfer transfer(incomingTestOffer(bytes), kIncomingTestChunk, dir.file("final"),
                                  dir.file(".tmp"));
        ASSERT_EQ(transfer.open(), "");
        transfer.store(chunkOf(bytes, 1));
        EXPECT_TRUE(Poco::File(dir.file(".tmp")).exists());
    }
    EXPECT_FALSE(Poco::File(dir.file(".tmp")).exists());
    EXPECT_FALSE(Poco::File(dir.file("final")).exists());
}

TEST(IncomingTransferTest, AckReportsCumulativeAndSelective) {
    TempDir dir;
    std::string bytes = testsupport::randomBytes(6 * kIncomingTestChunk, 5);
    IncomingTransfer transfer(incomingTestOffer(bytes), kIncomingTestChunk, dir.file("final"),
                              dir.file(".tmp"));
    ASSERT_EQ(transfer.open(), "");
    transfer.store(chunkOf(bytes, 0));
    transfer.store(chunkOf(bytes, 2));
    transfer.store(chunkOf(bytes, 4));
    AckMessage ack = transfer.ack(1234);
    EXPECT_EQ(ack.cumulative, 1u);
    EXPECT_EQ(ack.echo, 1234u);
    EXPECT_EQ(ack.sack, (std::vector<std::uint8_t>{0x05})); // chunks 2 and 4
}

TEST(IncomingTransferTest, AnExistingFileIsNeverReplaced) {
    TempDir dir;
    testsupport::writeWholeFile(dir.file("clip.bin"), "mine");
    testsupport::writeWholeFile(dir.file("clip (1).bin"), "mine too");
    std::string bytes = testsupport::randomBytes(3 * kIncomingTestChunk, 3);
    IncomingTransfer transfer(incomingTestOffer(bytes), kIncomingTestChunk, dir.file("clip.bin"),
                              dir.file(".clip.bin.part"));
    ASSERT_EQ(transfer.open(), "");
    for (std::uint32_t seq : {0u, 1u, 2u})
        EXPECT_EQ(transfer.store(chunkOf(bytes, seq)), IncomingTransfer::Stored::New);
    ASSERT_EQ(transfer.keep(), IncomingTransfer::Kept::Yes) << transfer.error();
    EXPECT_EQ(transfer.finalPath(), dir.file("clip (2).bin"));
    EXPECT_EQ(testsupport::readWholeFile(dir.file("clip (2).bin")), bytes);
    EXPECT_EQ(testsupport::readWholeFile(dir.file("clip.bin")), "mine");
    EXPECT_EQ(testsupport::readWholeFile(dir.file("clip (1).bin")), "mine too");
    EXPECT_FALSE(Poco::File(dir.file(".clip.bin.part")).exists());
}

TEST(IncomingTransferTest, ASymlinkUnderTheFinalNameIsNotFollowed) {
    TempDir dir;
    testsupport::writeWholeFile(dir.file("target"), "precious");
    ASSERT_EQ(::symlink(dir.file("target").c_str(), dir.file("clip.bin").c_str()), 0);
    std::string bytes = testsupport::randomBytes(kIncomingTestChunk, 4);
    IncomingTransfer transfer(incomingTestOffer(bytes), kIncomingTestChunk, dir.file("clip.bin"),
                              dir.file(".clip.bin.part"));
    ASSERT_EQ(transfer.open(), "");
    EXPECT_EQ(transfer.store(chunkOf(bytes, 0)), IncomingTransfer::Stored::New);
    ASSERT_EQ(transfer.keep(), IncomingTransfer::Kept::Yes) << transfer.error();
    EXPECT_EQ(transfer.finalPath(), dir.file("clip (1).bin"));
    EXPECT_EQ(testsupport::readWholeFile(dir.file("target")), "precious");
}

TEST(IncomingTransferTest, AnExistingTemporaryNameIsNotWrittenThrough) {
    TempDir dir;
    testsupport::writeWholeFile(dir.file("target"), "precious");
    ASSERT_EQ(::symlink(dir.file("target").c_str(), dir.file(".clip.bin.part").c_str()), 0);
    std::string bytes = testsupport::randomBytes(kIncomingTestChunk, 5);
    IncomingTransfer transfer(incomingTestOffer(bytes), kIncomingTestChunk, dir.file("clip.bin"),
                              dir.file(".clip.bin.part"));
    EXPECT_NE(transfer.open(), "");
    EXPECT_EQ(testsupport::readWholeFile(dir.file("target")), "precious");
}
