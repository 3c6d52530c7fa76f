#pragma once
// A GoogleMock of the durable Store, for services that sit on top of it (OnlinePresence,
// StoredAccounts) when a test wants to check calls rather than use a real SQLite file.

#include "server/services/Store.h"

#include <gmock/gmock.h>

namespace toom {

class MockStore : public Store {
public:
    // Accounts.
    MOCK_METHOD(std::optional<Account>, findAccount, (const std::string& username), (override));
    MOCK_METHOD(bool, insertAccount, (const Account& account), (override));
    MOCK_METHOD(bool, updateAccountPassword, (const Account& account), (override));
    MOCK_METHOD(std::size_t, accountCount, (), (override));

    // Login history.
    MOCK_METHOD(std::int64_t, recordLogin, (const LoginRecord& login), (override));
    MOCK_METHOD(void, recordLogout, (std::int64_t id, Poco::Timestamp at), (override));
    MOCK_METHOD(std::vector<LoginRecord>, loginsSince, (Poco::Timestamp since), (override));
    MOCK_METHOD(std::size_t, closeOpenLogins, (Poco::Timestamp at), (override));
    MOCK_METHOD(std::size_t, pruneLoginsBefore, (Poco::Timestamp before), (override));
};

} // namespace toom
