#include "p2p/transfer/SendWindow.h"

#include <algorithm>

namespace toom::p2p::transfer {

SendWindow::SendWindow(std::uint32_t chunkCount, std::size_t inFlightLimit)
    : _chunkCount(chunkCount)
    , _inFlightLimit(std::clamp<std::size_t>(inFlightLimit, 1, kMaxWindowChunks))
    , _slots(kMaxWindowChunks) {}

void SendWindow::setInFlightLimit(std::size_t inFlightLimit) {
    _inFlightLimit = std::clamp<std::size_t>(inFlightLimit, 1, kMaxWindowChunks);
}

bool SendWindow::canSendNew() const {
    return _nextNew < _chunkCount && _inFlight < _inFlightLimit && _nextNew - _base < _slots.size();
}

std::uint32_t SendWindow::takeNew(TimePoint now) {
    std::uint32_t seq = _nextNew++;
    Slot& s = slot(seq);
    s = Slot{};
    s.sentAt = now;
    std::size_t ring = seq % kMaxWindowChunks;
    _ackedRing[ring / 64] &= ~(std::uint64_t{1} << (ring % 64));
    append(seq);
    return seq;
}

void SendWindow::append(std::uint32_t seq) {
    Slot& s = slot(seq);
    s.previous = _newestSent;
    s.next = kNone;
    s.listed = true;
    if (_newestSent != kNone)
        slot(_newestSent).next = seq;
    else
        _oldestSent = seq;
    _newestSent = seq;
    ++_inFlight;
}

void SendWindow::unlink(std::uint32_t seq) {
    Slot& s = slot(seq);
    if (!s.listed)
        return;
    if (s.previous != kNone)
        slot(s.previous).next = s.next;
    else
        _oldestSent = s.next;
    if (s.next != kNone)
        slot(s.next).previous = s.previous;
    else
        _newestSent = s.previous;
    s.listed = false;
    --_inFlight;
}

std::optional<std::uint32_t> SendWindow::takeLost(TimePoint now) {
    while (!_lost.empty()) {
        std::uint32_t seq = _lost.front();
        _lost.pop_front();
        if (!inSpan(seq))
            continue;
        Slot& s = slot(seq);
        s.lost = false;
        if (s.acked)
            continue;
        s.sentAt = now;
        append(seq); // now the newest transmission
        return seq;
    }
    return std::nullopt;
}

bool SendWindow::acked(std::uint32_t seq) const {
    if (seq < _base)
        return true;
    return inSpan(seq) && slot(seq).acked;
}

std::uint32_t SendWindow::markAcked(std::uint32_t seq) {
    if (!inSpan(seq))
        return 0;
    Slot& s = slot(seq);
    if (s.acked)
        return 0;
    s.acked = true;
    std::size_t ring = seq % kMaxWindowChunks;
    _ackedRing[ring / 64] |= std::uint64_t{1} << (ring % 64);
    unlink(seq);
    ++_ackedChunks;
    return 1;
}

void SendWindow::markLost(std::uint32_t seq) {
    Slot& s = slot(seq);
    if (s.acked || s.lost)
        return;
    s.lost = true;
    unlink(seq);
    _lost.push_back(seq);
}

std::uint32_t SendWindow::onAck(const AckMessage& ack, TimePoint deliveredSentAt,
                                Micros reorderAllowance) {
    std::uint32_t newlyAcked = 0;
    // A cumulative point beyond what was ever sent would be a lying or broken peer: believe
    // only what is possible.
    std::uint32_t cumulative = std::min(ack.cumulative, _nextNew);
    for (std::uint32_t seq = _base; seq < cumulative; ++seq)
        newlyAcked += markAcked(seq);
    for (std::size_t byte = 0; byte < ack.sack.size(); ++byte) {
        if (ack.sack[byte] == 0)
            continue;
        std::uint64_t first = std::uint64_t{ack.cumulative} + 1 + byte * 8;
        if (first + 8 <= _base)
            continue; // all eight were acknowledged already
        if (first >= _nextNew)
            break; // the rest describes chunks never sent
        // Only the bits not yet known; those outside [_base, _nextNew) markAcked ignores.
        unsigned news = ack.sack[byte] & ~knownAckedByte(first) & 0xFFu;
        for (unsigned bit = 0; news != 0; ++bit, news >>= 1) {
            if (news & 1u)
                newlyAcked += markAcked(static_cast<std::uint32_t>(first + bit));
        }
    }
    while (_base < _nextNew && slot(_base).acked)
        ++_base;

    _latestDelivered = std::max(_latestDelivered, deliveredSentAt);
    TimePoint lostBefore = _latestDelivered - reorderAllowance;
    while (_oldestSent != kNone && slot(_oldestSent).sentAt < lostBefore)
        markLost(_oldestSent);
    return newlyAcked;
}

std::uint8_t SendWindow::knownAckedByte(std::uint64_t first) const {
    std::size_t ring = static_cast<std::size_t>(first % kMaxWindowChunks);
    std::size_t word = ring / 64;
    unsigned shift = static_cast<unsigned>(ring % 64);
    std::uint64_t bits = _ackedRing[word] >> shift;
    if (shift > 56) // the byte runs into the next word, or round the ring to the first
        bits |= _ackedRing[(word + 1) % _ackedRing.size()] << (64 - shift);
    return static_cast<std::uint8_t>(bits);
}

void SendWindow::onTimeout() {
    if (_base < _nextNew)
        markLost(_base);
}

} // namespace toom::p2p::transfer
