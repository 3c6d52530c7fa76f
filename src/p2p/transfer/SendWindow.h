#pragma once
// The presenter's bookkeeping of chunks in flight: which were sent when, which are
// acknowledged, which are lost and must go again. Pure logic over given times, so loss
// detection is unit-tested without a network.
//
// Loss detection is time-based (in the spirit of RACK, RFC 8985): every ACK echoes the send
// time of the DATA that arrived last, so the presenter knows that everything it sent before
// that moment had its chance; a chunk sent more than a reordering allowance earlier and still
// not acknowledged (cumulatively or selectively) is lost. That covers the "fast retransmit on
// SACK holes" case, and also a lost retransmission, which counting duplicate ACKs cannot see.
// The retransmission timer (onTimeout) catches the rest: the tail of the file, or a silent peer.

#include "p2p/transfer/Datagram.h"
#include "p2p/transfer/TransferClock.h"

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace toom::p2p::transfer {

class SendWindow {
public:
    /// `inFlightLimit`: most chunks in flight, i.e. sent and neither acknowledged nor known
    /// lost (clamped to 1..kMaxWindowChunks). Separately, the next new chunk stays within
    /// kMaxWindowChunks of the oldest unacknowledged one, the span one ACK's SACK covers.
    ///
    /// Limiting chunks in flight rather than the span (as TCP's "pipe" does, RFC 6675) keeps
    /// data flowing while an old hole is being repaired: with a span limit, a hole at the base
    /// stops the sender for the time of the repair, which under steady loss is most of the time.
    SendWindow(std::uint32_t chunkCount, std::size_t inFlightLimit);

    /// Changes the in-flight limit (the audience's flow-control window). With more in flight
    /// than the new limit, new chunks wait until enough are acknowledged or lost.
    void setInFlightLimit(std::size_t inFlightLimit);

    /// True when a never-sent chunk may go now (one exists, fewer than the limit are in flight,
    /// and it is within the span).
    bool canSendNew() const;

    /// The next never-sent chunk, recorded as sent at `now`. Call only when canSendNew().
    std::uint32_t takeNew(TimePoint now);

    /// The next chunk marked lost and still unacknowledged, recorded as sent again at `now`.
    std::optional<std::uint32_t> takeLost(TimePoint now);

    /// Applies an acknowledgement whose echo says that a DATA sent at `deliveredSentAt` arrived,
    /// then marks as lost every unacknowledged chunk sent before deliveredSentAt minus
    /// `reorderAllowance`. Returns how many chunks became acknowledged.
    std::uint32_t onAck(const AckMessage& ack, TimePoint deliveredSentAt, Micros reorderAllowance);

    /// The retransmission timer fired: the oldest unacknowledged chunk is lost (the next ACK's
    /// echo then exposes the others).
    void onTimeout();

    bool allAcked() const { return _base == _chunkCount; }
    std::uint32_t base() const { return _base; }
    std::uint32_t nextNew() const { return _nextNew; }
    std::uint32_t ackedChunks() const { return _ackedChunks; }
    std::size_t inFlight() const { return _inFlight; }
    bool acked(std::uint32_t seq) const;

    /// Chunks waiting in the lost queue.
    std::size_t lostPending() const { return _lost.size(); }

private:
    static constexpr std::uint32_t kNone = 0xFFFFFFFF;

    struct Slot {
        TimePoint sentAt{};
        bool acked = false;
        bool lost = false; ///< In the lost queue.
        /// Neighbours in send-time order (kNone at the ends), while in the sent list.
        std::uint32_t previous = kNone;
        std::uint32_t next = kNone;
        bool listed = false;
    };

    Slot& slot(std::uint32_t seq) { return _slots[seq % _slots.size()]; }
    const Slot& slot(std::uint32_t seq) const { return _slots[seq % _slots.size()]; }
    bool inSpan(std::uint32_t seq) const { return seq >= _base && seq < _nextNew; }
    std::uint32_t markAcked(std::uint32_t seq);
    void markLost(std::uint32_t seq);
    void append(std::uint32_t seq);
    void unlink(std::uint32_t seq);
    /// Eight bits of _ackedRing for the chunks from `first` on.
    std::uint8_t knownAckedByte(std::uint64_t first) const;

    std::uint32_t _chunkCount;
    std::size_t _inFlightLimit;
    std::size_t _inFlight = 0; ///< Chunks in the sent list.
    std::vector<Slot> _slots;  ///< Ring over [_base, _nextNew), kMaxWindowChunks long.
    /// The slots' acked flags as bits, so that a SACK byte is compared with what is known in
    /// one step: most of every SACK repeats the previous one.
    std::array<std::uint64_t, kMaxWindowChunks / 64> _ackedRing{};
    std::uint32_t _base = 0; ///< Oldest unacknowledged chunk.
    std::uint32_t _nextNew = 0;
    std::uint32_t _ackedChunks = 0;
    TimePoint _latestDelivered{}; ///< Latest send time known to have arrived.
    std::deque<std::uint32_t> _lost;
    /// Chunks in flight, neither acknowledged nor marked lost, oldest transmission first:
    /// loss detection walks it from the head and stops at the first chunk sent too recently,
    /// so an ACK costs what it acknowledges or condemns, not the window's size.
    std::uint32_t _oldestSent = kNone;
    std::uint32_t _newestSent = kNone;
};

} // namespace toom::p2p::transfer
