#pragma once
// Accounts: who may log in, and with which password.

#include <string>

namespace toom {

class AccountService {
public:
    virtual ~AccountService() = default;

    /// True when an account called `username` exists (names are case-sensitive).
    virtual bool exists(const std::string& username) = 0;

    /// True when `password` is the password of `username`. Runs in time independent of where
    /// the password differs, and also costs a full hash when the account does not exist, so
    /// the timing tells nothing about which names exist.
    virtual bool verify(const std::string& username, const std::string& password) = 0;

    /// Creates an account (self-registration). False when the name is taken or invalid.
    virtual bool registerAccount(const std::string& username, const std::string& password) = 0;
};

} // namespace toom
