#pragma once
// Round-trip time estimation and the retransmission timeout derived from it (RFC 6298), with
// exponential back-off while timeouts repeat.

#include "p2p/transfer/TransferClock.h"

#include <optional>

namespace toom::p2p::transfer {

class RttEstimator {
public:
    RttEstimator(Micros initialRto, Micros minRto, Micros maxRto);

    /// Adds one measured round trip.
    void addSample(Micros rtt);

    /// The current timeout: SRTT + max(1 ms, 4 * RTTVAR), within [minRto, maxRto], doubled once
    /// per back-off (and then capped at maxRto again).
    Micros rto() const;

    /// Doubles the timeout after a timeout fired (RFC 6298, 5.5).
    void backOff();

    /// Ends the back-off once an acknowledgement shows progress again.
    void resetBackOff() { _backOffs = 0; }

    /// Smoothed round trip; nothing before the first sample.
    std::optional<Micros> smoothed() const;

    /// Smallest round trip seen; nothing before the first sample.
    std::optional<Micros> minimum() const;

private:
    Micros _initialRto;
    Micros _minRto;
    Micros _maxRto;
    bool _measured = false;
    double _srtt = 0;   ///< microseconds
    double _rttvar = 0; ///< microseconds
    Micros _min{0};
    int _backOffs = 0;
};

} // namespace toom::p2p::transfer
