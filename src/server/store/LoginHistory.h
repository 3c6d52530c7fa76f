#pragma once
// One slice of the durable store. When each user logged in and out, for whoelsesince; pruned after
// the retention period. SqliteStore implements every slice over one SQLite connection; a service
// depends only on the slices it uses, and each slice has its own small mock
// (tests/support/mocks/MockStores.h).

#include "models/Presence.h"

#include <Poco/Timestamp.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace toom {

class LoginHistory {
public:
    virtual ~LoginHistory() = default;

    /// Records a login; returns its id for recordLogout (a nonzero `login.id` is used as the id).
    virtual std::int64_t recordLogin(const LoginRecord& login) = 0;

    /// Sets the logout time of login `id`.
    virtual void recordLogout(std::int64_t id, Poco::Timestamp at) = 0;

    /// Logins whose session overlaps [since, now]: logged out at or after `since`, or not
    /// logged out; ordered by login time.
    virtual std::vector<LoginRecord> loginsSince(Poco::Timestamp since) = 0;

    /// When the latest of `username`'s closed logins ended (their last logout), if the history
    /// holds one; logins still open are not looked at.
    virtual std::optional<Poco::Timestamp> lastLogout(const std::string& username) = 0;

    /// Closes every login left open (a previous run that died) as logged out at `at`.
    /// Returns how many were closed.
    virtual std::size_t closeOpenLogins(Poco::Timestamp at) = 0;

    /// Deletes logins that ended before `before` (bounds the history). Returns how many.
    virtual std::size_t pruneLoginsBefore(Poco::Timestamp before) = 0;
};

} // namespace toom
