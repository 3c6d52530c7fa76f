#pragma once
// A channel that misbehaves on purpose: it wraps another channel and drops, duplicates and
// reorders datagrams in both directions, with given probabilities and a seed. Tests use it to
// prove the transfer survives a bad network; the client exposes it as --simulate-loss.

#include "p2p/transfer/DatagramChannel.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace toom::p2p::transfer {

struct LossSettings {
    double drop = 0.0;            ///< Probability that a datagram vanishes.
    double duplicate = 0.0;       ///< Probability that it is delivered twice.
    double reorder = 0.0;         ///< Probability that it is held back behind later ones.
    std::size_t reorderDepth = 3; ///< A held datagram waits for 1 to this many later ones ...
    std::chrono::microseconds maxHold{2000}; ///< ... or this long, whichever comes first.
    std::uint64_t seed = 1;

    /// Drops, duplicates and reorders `percent` % each (the --simulate-loss setting).
    static LossSettings uniform(double percent, std::uint64_t seed = 1);
};

/// What a LossyChannel did, per direction.
struct LossCounts {
    std::uint64_t passed = 0; ///< Datagrams that went through the decision.
    std::uint64_t dropped = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t reordered = 0;
};

class LossyChannel final : public DatagramChannel {
public:
    /// Wraps `inner`, which must outlive this channel.
    LossyChannel(DatagramChannel& inner, LossSettings settings);

    bool sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) override;
    std::optional<ReceivedDatagram> receiveFrom(char* buffer, std::size_t capacity,
                                                std::chrono::microseconds timeout) override;
    void close() override;
    std::size_t receiveBufferBytes() const override { return _inner.receiveBufferBytes(); }

    const LossCounts& sent() const { return _out.counts; }
    const LossCounts& received() const { return _in.counts; }

private:
    using Clock = std::chrono::steady_clock;

    struct Held {
        std::string bytes;
        Poco::Net::SocketAddress address;
        std::size_t wait = 0;      ///< Later datagrams still to pass before this one goes ...
        Clock::time_point until{}; ///< ... or the time it goes anyway.
    };

    /// One direction: its own random sequence, so that how sends and receives interleave does
    /// not change the decisions taken for either.
    struct Direction {
        std::uint64_t state = 0;
        std::deque<Held> held;
        LossCounts counts;

        double roll();
    };

    /// The fate of one datagram, drawn with a fixed number of rolls.
    struct Fate {
        bool drop = false;
        bool duplicate = false;
        std::size_t holdFor = 0; ///< 0: not reordered.
    };
    Fate decide(Direction& direction);

    /// Counts one more datagram past the held ones; returns those whose wait is over.
    static std::deque<Held> releaseDue(Direction& direction);
    /// Returns the held datagrams whose time is up.
    static std::deque<Held> releaseExpired(Direction& direction, Clock::time_point now);
    /// Sends what is due outbound, queues what is due inbound; returns the next deadline.
    Clock::time_point releaseByTime(Clock::time_point now);

    DatagramChannel& _inner;
    LossSettings _settings;
    Direction _out;
    Direction _in;
    std::deque<Held> _ready; ///< Received datagrams to hand out before reading more.
    std::vector<char> _scratch;
};

} // namespace toom::p2p::transfer
