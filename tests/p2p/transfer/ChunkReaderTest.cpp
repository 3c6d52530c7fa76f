// The presenter's reads: any chunk, in any order, through the read-ahead.

#include "p2p/transfer/ChunkReader.h"

#include "p2p/transfer/TransferTestSupport.h"
#include "support/TempDir.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

using namespace toom::p2p::transfer;
using toom::test::TempDir;

namespace {

/// An open descriptor, closed at the end of the test.
class OpenForReading {
public:
    explicit OpenForReading(const std::string& path)
        : _fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
    ~OpenForReading() { ::close(_fd); }
    int fd() const { return _fd; }

private:
    int _fd;
};

std::string chunkVia(ChunkReader& reader, std::uint32_t seq) {
    std::string out(reader.chunkLength(seq), '\0');
    if (!reader.read(seq, out.data()))
        return "<error>";
    return out;
}

} // namespace

TEST(ChunkReaderTest, EveryChunkInAnyOrder) {
    TempDir dir;
    std::string bytes = testsupport::randomBytes(10 * 300 + 77, 1);
    testsupport::writeWholeFile(dir.file("f"), bytes);
    OpenForReading file(dir.file("f"));
    // A read-ahead of 1000 bytes: three 300-byte chunks at a time.
    ChunkReader reader(file.fd(), bytes.size(), 300, 1000);
    EXPECT_EQ(reader.chunkLength(10), 77u);
    EXPECT_EQ(reader.chunkLength(11), 0u);
    for (std::uint32_t seq : {0u, 1u, 2u, 3u, 1u, 7u, 4u, 10u, 0u, 9u, 8u, 5u, 6u}) {
        EXPECT_EQ(chunkVia(reader, seq), bytes.substr(seq * 300, 300)) << "chunk " << seq;
    }
}

TEST(ChunkReaderTest, AFileThatShrankIsAnError) {
    TempDir dir;
    testsupport::writeWholeFile(dir.file("f"), std::string(1000, 'a'));
    OpenForReading file(dir.file("f"));
    ChunkReader reader(file.fd(), 2000, 500); // announced as 2000 bytes
    EXPECT_EQ(chunkVia(reader, 1), std::string(500, 'a'));
    EXPECT_EQ(chunkVia(reader, 3), "<error>");
}
