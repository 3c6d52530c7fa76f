#include "server/state/PasswordHasher.h"

#include "common/Hex.h"

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/PBKDF2Engine.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <atomic>

// Cost. Measured on the 2-core reference VM (Intel Xeon, -O2, other builds running), one hash
// takes about 2.5-4 us per iteration: 10,000 iterations 30-42 ms, 50,000 130-200 ms, 100,000
// 275-430 ms. Poco's PBKDF2Engine/HMACEngine allocate and copy digests in every round, so they
// are about 2.5 times slower than OpenSSL (Python's hashlib: 100,000 iterations in 120 ms on the
// same machine). kDefaultIterations = 3000 keeps a login (and a failed login, and an unknown
// user) at about 8-12 ms of CPU, which bounds what a burst of logins costs the server. The
// count is stored per account, so raising it later only affects new or re-hashed passwords.

namespace toom {

namespace {

// Poco 1.11's SHA2Engine lacks the BLOCK_SIZE/DIGEST_SIZE constants that HMACEngine and
// PBKDF2Engine read at compile time, so HMACEngine<SHA2Engine> does not compile. This subclass
// pins the algorithm to SHA-256 and declares them (64-byte blocks, 32-byte digests).
class Sha256Engine : public Poco::SHA2Engine {
public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256Engine()
        : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

using Pbkdf2Sha256 = Poco::PBKDF2Engine<Poco::HMACEngine<Sha256Engine>>;

// A fixed salt for verifyDummy: any value works, the result is thrown away.
const std::string kDummySalt(PasswordHasher::kSaltBytes, '\x5a');

// Written by verifyDummy so the compiler cannot drop the work as dead code.
std::atomic<unsigned char> dummySink{0};

Poco::DigestEngine::Digest derive(const std::string& password, const std::string& salt,
                                  int iterations, std::size_t keyBytes) {
    Pbkdf2Sha256 engine(salt, static_cast<unsigned>(std::max(iterations, 1)),
                        static_cast<Poco::UInt32>(keyBytes));
    engine.update(password);
    return engine.digest();
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
