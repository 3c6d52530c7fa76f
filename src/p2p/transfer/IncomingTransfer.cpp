#include "p2p/transfer/IncomingTransfer.h"

#include "common/ByteSize.h"
#include "p2p/transfer/SafeFileName.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace toom::p2p::transfer {

namespace {
/// Bytes read back from the file at once when a filled hole makes a run of chunks contiguous.
constexpr std::size_t kReadBackBytes = 64 * 1024;
/// Most bytes of consecutive chunks kept before they are written.
constexpr std::size_t kWriteBufferBytes = 64 * 1024;
} // namespace

std::uint64_t chunkCountFor(std::uint64_t size, std::uint32_t chunkSize) {
    return chunkSize == 0 ? 0 : (size + chunkSize - 1) / chunkSize;
}

IncomingTransfer::IncomingTransfer(FileOffer offer, std::uint32_t chunkSize, std::string finalPath,
                                   std::string tempPath)
    : _offer(std::move(offer))
    , _chunkSize(chunkSize)
    , _finalPath(std::move(finalPath))
    , _tempPath(std::move(tempPath))
    , _bitmap(static_cast<std::uint32_t>(chunkCountFor(_offer.size, chunkSize))) {}

IncomingTransfer::~IncomingTransfer() {
    discard();
}

std::string IncomingTransfer::open() {
    try {
        Poco::File(Poco::Path(_tempPath).parent()).createDirectories();
    } catch (const Poco::Exception& e) {
        return "cannot create the download directory: " + e.displayText();
    }
    // O_EXCL (with which O_CREAT follows no symlink): the name is unique per transfer, so
    // anything already there is not ours to truncate or to write through.
    _fd = ::open(_tempPath.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (_fd < 0)
        return "cannot create " + _tempPath + ": " + std::strerror(errno);
    _created = true;
    // Reserve the space now: a full disk refuses the file at once instead of at 90%. Linux's
    // fallocate, not posix_fallocate: where the file system cannot reserve, glibc's emulation
    // would write every block, for seconds, on the thread that serves every transfer.
    if (_offer.size > 0 && ::fallocate(_fd, 0, 0, static_cast<off_t>(_offer.size)) != 0 &&
        (errno == ENOSPC || errno == EFBIG)) {
        discard();
        return "not enough space for " + formatByteSize(_offer.size);
    }
    // Whole chunks, at least one, about 64 KiB.
    _readBack.resize(std::max<std::size_t>(1, kReadBackBytes / _chunkSize) * _chunkSize);
    _pending.reserve(kWriteBufferBytes);
    return {};
}

std::uint32_t IncomingTransfer::chunkLength(std::uint32_t seq) const {
    std::uint64_t offset = std::uint64_t{seq} * _chunkSize;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(_chunkSize, _offer.size - offset));
}

IncomingTransfer::Stored IncomingTransfer::store(const DataMessage& data) {
    if (_fd < 0)
        return Stored::Failed;
    if (data.seq >= _bitmap.chunkCount() || data.payload.size() != chunkLength(data.seq))
        return Stored::Invalid;
    if (_bitmap.test(data.seq))
        return Stored::Duplicate;
    if (!bufferWrite(data.payload, std::uint64_t{data.seq} * _chunkSize))
        return Stored::Failed;
    _bitmap.set(data.seq);
    _bytesStored += data.payload.size();
    if (!hashUpTo(_bitmap.cumulative(), data))
        return Stored::Failed;
    return Stored::New;
}

bool IncomingTransfer::bufferWrite(std::string_view data, std::uint64_t offset) {
    bool follows = offset == _pendingOffset + _pending.size();
    if (!_pending.empty() && (!follows || _pending.size() + data.size() > kWriteBufferBytes)) {
        if (!flushWrites())
            return false;
    }
    if (_pending.empty())
        _pendingOffset = offset;
    _pending.insert(_pending.end(), data.begin(), data.end());
    return true;
}

bool IncomingTransfer::flushWrites() {
    if (_pending.empty())
        return true;
    bool written = writeAt(_pending.data(), _pending.size(), _pendingOffset);
    _pending.clear();
    return written;
}

