#include "client/session/ReconnectPolicy.h"

#include "client/session/ExitCodes.h"

#include <algorithm>

namespace toom::client {

using std::chrono::milliseconds;

std::string describeSeconds(milliseconds wait) {
    // Rounded up: "in 0 s" would read as "now", and a wait is never shorter than said.
    const auto seconds = std::max<std::int64_t>(1, (wait.count() + 999) / 1000);
    if (seconds < 60)
        return std::to_string(seconds) + " s";
    std::string text = std::to_string(seconds / 60) + " min";
    if (seconds % 60 != 0)
        text += " " + std::to_string(seconds % 60) + " s";
    return text;
}

ReconnectPolicy::ReconnectPolicy(Settings settings, std::function<double()> random,
                                 std::string server)
    : _settings(settings)
    , _random(std::move(random))
    , _server(std::move(server)) {
    _settings.maxAttempts = std::max(1, _settings.maxAttempts);
    _settings.jitter = std::clamp(_settings.jitter, 0.0, 1.0);
}

milliseconds ReconnectPolicy::baseDelay(int attempt) const {
    // Doubling, capped; the shift is bounded so that many attempts cannot overflow it.
    const int doublings = std::clamp(attempt - 1, 0, 30);
    const auto doubled = _settings.firstDelay.count() * (std::int64_t{1} << doublings);
    return milliseconds(std::min<std::int64_t>(doubled, _settings.maxDelay.count()));
}

ReconnectStep ReconnectPolicy::onConnectionLost(TimePoint now) {
    _lostAt = now;
    _attempts = 0;
    return waitFor(now, {"Connection to " + _server + " lost."});
}

ReconnectStep ReconnectPolicy::onAttemptFailed(TimePoint now, const std::string& reason) {
    std::vector<std::string> print;
    print.push_back("Reconnecting failed: " + reason + ".");
    if (_attempts >= _settings.maxAttempts)
        return giveUp(now, std::move(print));
    return waitFor(now, std::move(print));
}

ReconnectStep ReconnectPolicy::onReconnected(TimePoint now) {
    ReconnectStep step;
    step.action = ReconnectStep::Action::Resume;
    step.print.push_back("Reconnected to " + _server + " after " +
                         describeSeconds(std::chrono::duration_cast<milliseconds>(now - _lostAt)) +
                         ".");
    _attempts = 0;
    return step;
}

ReconnectStep ReconnectPolicy::onLoginRefused(std::vector<std::string> print, int exitCode) {
    ReconnectStep step;
    step.action = ReconnectStep::Action::GiveUp;
    step.print = std::move(print);
    step.print.push_back("Logging in again was refused: stopped reconnecting.");
    step.exitCode = exitCode;
    return step;
}

ReconnectStep ReconnectPolicy::waitFor(TimePoint now, std::vector<std::string> print) {
    const milliseconds base = baseDelay(_attempts + 1);
    // A factor in [1 - jitter, 1 + jitter]: clients that lost the same server spread out.
    const double factor = 1.0 + _settings.jitter * (2.0 * std::clamp(_random(), 0.0, 1.0) - 1.0);
    const milliseconds delay(static_cast<std::int64_t>(static_cast<double>(base.count()) * factor));
    // The time bound counts from the loss to the start of the attempt.
    if (now + delay - _lostAt > _settings.giveUpAfter)
        return giveUp(now, std::move(print));
    ++_attempts;
    ReconnectStep step;
    step.action = ReconnectStep::Action::Wait;
    step.delay = delay;
    print.push_back("Reconnecting in " + describeSeconds(delay) + " (attempt " +
                    std::to_string(_attempts) + " of " + std::to_string(_settings.maxAttempts) +
                    ")...");
    step.print = std::move(print);
    return step;
}

ReconnectStep ReconnectPolicy::giveUp(TimePoint now, std::vector<std::string> print) {
    ReconnectStep step;
    step.action = ReconnectStep::Action::GiveUp;
    step.exitCode = exitcode::kReconnectFailed;
    print.push_back("Gave up reconnecting to " + _server + " after " + std::to_string(_attempts) +
                    (_attempts == 1 ? " attempt" : " attempts") + " in " +
                    describeSeconds(std::chrono::duration_cast<milliseconds>(now - _lostAt)) + ".");
    step.print = std::move(print);
    return step;
}

} // namespace toom::client
