#pragma once
// Accounts kept in the Store, with passwords checked by a PasswordHasher. Also imports the
// seed-format credentials.txt at start-up, so that file stays the authoritative list that
// operators edit by hand.

#include "common/Mutex.h"
#include "server/state/PasswordHasher.h"
#include "server/store/AccountStore.h"
#include "services/AccountService.h"

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace toom {

/// What importCredentials did.
struct ImportResult {
    bool fileFound = false;    ///< False when the file does not exist (nothing imported).
    std::size_t added = 0;     ///< Accounts created from the file.
    std::size_t updated = 0;   ///< Accounts whose stored password was replaced by the file's.
    std::size_t unchanged = 0; ///< Accounts whose stored password already matched.
    /// Lines whose password had to be run through PBKDF2 (new, changed, or not yet marked);
    /// an unchanged, marked line costs none.
    std::size_t hashed = 0;
    std::vector<std::string> problems; ///< One message per skipped line: "line N: why".
};

class StoredAccountService final : public AccountService {
public:
    /// Called after a successful registerAccount with the new name and password (the server
    /// appends them to credentials.txt). Runs outside any lock; may throw, see registerAccount.
    using RegistrationHook =
        std::function<void(const std::string& username, const std::string& password)>;

    /// Accounts in `store`, hashed by `hasher`; both must outlive this object. `onRegistered`
    /// (optional) is called after every successful registration.
    StoredAccountService(AccountStore& store, const PasswordHasher& hasher,
                         RegistrationHook onRegistered = {});

    /// Replaces the registration hook (empty: none). Not synchronised with registerAccount:
    /// set it before the server starts serving.
    void setRegistrationHook(RegistrationHook onRegistered);

    /// The secret importCredentials() marks the lines it imported with (HMAC-SHA256 of name and
    /// password under it; see Account::importMark). Empty (the default): no marks, and every
    /// line is checked with PBKDF2 at every import. Set it before importing.
    void setImportKey(std::string key) { _importKey = std::move(key); }

    /// True when an account called `username` exists (case-sensitive). A name once found
    /// is remembered (accounts are never deleted), so a private message to a known user costs
    /// no store read; an unknown name is looked up every time (it may be registered since).
    bool exists(const std::string& username) override;

    /// The stored spelling of the account whose usernameKey is `username`'s (the oldest, when
    /// a database from before case-insensitive names holds two).
    std::optional<std::string> storedName(const std::string& username) override;

    /// True when `password` is the password of `username`. An unknown name costs the same
    /// hash as a known one (PasswordHasher::verifyDummy) and returns false. A right password
    /// stored with fewer iterations than the hasher's is re-hashed and stored (upgrade).
    bool verify(const std::string& username, const std::string& password) override;

    /// Creates `username` with `password`. False when the name is invalid (isValidUsername),
    /// the password unusable (isUsablePassword), or the name taken (also when another thread
    /// registers it first). The hook runs only on success; if it throws, the failure is logged
    /// to the "toom.accounts" logger and the registration still counts (the account exists).
    bool registerAccount(const std::string& username, const std::string& password) override;

    /// Imports a seed-format credentials file: one `username password` per line, separated by
    /// white space; CRLF line ends, trailing white space, blank lines and a UTF-8 byte order
    /// mark are tolerated. The file is authoritative: a missing account is added, and an
    /// account whose password no longer verifies gets the file's password. Lines with other
    /// than two fields, an invalid name or an unusable password are skipped and reported; when
    /// a name appears more than once the last line wins and earlier ones are reported. Running
    /// it twice on the same file changes nothing the second time. A missing file is not an
    /// error (fileFound = false). Throws only when the store does. With an import key, a line
    /// whose mark matches the account's is unchanged at no hashing cost (start-up does not
    /// grow with the file); other lines are checked and then marked.
    ImportResult importCredentials(const std::string& path);

private:
    /// The stored spelling remembered for `username`'s key, if the store has confirmed it.
    std::optional<std::string> known(const std::string& username) const;
    void remember(const std::string& storedName);

    AccountStore& _store;
    const PasswordHasher& _hasher;
    RegistrationHook _onRegistered;
    std::string _importKey;
    mutable SharedMutex _knownMutex;
    /// usernameKey -> stored spelling of names the store has confirmed; bounded by the number
    /// of accounts.
    std::unordered_map<std::string, std::string> _known TOOM_GUARDED_BY(_knownMutex);
};

} // namespace toom
