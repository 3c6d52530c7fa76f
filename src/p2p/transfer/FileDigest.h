#pragma once
// A file's size and SHA-256 digest, computed by streaming the file (constant memory): the
// presenter states them in its offer and the audience checks them before it keeps the file.

#include <cstdint>
#include <optional>
#include <string>

namespace toom::p2p::transfer {

struct FileDigest {
    std::uint64_t size = 0;
    std::string sha256; ///< 64 lowercase hex characters.

    bool operator==(const FileDigest&) const = default;
};

/// Reads the regular file at `path` once, in fixed-size blocks. Nothing if it cannot be opened
/// or read, or is not a regular file.
std::optional<FileDigest> digestFile(const std::string& path);

} // namespace toom::p2p::transfer
