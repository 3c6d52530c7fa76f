#pragma once
// Password hashing: PBKDF2-HMAC-SHA256 (OpenSSL) with a random per-account salt. The store keeps
// only the salt, the derived key and the iteration count (see Account), never the password.

#include "models/User.h"

#include <string>

namespace toom {

class PasswordHasher {
public:
    /// Iterations used for new hashes unless told otherwise: about 64 ms of one core per hash
    /// on the 2-core reference machine (see PasswordHasher.cpp for the measurements and why).
    static constexpr int kDefaultIterations = 200'000;

    /// Length of the random salt, in bytes (stored hex encoded, so twice as many characters).
    static constexpr std::size_t kSaltBytes = 16;

    /// Length of the derived key, in bytes (stored hex encoded).
    static constexpr std::size_t kKeyBytes = 32;

    /// A hasher that derives new keys with `iterations` rounds (at least 1).
    explicit PasswordHasher(int iterations = kDefaultIterations);

    /// The iteration count used by hash() and verifyDummy().
    int iterations() const { return _iterations; }

    /// A new account record for `username` with `password` hashed under a fresh random salt.
    /// createdAt is the current time.
    Account hash(const std::string& username, const std::string& password) const;

    /// True when `password` is the password of `account`. Uses the account's own salt and
    /// iteration count, and compares the whole derived key whatever the first difference, so
    /// the time taken does not depend on how much of the password was right. A malformed
    /// record (bad hex, no iterations) never verifies but still costs a full hash.
    bool verify(const Account& account, const std::string& password) const;

    /// Burns the same CPU as verify() of an account hashed by this hasher, and discards the
    /// result. Called when the username does not exist so that timing does not reveal it.
    void verifyDummy(const std::string& password) const;

    /// True when `account` was hashed with fewer iterations than this hasher uses (re-hashed
    /// after a successful verify). Never to fewer: a server started with a low count (a
    /// benchmark) does not weaken the accounts it sees.
    bool needsRehash(const Account& account) const { return account.iterations < _iterations; }

    /// The hex-encoded PBKDF2-HMAC-SHA256 key of `password` under the raw (not hex) `salt`,
    /// `iterations` rounds, `keyBytes` long. Exposed for tests against published vectors.
    static std::string deriveHex(const std::string& password, const std::string& salt,
                                 int iterations, std::size_t keyBytes = kKeyBytes);

private:
    int _iterations;
};

} // namespace toom
