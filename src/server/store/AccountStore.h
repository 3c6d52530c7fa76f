#pragma once
// One slice of the durable store. Accounts: the username, salt and password hash of every user.
// SqliteStore implements every slice over one SQLite connection; a service depends only on the
// slices it uses, and each slice has its own small mock (tests/support/mocks/MockStores.h).

#include "models/User.h"

#include <cstddef>
#include <optional>
#include <string>

namespace toom {

class AccountStore {
public:
    virtual ~AccountStore() = default;

    /// The account whose name matches `username` without regard to case (usernameKey), with
    /// its stored spelling; the oldest when a database from before holds two.
    virtual std::optional<Account> findAccount(const std::string& username) = 0;

    /// Adds an account. False (and nothing written) when the name exists in any case.
    virtual bool insertAccount(const Account& account) = 0;

    /// Replaces salt, hash, iteration count and import mark of an existing account. False when
    /// absent.
    virtual bool updateAccountPassword(const Account& account) = 0;

    /// Number of accounts.
    virtual std::size_t accountCount() = 0;
};

} // namespace toom
