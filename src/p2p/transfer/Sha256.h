#pragma once
// Streaming SHA-256 through OpenSSL's EVP interface. Poco's SHA2Engine hashes at 100-200 MB/s
// here, which capped a loopback transfer (both ends hash every byte); OpenSSL uses the CPU's
// SHA extensions or vectorised code and is several times faster.

#include <cstddef>
#include <string>

struct evp_md_ctx_st;

namespace toom::p2p::transfer {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t length);
    /// The digest of everything updated so far, as 64 lowercase hex characters. Ends this
    /// hash: the object starts over, empty, afterwards.
    std::string hexDigest();

private:
    evp_md_ctx_st* _context;
};

} // namespace toom::p2p::transfer
