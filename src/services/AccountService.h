#pragma once
// Accounts: who may log in, and with which password.

#include <optional>
#include <string>

namespace toom {

class AccountService {
public:
    virtual ~AccountService() = default;

    /// True when an account called `username` exists, without regard to case (usernameKey).
    virtual bool exists(const std::string& username) = 0;

    /// The spelling the account matching `username` (without regard to case) was created with,
    /// if one exists: `YODA` finds `yoda`. Every name that came from a user is resolved through
    /// this before it names anyone, so presence, blocks and messages see one spelling. The
    /// default answers for a service whose names match exactly (test doubles).
    virtual std::optional<std::string> storedName(const std::string& username) {
        return exists(username) ? std::optional<std::string>(username) : std::nullopt;
    }

    /// True when `password` is the password of `username`. Runs in time independent of where
    /// the password differs, and also costs a full hash when the account does not exist, so
    /// the timing tells nothing about which names exist.
    virtual bool verify(const std::string& username, const std::string& password) = 0;

    /// Creates an account (self-registration). False when the name is taken (in any case) or
    /// invalid.
    virtual bool registerAccount(const std::string& username, const std::string& password) = 0;
};

} // namespace toom
