#pragma once
// The knobs of both ends of a transfer. The defaults are for real use; tests shorten the
// timeouts. docs/P2P.md explains how the sizes were chosen.

#include "p2p/transfer/TransferClock.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace toom::p2p::transfer {

struct SenderSettings {
    /// Payload bytes per DATA datagram: 1200 + 28 bytes of header + 8 UDP + 40 IPv6 = 1276,
    /// within IPv6's minimum MTU of 1280, so no datagram is ever fragmented (a lost fragment
    /// loses the whole datagram, and some networks drop fragments outright).
    std::size_t chunkSize = 1200;
    /// Used instead when the audience is on this machine (a loopback address; 0 = chunkSize):
    /// the loopback interface's MTU is 64 KiB, so nothing is fragmented, and the costs paid
    /// per datagram (two system calls, a share of an ACK) are paid 13 times less. With 1200
    /// the engine moved 240 MB/s on loopback against a TCP copy's 1500; with 16384, 700-850.
    std::size_t loopbackChunkSize = 16384;
    /// Most chunks in flight (sent, neither acknowledged nor known lost), at most
    /// kMaxWindowChunks; the audience's advertised window can lower it. 512 x 1200 bytes =
    /// 600 KB in flight: about 50 Mbit/s at a 100 ms round trip, 500 Mbit/s at 10 ms. On
    /// loopback 256 to 1024 measured the same (the audience's SHA-256 is the limit there), and
    /// without congestion control a bigger burst is only a risk for shared links.
    std::size_t window = 512;
    /// How long the audience may take to answer START: it may hear of the offer a little after
    /// the presenter starts, and its user may be asked first (START is repeated meanwhile,
    /// so the transfer begins within a second of the user's "y"). The audience's question
    /// expires a little earlier (FileOfferQuestions), and then declines.
    std::chrono::milliseconds startTimeout{120'000};
    /// First START repeat; it doubles up to startRetryMax.
    std::chrono::milliseconds startRetry{200};
    std::chrono::milliseconds startRetryMax{1'000};
    /// The transfer fails when nothing at all comes from the audience for this long.
    std::chrono::milliseconds idleTimeout{15'000};
    /// ... or when the retransmission timer fires this many times in a row without progress.
    int maxConsecutiveTimeouts = 12;
    /// Retransmission timeout bounds (RFC 6298's 1 s minimum is for the open Internet of
    /// 2011; peers here are often on one LAN, where it would make every tail loss a stall).
    std::chrono::milliseconds initialRto{300};
    std::chrono::milliseconds minRto{20};
    std::chrono::milliseconds maxRto{2'000};
    /// Least time between progress reports.
    std::chrono::milliseconds progressInterval{100};
};

struct InboxSettings {
    /// Where received files land (created when needed).
    std::string downloadDir = ".";
    /// Offers for larger files are refused.
    std::uint64_t maxFileSize = std::uint64_t{4} << 30;
    /// Offers announced but not started, plus transfers running, at most.
    std::size_t maxIncoming = 8;
    /// An announced offer nobody starts is forgotten after this long.
    std::chrono::milliseconds offerLifetime{120'000};
    /// A running transfer fails when no new chunk arrives for this long.
    std::chrono::milliseconds idleTimeout{15'000};
    /// In-order chunks per acknowledgement while data keeps coming; an ACK also goes at once
    /// for anything out of order and whenever the socket has nothing more to read.
    std::size_t ackEvery = 8;
    /// How long a finished transfer is remembered, to answer its presenter's late FIN or
    /// DATA with DONE or ABORT instead of silence.
    std::chrono::milliseconds rememberFinished{30'000};
    /// Least time between progress reports.
    std::chrono::milliseconds progressInterval{100};
};

} // namespace toom::p2p::transfer
