#include "p2p/transfer/RttEstimator.h"

#include <algorithm>
#include <cmath>

namespace toom::p2p::transfer {

namespace {
/// The clock granularity term of RFC 6298: keeps the timeout above the jitter of a busy
/// machine's scheduler when the variance measured on loopback is nearly zero.
constexpr double kGranularityMicros = 1000;
constexpr int kMaxBackOffs = 16;
} // namespace

RttEstimator::RttEstimator(Micros initialRto, Micros minRto, Micros maxRto)
    : _initialRto(initialRto)
    , _minRto(minRto)
    , _maxRto(std::max(minRto, maxRto)) {}

void RttEstimator::addSample(Micros rtt) {
    double sample = static_cast<double>(std::max<Micros::rep>(rtt.count(), 1));
    if (!_measured) {
        _srtt = sample;
        _rttvar = sample / 2;
        _min = rtt;
        _measured = true;
        return;
    }
    _rttvar = 0.75 * _rttvar + 0.25 * std::abs(_srtt - sample);
    _srtt = 0.875 * _srtt + 0.125 * sample;
    _min = std::min(_min, rtt);
}

Micros RttEstimator::rto() const {
    Micros base = _initialRto;
    if (_measured)
        base = Micros(static_cast<Micros::rep>(_srtt + std::max(kGranularityMicros, 4 * _rttvar)));
    base = std::clamp(base, _minRto, _maxRto);
    for (int i = 0; i < _backOffs && base < _maxRto; ++i)
        base *= 2;
    return std::min(base, _maxRto);
}

void RttEstimator::backOff() {
    _backOffs = std::min(_backOffs + 1, kMaxBackOffs);
}

std::optional<Micros> RttEstimator::smoothed() const {
    if (!_measured)
        return std::nullopt;
    return Micros(static_cast<Micros::rep>(_srtt));
}

std::optional<Micros> RttEstimator::minimum() const {
    if (!_measured)
        return std::nullopt;
    return _min;
}

} // namespace toom::p2p::transfer
