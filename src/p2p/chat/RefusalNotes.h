#pragma once
// How often the user hears of refused incoming connections. Every refusal used to print a
// line ("Refused a private messaging connection from ...: invalid greeting"), so anyone able to
// connect to the chat port could fill the user's screen as fast as they could connect. Now a
// few are printed at once, then one per interval, and the next printed line says how many
// were left out. Pure: the time is passed in; not thread-safe (PrivateChats locks).

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace toom::p2p::chat {

class RefusalNotes {
public:
    using Clock = std::chrono::steady_clock;

    /// At most `burst` lines within any `interval`.
    explicit RefusalNotes(std::size_t burst = 5,
                          std::chrono::milliseconds interval = std::chrono::seconds(10))
        : _burst(burst)
        , _interval(interval) {}

    /// The line to print for a refusal described by `line` at `now`, with the number left out
    /// since the last printed one appended; nothing when it is to be left out (and counted).
    std::optional<std::string> note(std::string line, Clock::time_point now);

    /// Refusals left out and not yet mentioned.
    std::size_t suppressed() const { return _suppressed; }

private:
    std::size_t _burst;
    std::chrono::milliseconds _interval;
    std::deque<Clock::time_point> _printed; ///< The last `_burst` printing times, oldest first.
    std::size_t _suppressed = 0;
};

} // namespace toom::p2p::chat
