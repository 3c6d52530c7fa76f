#include "p2p/transfer/TransferProgress.h"

#include <algorithm>

namespace toom::p2p::transfer {

namespace {
/// The rate is measured over this much recent history.
constexpr Micros kRateWindow = std::chrono::seconds(2);

double secondsBetween(TimePoint from, TimePoint to) {
    return std::chrono::duration<double>(to - from).count();
}
} // namespace

double TransferProgress::fraction() const {
    if (bytesTotal == 0)
        return 1.0;
    return std::min(1.0, static_cast<double>(bytesDone) / static_cast<double>(bytesTotal));
}

ProgressMeter::ProgressMeter(std::uint64_t bytesTotal, Micros interval, TimePoint start)
    : _total(bytesTotal)
    , _interval(interval)
    , _start(start) {
    _samples.push_back({start, 0});
}

std::optional<TransferProgress> ProgressMeter::update(std::uint64_t bytesDone, TimePoint now) {
    _done = std::max(_done, std::min(bytesDone, _total));
    bool reachedEnd = _done >= _total;
    if (reachedEnd) {
        if (_reportedEnd)
            return std::nullopt;
        _reportedEnd = true;
    } else if (_lastReport && now - *_lastReport < _interval) {
        return std::nullopt;
    }
    _lastReport = now;
    _samples.push_back({now, _done});
    while (_samples.size() > 2 && now - _samples[1].at >= kRateWindow)
        _samples.pop_front();
    return current(now);
}

TransferProgress ProgressMeter::current(TimePoint now) const {
    TransferProgress progress;
    progress.bytesDone = _done;
    progress.bytesTotal = _total;
    if (_done >= _total) {
        // Once done, the figure worth showing is the average over the whole transfer.
        double elapsed = secondsBetween(_start, now);
        progress.bytesPerSecond = elapsed > 0 ? static_cast<double>(_total) / elapsed : 0;
        progress.secondsLeft = 0;
        return progress;
    }
    const Sample& oldest = _samples.front();
    double span = secondsBetween(oldest.at, now);
    if (span > 0 && _done > oldest.bytes)
        progress.bytesPerSecond = static_cast<double>(_done - oldest.bytes) / span;
    if (progress.bytesPerSecond > 0)
        progress.secondsLeft = static_cast<double>(_total - _done) / progress.bytesPerSecond;
    return progress;
}

} // namespace toom::p2p::transfer
