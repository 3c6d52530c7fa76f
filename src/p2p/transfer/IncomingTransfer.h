#pragma once
// One file being received: the hidden temporary file it is written into, the bitmap of chunks
// that arrived, and the SHA-256 computed along the way. Chunks are written at their offset as
// they come, so memory stays at one bit per chunk whatever the file's size.
//
// The file becomes visible under its final name only through keep(), after the digest matched;
// otherwise (failure, or destruction before keep) the temporary file is removed.

#include "p2p/transfer/ChunkBitmap.h"
#include "p2p/transfer/Datagram.h"
#include "p2p/transfer/FileOffer.h"
#include "p2p/transfer/Sha256.h"

#include <cstdint>
#include <string>
#include <vector>

namespace toom::p2p::transfer {

class IncomingTransfer {
public:
    /// What became of one DATA datagram.
    enum class Stored {
        New,       ///< Written; one more chunk.
        Duplicate, ///< Already had it; nothing written.
        Invalid,   ///< Sequence number or length does not fit the file; ignored.
        Failed     ///< Could not be written: the transfer cannot go on (see error()).
    };

    /// What keep() did.
    enum class Kept {
        Yes,            ///< The file is under its final name.
        DigestMismatch, ///< The bytes are not the announced file; error() says more.
        Failed          ///< The file could not be written or renamed; error() says why.
    };

    /// `finalPath` is where keep() puts the file (or a numbered alternative, if that name is
    /// taken by then); `tempPath` where it grows meanwhile.
    IncomingTransfer(FileOffer offer, std::uint32_t chunkSize, std::string finalPath,
                     std::string tempPath);
    ~IncomingTransfer();

    IncomingTransfer(const IncomingTransfer&) = delete;
    IncomingTransfer& operator=(const IncomingTransfer&) = delete;

    /// Creates the temporary file (and the directory). "" on success, else why not.
    std::string open();

    /// Writes a chunk at its offset and extends the digest over the newly contiguous prefix.
    Stored store(const DataMessage& data);

    /// True once every chunk arrived.
    bool complete() const { return _bitmap.complete(); }

    /// The acknowledgement for what arrived so far, echoing `echo`.
    AckMessage ack(std::uint32_t echo) const;

    /// Checks the digest, makes the data durable (fdatasync) and renames the temporary file to
    /// its final name, which never replaces a file: if the name given at construction is
    /// taken, the first free numbered alternative ("yoda_big (1).bin", see numberedFileName)
    /// is used, and finalPath() then names it. Unless Kept::Yes, the temporary file is gone and
    /// error() says why. Call once complete().
    Kept keep();

    /// Removes the temporary file (nothing if already kept or discarded).
    void discard();

    const FileOffer& offer() const { return _offer; }
    /// Where the file is (after keep()) or would go (before).
    const std::string& finalPath() const { return _finalPath; }
    const std::string& tempPath() const { return _tempPath; }
    const std::string& error() const { return _error; }
    std::uint32_t chunkSize() const { return _chunkSize; }
    std::uint64_t bytesStored() const { return _bytesStored; }
    std::uint32_t cumulative() const { return _bitmap.cumulative(); }
    /// One past the highest chunk that arrived.
    std::uint32_t highest() const { return _bitmap.highest(); }

private:
    std::uint32_t chunkLength(std::uint32_t seq) const;
    bool writeAt(const char* data, std::size_t length, std::uint64_t offset);
    bool bufferWrite(std::string_view data, std::uint64_t offset);
    bool flushWrites();
    bool readAt(char* data, std::size_t length, std::uint64_t offset);
    bool hashUpTo(std::uint32_t end, const DataMessage& justStored);
    void closeFile();
    /// Creates the first free name of _finalPath's alternatives (O_EXCL) and sets _finalPath
    /// to it; false, with _error set, if none could be created.
    bool claimFinalName();

    FileOffer _offer;
    std::uint32_t _chunkSize;
    std::string _finalPath;
    std::string _tempPath;
    ChunkBitmap _bitmap;
    Sha256 _sha256;
    std::uint32_t _hashedChunks = 0; ///< The digest covers chunks [0, _hashedChunks).
    std::vector<char> _readBack;     ///< For hashing chunks that arrived early, in whole chunks.
    /// Chunks that arrived one after the other, written to the file together (one system call
    /// per 64 KiB instead of one per chunk); their place in the file is _pendingOffset.
    std::vector<char> _pending;
    std::uint64_t _pendingOffset = 0;
    std::uint64_t _bytesStored = 0;
    int _fd = -1;
    bool _created = false;
    bool _kept = false;
    std::string _error;
};

/// Chunks in a file of `size` bytes cut in `chunkSize`-byte chunks.
std::uint64_t chunkCountFor(std::uint64_t size, std::uint32_t chunkSize);

} // namespace toom::p2p::transfer
