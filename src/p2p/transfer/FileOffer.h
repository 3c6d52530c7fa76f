#pragma once
// A file offer as the server announces it: who sends which file to whom, and the one-time token
// that every datagram of the transfer carries. The server binds the token to the presenter, the
// audience, the file name and its size; the presenter also states the file's SHA-256 digest.

#include <cstdint>
#include <string>
#include <string_view>

namespace toom::p2p::transfer {

struct FileOffer {
    std::string token;     ///< 32 lowercase hex characters, issued by the server.
    std::string presenter; ///< The sender's username.
    std::string audience;  ///< The receiver's username.
    std::string fileName;  ///< As the presenter named it (may be a path; see SafeFileName.h).
    std::uint64_t size = 0;
    std::string sha256; ///< 64 lowercase hex characters.

    bool operator==(const FileOffer&) const = default;
};

/// True for 32 lowercase hex characters.
bool isValidToken(std::string_view token);

/// True for 64 lowercase hex characters.
bool isValidSha256Hex(std::string_view digest);

/// Why `offer` cannot be used by either side (bad token, bad digest, empty or unusable file
/// name), or "" when it is well-formed.
std::string offerProblem(const FileOffer& offer);

} // namespace toom::p2p::transfer
