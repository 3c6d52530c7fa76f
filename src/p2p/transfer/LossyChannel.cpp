#include "p2p/transfer/LossyChannel.h"

#include "p2p/transfer/Datagram.h"

#include <algorithm>

namespace toom::p2p::transfer {

namespace {
/// SplitMix64: tiny, fast, and the same sequence on every platform and library (the standard
/// distributions are not specified bit for bit, and a seed must replay a run exactly).
std::uint64_t splitMix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::size_t copyOut(const std::string& bytes, char* buffer, std::size_t capacity) {
    std::size_t size = std::min(bytes.size(), capacity);
    std::copy_n(bytes.data(), size, buffer);
    return size;
}
} // namespace

LossSettings LossSettings::uniform(double percent, std::uint64_t seed) {
    double p = std::clamp(percent / 100.0, 0.0, 1.0);
    LossSettings settings;
    settings.drop = p;
    settings.duplicate = p;
    settings.reorder = p;
    settings.seed = seed;
    return settings;
}

double LossyChannel::Direction::roll() {
    return static_cast<double>(splitMix64(state) >> 11) * 0x1.0p-53;
}

LossyChannel::LossyChannel(DatagramChannel& inner, LossSettings settings)
    : _inner(inner)
    , _settings(settings)
    , _scratch(kMaxDatagramBytes) {
    _out.state = settings.seed * 2 + 1;
    _in.state = settings.seed * 2 + 2;
    _settings.reorderDepth = std::max<std::size_t>(1, settings.reorderDepth);
}

LossyChannel::Fate LossyChannel::decide(Direction& direction) {
    // Always four rolls, whatever the outcome: datagram n's fate depends only on the seed and n.
    Fate fate;
    fate.drop = direction.roll() < _settings.drop;
    fate.duplicate = direction.roll() < _settings.duplicate;
    bool reorder = direction.roll() < _settings.reorder;
    std::size_t depth = 1 + static_cast<std::size_t>(direction.roll() *
                                                     static_cast<double>(_settings.reorderDepth));
    fate.holdFor = reorder ? std::min(depth, _settings.reorderDepth) : 0;
    ++direction.counts.passed;
    if (fate.drop)
        ++direction.counts.dropped;
    else if (fate.holdFor > 0)
        ++direction.counts.reordered;
    if (!fate.drop && fate.duplicate)
        ++direction.counts.duplicated;
    return fate;
}

std::deque<LossyChannel::Held> LossyChannel::releaseExpired(Direction& direction,
                                                            Clock::time_point now) {
    std::deque<Held> due;
    for (auto it = direction.held.begin(); it != direction.held.end();) {
        if (it->until <= now) {
            due.push_back(std::move(*it));
            it = direction.held.erase(it);
        } else {
            ++it;
        }
    }
    return due;
}

LossyChannel::Clock::time_point LossyChannel::releaseByTime(Clock::time_point now) {
    for (auto& held : releaseExpired(_out, now))
        _inner.sendTo(held.bytes, held.address);
    for (auto& held : releaseExpired(_in, now))
        _ready.push_back(std::move(held));
    auto next = Clock::time_point::max();
    for (const auto* direction : {&_out, &_in})
        for (const auto& held : direction->held)
            next = std::min(next, held.until);
    return next;
}

std::deque<LossyChannel::Held> LossyChannel::releaseDue(Direction& direction) {
    std::deque<Held> due;
    for (auto it = direction.held.begin(); it != direction.held.end();) {
        if (--it->wait == 0) {
            due.push_back(std::move(*it));
            it = direction.held.erase(it);
        } else {
            ++it;
        }
    }
    return due;
}

bool LossyChannel::sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) {
    auto now = Clock::now();
    releaseByTime(now);
    auto due = releaseDue(_out);
    Fate fate = decide(_out);
    if (!fate.drop) {
        if (fate.holdFor > 0)
            _out.held.push_back({std::string(bytes), to, fate.holdFor, now + _settings.maxHold});
        else
            _inner.sendTo(bytes, to);
        if (fate.duplicate)
            _inner.sendTo(bytes, to); // with a held original, the copy overtakes it
    }
    // Released datagrams go after the one that released them: that is the reordering.
    for (auto& held : due)
        _inner.sendTo(held.bytes, held.address);
    // A lossy channel pretends everything left: losses must look like the network's.
    return true;
}

std::optional<ReceivedDatagram> LossyChannel::receiveFrom(char* buffer, std::size_t capacity,
                                                          std::chrono::microseconds timeout) {
    auto deadline = Clock::now() + timeout;
    bool heardSomething = false;
    for (;;) {
        auto now = Clock::now();
        auto nextRelease = releaseByTime(now);
        if (!_ready.empty()) {
            Held next = std::move(_ready.front());
            _ready.pop_front();
            return ReceivedDatagram{copyOut(next.bytes, buffer, capacity), next.address};
        }
        // Wake up for the next held datagram's time, if that comes first.
        bool wakeForRelease = nextRelease < deadline;
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(
            std::min(deadline, nextRelease) - now);
        auto got = _inner.receiveFrom(_scratch.data(), _scratch.size(),
                                      std::max(left, std::chrono::microseconds(0)));
        if (!got && wakeForRelease)
            continue;
        if (!got) {
            if (timeout.count() == 0 || heardSomething)
                return std::nullopt;
            // The line stayed quiet for a whole wait: with a long maxHold nothing might ever
            // release what is held, so let it all go (both directions) rather than turn a
            // reordering into a loss.
            for (auto& held : _out.held)
                _inner.sendTo(held.bytes, held.address);
            _out.held.clear();
            for (auto& held : _in.held)
                _ready.push_back(std::move(held));
            _in.held.clear();
            if (_ready.empty())
                return std::nullopt;
            continue;
        }
        heardSomething = true;
        std::string bytes(_scratch.data(), got->size);
        auto due = releaseDue(_in);
        Fate fate = decide(_in);
        if (!fate.drop) {
            if (fate.holdFor > 0)
                _in.held.push_back({bytes, got->from, fate.holdFor, now + _settings.maxHold});
            else
                _ready.push_back({bytes, got->from, 0, {}});
            if (fate.duplicate)
                _ready.push_back({bytes, got->from, 0, {}});
        }
        for (auto& held : due)
            _ready.push_back(std::move(held));
    }
}

void LossyChannel::close() {
    _out.held.clear();
    _in.held.clear();
    _ready.clear();
    _inner.close();
}

} // namespace toom::p2p::transfer
