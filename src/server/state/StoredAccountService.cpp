#include "server/state/StoredAccountService.h"

#include "common/Hex.h"
#include "common/Text.h"

#include <Poco/Logger.h>

#include <fstream>
#include <map>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <utility>

namespace toom {

namespace {
// The import mark of a credentials line: HMAC-SHA256 under the server's import key, so the
// store holds nothing that a stolen toom.db alone lets anyone test guesses against quickly
// (a plain digest of the password would undo PBKDF2). The key lives beside credentials.txt,
// which holds the password itself in plain text anyway.
std::string importMarkOf(const std::string& key, const std::string& username,
                         const std::string& password) {
    const std::string message = username + '\0' + password;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
             &length) == nullptr)
        return {};
    return toHex(digest, length);
}
} // namespace

StoredAccountService::StoredAccountService(AccountStore& store, const PasswordHasher& hasher,
                                           RegistrationHook onRegistered)
    : _store(store)
    , _hasher(hasher)
    , _onRegistered(std::move(onRegistered)) {}

void StoredAccountService::setRegistrationHook(RegistrationHook onRegistered) {
    _onRegistered = std::move(onRegistered);
}

// Every PM, invite and block asks whether its target exists. Asking the store meant a SQLite
// query on the event loop per message, contending with the writer for the connection (45% of
// the loops' time at 50,000 PM/s); accounts are never deleted, so a positive answer stays true.
bool StoredAccountService::exists(const std::string& username) {
    return storedName(username).has_value();
}

std::optional<std::string> StoredAccountService::storedName(const std::string& username) {
    if (auto name = known(username))
        return name;
    std::optional<Account> account = _store.findAccount(username);
    if (!account)
        return std::nullopt;
    remember(account->username);
    return account->username;
}

std::optional<std::string> StoredAccountService::known(const std::string& username) const {
    const std::string key = usernameKey(username);
    ReaderLock lock(_knownMutex);
    auto it = _known.find(key);
    if (it == _known.end())
        return std::nullopt;
    return it->second;
}

void StoredAccountService::remember(const std::string& storedName) {
    std::string key = usernameKey(storedName);
    WriterLock lock(_knownMutex);
    _known.emplace(std::move(key), storedName);
}

bool StoredAccountService::verify(const std::string& username, const std::string& password) {
    std::optional<Account> account = _store.findAccount(username);
    if (!account) {
        // Spend the same hash as a real check, so "no such user" and "wrong password" take
        // the same time and a caller cannot probe for names.
        _hasher.verifyDummy(password);
        return false;
    }
    if (!_hasher.verify(*account, password))
        return false;
    remember(account->username);
    if (_hasher.needsRehash(*account)) {
        // The one moment the password is known: store it under the current iteration count,
        // so raising the count upgrades accounts as their owners log in. A failure leaves the
        // old (still valid) hash; the login goes ahead either way.
        try {
            Account upgraded = _hasher.hash(account->username, password);
            upgraded.createdAt = account->createdAt;
            upgraded.importMark = account->importMark; // The same password: the mark holds.
            _store.updateAccountPassword(upgraded);
        } catch (const std::exception& e) {
            Poco::Logger::get("toom.accounts")
                .warning("could not re-hash the password of %s: %s", username,
                         std::string(e.what()));
        }
    }
    return true;
}

bool StoredAccountService::registerAccount(const std::string& username,
                                           const std::string& password) {
    if (!isValidUsername(username) || !isUsablePassword(password)) {
        return false;
    }
    // Cheap early answer for a taken name (registration reveals that anyway); the insert
    // below still decides atomically when two registrations race.
    if (_store.findAccount(username)) {
        return false;
    }
    if (!_store.insertAccount(_hasher.hash(username, password))) {
        return false;
    }
    remember(username);
    if (_onRegistered) {
        try {
            _onRegistered(username, password);
        } catch (const std::exception& e) {
            // The account is stored and usable; failing the registration now would tell the
            // user the name is free when it is not. Leave a trace for the operator instead.
            Poco::Logger::get("toom.accounts")
                .error("account %s registered but the registration hook failed: %s", username,
                       std::string(e.what()));
        }
    }
    return true;
}

ImportResult StoredAccountService::importCredentials(const std::string& path) {
    ImportResult result;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return result;
    }
    result.fileFound = true;

    // Parse everything first, so a name listed twice is resolved (last line wins) before
    // touching the store; applying both lines in turn would flip the password at every import
    // and the import would never settle.
    struct Entry {
        std::size_t lineNumber;
        std::string password;
    };
    std::map<std::string, Entry> entries;
    std::vector<std::string> order; // first-appearance order, so the store sees file order

    std::string line;
    std::size_t lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        std::string_view text = line;
        if (lineNumber == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") {
            text.remove_prefix(3);
        }
        text = trim(text); // also drops the CR of a CRLF line end
        if (text.empty()) {
            continue;
        }
        const std::string where = "line " + std::to_string(lineNumber) + ": ";
        std::vector<std::string> fields = splitWords(text);
        if (fields.size() != 2) {
            result.problems.push_back(where + "expected \"username password\", found " +
                                      std::to_string(fields.size()) + " fields");
            continue;
        }
        if (!isValidUsername(fields[0])) {
            result.problems.push_back(where + "invalid username");
            continue;
        }
        if (!isUsablePassword(fields[1])) {
            result.problems.push_back(where + "unusable password for " + fields[0]);
            continue;
        }
        auto [it, inserted] = entries.try_emplace(fields[0], Entry{lineNumber, fields[1]});
        if (inserted) {
            order.push_back(fields[0]);
        } else {
            result.problems.push_back("line " + std::to_string(it->second.lineNumber) + ": " +
                                      fields[0] + " is listed again on line " +
                                      std::to_string(lineNumber) + ", which wins");
            it->second = Entry{lineNumber, fields[1]};
        }
    }

    for (const std::string& username : order) {
        const std::string& password = entries.at(username).password;
        std::optional<Account> stored = _store.findAccount(username);
        if (stored && stored->username != username) {
            // Names are unique without regard to case, and the account that came first keeps
            // its name: this line must not set yoda's password by calling itself Yoda.
            result.problems.push_back("line " + std::to_string(entries.at(username).lineNumber) +
                                      ": " + username + " is taken by " + stored->username +
                                      " (usernames are compared without regard to case)");
            continue;
        }
        const std::string mark =
            _importKey.empty() ? std::string() : importMarkOf(_importKey, username, password);
        if (stored && !mark.empty() && stored->importMark == mark) {
            ++result.unchanged; // The same line as at the last import: no hash needed.
            continue;
        }
        ++result.hashed;
        if (!stored) {
            Account added = _hasher.hash(username, password);
            added.importMark = mark;
            if (_store.insertAccount(added)) {
                ++result.added;
                continue;
            }
            // Registered by someone else between the lookup and the insert: treat as present.
            stored = _store.findAccount(username);
            if (!stored) {
                continue;
            }
        }
        if (_hasher.verify(*stored, password)) {
            ++result.unchanged;
            if (!mark.empty()) {
                Account marked = *stored; // Same hash; remember the line for the next start.
                marked.importMark = mark;
                _store.updateAccountPassword(marked);
            }
        } else {
            Account replacement = _hasher.hash(username, password);
            replacement.createdAt = stored->createdAt;
            replacement.importMark = mark;
            if (_store.updateAccountPassword(replacement)) {
                ++result.updated;
            }
        }
    }
    return result;
}

} // namespace toom
