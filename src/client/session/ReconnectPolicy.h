#pragma once
// When the connection drops, how the client tries to get it back: wait 1 s, 2 s, 4 s ... (capped,
// each wait shifted by a random jitter so that the users of a restarted server do not all knock
// at once), and give up after a number of attempts or a total time. Pure (no I/O, no clock of
// its own): the session passes the time to each call and carries out each step, and tests drive
// it with a fake clock and a fixed "random" number.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace toom::client {

/// What the session must do next.
struct ReconnectStep {
    enum class Action {
        Wait,   ///< Wait `delay` (the user may go on typing), then try to connect and log in.
        Resume, ///< Connected and logged in again: back to the command loop.
        GiveUp  ///< Stop with `exitCode`.
    };
    Action action = Action::GiveUp;
    std::vector<std::string> print; ///< Lines to print before acting.
    std::chrono::milliseconds delay{0};
    int exitCode = 0;
};

/// The backoff schedule and its bounds.
class ReconnectPolicy {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    struct Settings {
        std::chrono::milliseconds firstDelay{1000};    ///< Before the first attempt.
        std::chrono::milliseconds maxDelay{30000};     ///< No wait is longer (before jitter).
        int maxAttempts = 10;                          ///< Attempts before giving up.
        std::chrono::milliseconds giveUpAfter{300000}; ///< No attempt starts later than this
                                                       ///< after the loss.
        double jitter = 0.2; ///< Each wait is scaled by a factor in [1 - jitter, 1 + jitter].
    };

    /// `random` returns numbers in [0, 1) for the jitter; `server` ("127.0.0.1:4000") names
    /// the server in messages.
    ReconnectPolicy(Settings settings, std::function<double()> random, std::string server);

    /// The connection dropped at `now`: the first wait.
    ReconnectStep onConnectionLost(TimePoint now);

    /// The attempt failed at `now` (cannot connect, no greeting, dropped during the login):
    /// `reason` says how. Waits again, or gives up once a bound is reached.
    ReconnectStep onAttemptFailed(TimePoint now, const std::string& reason);

    /// Connected and logged in again at `now`.
    ReconnectStep onReconnected(TimePoint now);

    /// The server refused the login with the stored credentials (password changed, account
    /// locked): `print` holds its words. Gives up at once: retrying cannot help.
    ReconnectStep onLoginRefused(std::vector<std::string> print, int exitCode);

    /// Attempts made since the loss.
    int attempts() const { return _attempts; }

    /// The wait before attempt `attempt` (1-based), before jitter.
    std::chrono::milliseconds baseDelay(int attempt) const;

private:
    ReconnectStep waitFor(TimePoint now, std::vector<std::string> print);
    ReconnectStep giveUp(TimePoint now, std::vector<std::string> print);

    Settings _settings;
    std::function<double()> _random;
    std::string _server;
    TimePoint _lostAt{};
    int _attempts = 0; ///< Attempts scheduled so far.
};

/// "3 s", "1 min 5 s": a wait as people read it.
std::string describeSeconds(std::chrono::milliseconds wait);

} // namespace toom::client