bool IncomingTransfer::writeAt(const char* data, std::size_t length, std::uint64_t offset) {
    std::size_t written = 0;
    while (written < length) {
        ssize_t n =
            ::pwrite(_fd, data + written, length - written, static_cast<off_t>(offset + written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            _error = "cannot write " + _tempPath + ": " + std::strerror(n < 0 ? errno : EIO);
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

bool IncomingTransfer::hashUpTo(std::uint32_t end, const DataMessage& justStored) {
    // The digest follows the contiguous prefix, so keep() has nothing left to hash. A chunk
    // that fills a hole makes the chunks after it contiguous; they are read back from the file
    // (from the page cache: they were written moments ago), many chunks per read.
    while (_hashedChunks < end) {
        if (_hashedChunks == justStored.seq) {
            _sha256.update(justStored.payload.data(), justStored.payload.size());
            ++_hashedChunks;
            continue;
        }
        // Reading back what is still only in memory would find holes in the file.
        if (!flushWrites())
            return false;
        // Up to the chunk in hand (which is hashed from memory) or the end of the run.
        std::uint32_t stop = end;
        if (justStored.seq > _hashedChunks && justStored.seq < end)
            stop = justStored.seq;
        std::uint64_t from = std::uint64_t{_hashedChunks} * _chunkSize;
        std::uint64_t to = std::min<std::uint64_t>(std::uint64_t{stop} * _chunkSize, _offer.size);
        // Whole chunks: `from` is a chunk boundary, and both limits are whole chunks or the
        // end of the file.
        std::uint64_t length = std::min<std::uint64_t>(to - from, _readBack.size());
        if (!readAt(_readBack.data(), static_cast<std::size_t>(length), from))
            return false;
        _sha256.update(_readBack.data(), static_cast<std::size_t>(length));
        _hashedChunks += static_cast<std::uint32_t>((length + _chunkSize - 1) / _chunkSize);
    }
    return true;
}

bool IncomingTransfer::readAt(char* data, std::size_t length, std::uint64_t offset) {
    std::size_t got = 0;
    while (got < length) {
        ssize_t n = ::pread(_fd, data + got, length - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            _error = "cannot read back " + _tempPath + ": " + std::strerror(n < 0 ? errno : EIO);
            return false;
        }
        got += static_cast<std::size_t>(n);
    }
    return true;
}

AckMessage IncomingTransfer::ack(std::uint32_t echo) const {
    return AckMessage{_bitmap.cumulative(), echo, _bitmap.sack(kMaxSackBytes)};
}

IncomingTransfer::Kept IncomingTransfer::keep() {
    if (!flushWrites()) {
        discard();
        return Kept::Failed;
    }
    std::string actual = _sha256.hexDigest();
    if (actual != _offer.sha256) {
        discard();
        _error = "digest mismatch: the received file's SHA-256 is " + actual + ", " +
                 _offer.sha256 + " was announced";
        return Kept::DigestMismatch;
    }
    // On disk before it gets its name: after a crash the name holds the old file or the whole
    // new one, never a file the rename reached before its data did.
    if (::fdatasync(_fd) != 0) {
        _error = "cannot write " + _tempPath + ": " + std::strerror(errno);
        discard();
        return Kept::Failed;
    }
    closeFile();
    if (!claimFinalName()) {
        discard();
        return Kept::Failed;
    }
    // rename() over the empty file claimFinalName() created, in one step: a reader sees the
    // empty reservation or the whole file, never a part.
    if (std::rename(_tempPath.c_str(), _finalPath.c_str()) != 0) {
        _error = "cannot rename to " + _finalPath + ": " + std::strerror(errno);
        ::unlink(_finalPath.c_str());
        discard();
        return Kept::Failed;
    }
    _kept = true;
    return Kept::Yes;
}

bool IncomingTransfer::claimFinalName() {
    // The wanted name, else "name (1)", "name (2)", ...: each created with O_EXCL, which fails
    // if anything (a file, a directory, a dangling symlink) has the name, so an existing file
    // is never replaced, not even by one that appeared after the directory was looked at.
    const Poco::Path wanted(_finalPath);
    const std::string directory = wanted.parent().toString();
    const std::string name = wanted.getFileName();
    for (int number = 0; number <= kMaxNameNumber; ++number) {
        std::string candidate = directory + numberedFileName(name, number);
        int fd =
            ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd >= 0) {
            ::close(fd);
            _finalPath = std::move(candidate);
            return true;
        }
        if (errno != EEXIST) {
            _error = "cannot create " + candidate + ": " + std::strerror(errno);
            return false;
        }
    }
    _error = "cannot save " + name + ": it and " + std::to_string(kMaxNameNumber) +
             " numbered alternatives exist already";
    return false;
}

void IncomingTransfer::closeFile() {
    if (_fd >= 0) {
        ::close(_fd);
        _fd = -1;
    }
}

void IncomingTransfer::discard() {
    closeFile();
    if (_created && !_kept) {
        ::unlink(_tempPath.c_str());
        _created = false;
    }
}

} // namespace toom::p2p::transfer
