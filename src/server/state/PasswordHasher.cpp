#include "server/state/PasswordHasher.h"

#include "common/Hex.h"

#include <Poco/DigestEngine.h>
#include <Poco/RandomStream.h>

#include <algorithm>
#include <atomic>
#include <openssl/evp.h>
#include <stdexcept>

// Cost. PBKDF2-HMAC-SHA256 through OpenSSL (PKCS5_PBKDF2_HMAC): about 0.32 us per iteration on
// the 2-core reference VM (100,000 iterations in 31-32 ms, 600,000 in 179-192 ms; measured
// with a small program against libcrypto 3.0, -O2). Poco's PBKDF2Engine/HMACEngine, used
// before, allocate and copy digests in every round and took about 3 us per iteration, ten
// times as long for the same key (the output is identical: both are RFC 8018 PBKDF2).
//
// kDefaultIterations = 200,000: about 64 ms of one core per login (and per failed login, and
// per unknown user). OWASP's 600,000 would be 190 ms here, and a class of 60 logging in at
// the start of a lab would wait 6 s on this machine's two cores; 200,000 is a third of that
// guidance, 66 times the 3,000 used before, and costs a guesser 64 ms per try per core. The
// count is stored per account; a login with an older, smaller count re-hashes the password
// with the current one (StoredAccountService::verify), so raising it upgrades accounts as
// their owners log in.

namespace toom {

namespace {

// A fixed salt for verifyDummy: any value works, the result is thrown away.
const std::string kDummySalt(PasswordHasher::kSaltBytes, '\x5a');

// Written by verifyDummy so the compiler cannot drop the work as dead code.
std::atomic<unsigned char> dummySink{0};

Poco::DigestEngine::Digest derive(const std::string& password, const std::string& salt,
                                  int iterations, std::size_t keyBytes) {
    Poco::DigestEngine::Digest key(keyBytes);
    const int ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                                     reinterpret_cast<const unsigned char*>(salt.data()),
                                     static_cast<int>(salt.size()), std::max(iterations, 1),
                                     EVP_sha256(), static_cast<int>(keyBytes), key.data());
    if (ok != 1)
        throw std::runtime_error("PBKDF2 failed (OpenSSL)");
    return key;
}

// Hex decoding that reports malformed input instead of throwing, so verify() can still spend
// the full hash on a corrupt record.
bool decodeHex(const std::string& hex, std::string& out) {
    auto bytes = fromHex(hex);
    if (!bytes)
        return false;
    out = std::move(*bytes);
    return true;
}

} // namespace

PasswordHasher::PasswordHasher(int iterations)
    : _iterations(std::max(iterations, 1)) {}

std::string PasswordHasher::deriveHex(const std::string& password, const std::string& salt,
                                      int iterations, std::size_t keyBytes) {
    return Poco::DigestEngine::digestToHex(derive(password, salt, iterations, keyBytes));
}

Account PasswordHasher::hash(const std::string& username, const std::string& password) const {
    // RandomInputStream reads the OS entropy source (/dev/urandom on Linux).
    std::string salt(kSaltBytes, '\0');
    Poco::RandomInputStream random;
    random.read(salt.data(), static_cast<std::streamsize>(salt.size()));

    Account account;
    account.username = username;
    account.salt =
        Poco::DigestEngine::digestToHex(Poco::DigestEngine::Digest(salt.begin(), salt.end()));
    account.passwordHash = deriveHex(password, salt, _iterations);
    account.iterations = _iterations;
    account.createdAt = Poco::Timestamp();
    return account;
}

bool PasswordHasher::verify(const Account& account, const std::string& password) const {
    std::string salt;
    std::string expected;
    const bool wellFormed = account.iterations > 0 && decodeHex(account.salt, salt) &&
                            decodeHex(account.passwordHash, expected) &&
                            expected.size() == kKeyBytes;
    if (!wellFormed) {
        verifyDummy(password);
        return false;
    }
    Poco::DigestEngine::Digest actual = derive(password, salt, account.iterations, kKeyBytes);
    // constantTimeEquals ORs the XOR of every byte pair and decides at the end: no early exit,
    // so the comparison time does not leak the length of the matching prefix.
    return Poco::DigestEngine::constantTimeEquals(
        actual, Poco::DigestEngine::Digest(expected.begin(), expected.end()));
}

void PasswordHasher::verifyDummy(const std::string& password) const {
    Poco::DigestEngine::Digest result = derive(password, kDummySalt, _iterations, kKeyBytes);
    Poco::DigestEngine::Digest other(kKeyBytes, 0);
    dummySink.fetch_xor(Poco::DigestEngine::constantTimeEquals(result, other) ? 1 : result[0],
                        std::memory_order_relaxed);
}

} // namespace toom
