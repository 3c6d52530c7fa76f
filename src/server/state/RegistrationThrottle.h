#pragma once
// How many accounts one address may create by self-registration: a leaky bucket per client
// address that holds `burst` registrations and lets `perHour` of them out each hour. A lab
// where everyone registers in the first minutes fits in the burst; a script creating accounts
// from one address gets `burst` of them and then one every 3600/perHour seconds. The
// username step asks first (retryAfter) so nobody types a password for nothing; the count
// goes up only when an account was created (recorded).
//
// Memory is bounded: at most `maxTracked` addresses, an address whose bucket has emptied is
// the same as one never seen and is forgotten by prune(), and when the table is full the
// emptiest buckets go first. Time comes from the injected clock.

#include "common/Mutex.h"
#include "services/Clock.h"

#include <Poco/Timestamp.h>

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>

namespace toom {

struct RegistrationLimits {
    int burst = 10;   ///< Registrations an address may make at once; 0 = no limit at all.
    int perHour = 20; ///< How fast the allowance comes back.
    std::size_t maxTracked = 100000;
};

class RegistrationThrottle {
public:
    RegistrationThrottle(Clock& clock, RegistrationLimits limits = {});

    /// Seconds until `address` may register again (at least 1), or nothing when it may now.
    std::optional<int> retryAfter(const std::string& address) const;

    /// Counts an account created from `address`.
    void recorded(const std::string& address);

    /// Forgets addresses whose buckets have emptied; called periodically.
    void prune();

    /// Addresses tracked now.
    std::size_t trackedCount() const;

private:
    struct Bucket {
        double level = 0;       ///< Registrations still counted against the address.
        Poco::Timestamp update; ///< When `level` was last brought up to date.
    };
    /// `bucket`'s level at `now`, after what has leaked out since its last update.
    double levelAt(const Bucket& bucket, Poco::Timestamp now) const;
    void makeRoom() TOOM_REQUIRES(_mutex);

    Clock& _clock;
    const RegistrationLimits _limits;
    mutable Mutex _mutex;
    std::unordered_map<std::string, Bucket> _buckets TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
