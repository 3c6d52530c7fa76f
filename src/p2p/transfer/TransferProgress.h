#pragma once
// How far a transfer got, for a progress bar: ProgressMeter decides when to report and how
// fast it goes; renderProgressBar (ProgressBar.h) draws it.

#include "p2p/transfer/TransferClock.h"

#include <cstdint>
#include <deque>
#include <optional>

namespace toom::p2p::transfer {

struct TransferProgress {
    std::uint64_t bytesDone = 0; ///< Acknowledged (presenter) or stored (audience).
    std::uint64_t bytesTotal = 0;
    double bytesPerSecond = 0;         ///< Recent rate; the whole transfer's average once done.
    std::optional<double> secondsLeft; ///< Nothing while no rate is known yet.

    /// bytesDone / bytesTotal in [0, 1] (1 for an empty file).
    double fraction() const;
    bool finished() const { return bytesDone >= bytesTotal; }
};

/// Turns a stream of "so many bytes done" updates into at most one report per interval, with
/// the rate measured over the last couple of seconds (steady enough for an ETA, recent enough
/// to follow a change of pace).
class ProgressMeter {
public:
    ProgressMeter(std::uint64_t bytesTotal, Micros interval, TimePoint start);

    /// Records `bytesDone` at `now`. Returns a report when the interval has passed since the
    /// last one, and always once when the transfer reaches its total.
    std::optional<TransferProgress> update(std::uint64_t bytesDone, TimePoint now);

    /// A report for `now` regardless of the interval.
    TransferProgress current(TimePoint now) const;

private:
    struct Sample {
        TimePoint at;
        std::uint64_t bytes;
    };

    std::uint64_t _total;
    Micros _interval;
    TimePoint _start;
    std::optional<TimePoint> _lastReport;
    bool _reportedEnd = false;
    std::uint64_t _done = 0;
    std::deque<Sample> _samples; ///< One per report, covering the rate window.
};

} // namespace toom::p2p::transfer
