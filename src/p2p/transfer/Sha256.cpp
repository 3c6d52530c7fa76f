#include "p2p/transfer/Sha256.h"

#include <openssl/evp.h>
#include <stdexcept>

namespace toom::p2p::transfer {

namespace {
void begin(EVP_MD_CTX* context) {
    if (EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256: EVP_DigestInit_ex failed");
}
} // namespace

Sha256::Sha256()
    : _context(EVP_MD_CTX_new()) {
    if (_context == nullptr)
        throw std::bad_alloc();
    begin(_context);
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(_context);
}

void Sha256::update(const void* data, std::size_t length) {
    if (length != 0 && EVP_DigestUpdate(_context, data, length) != 1)
        throw std::runtime_error("SHA-256: EVP_DigestUpdate failed");
}

std::string Sha256::hexDigest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(_context, digest, &length) != 1)
        throw std::runtime_error("SHA-256: EVP_DigestFinal_ex failed");
    begin(_context);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0F]);
    }
    return hex;
}

} // namespace toom::p2p::transfer
