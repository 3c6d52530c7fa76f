#pragma once
// The file-transfer datagrams and their binary encoding (docs/P2P.md, "File transfer over UDP").
// Every datagram starts with the same 20-byte header, all integers in network byte order:
//
//   magic "TF" (2) | version 1 (1) | type (1) | token (16)
//
// followed by the type's fields. decodeDatagram accepts exactly this layout and nothing else:
// anything malformed, truncated, over a limit or followed by stray bytes decodes to nothing.

#include "p2p/transfer/TransferToken.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace toom::p2p::transfer {

inline constexpr std::uint8_t kProtocolVersion = 1;
inline constexpr std::size_t kHeaderBytes = 20;
/// DATA's header: the common header, then sequence number and timestamp.
inline constexpr std::size_t kDataHeaderBytes = kHeaderBytes + 8;
/// Chunk sizes a START may announce. The default (TransferSettings.h) keeps a DATA datagram
/// within IPv6's minimum MTU; the upper bound keeps it within one UDP datagram.
inline constexpr std::size_t kMinChunkBytes = 256;
inline constexpr std::size_t kMaxChunkBytes = 60000;
inline constexpr std::size_t kMaxDatagramBytes = kDataHeaderBytes + kMaxChunkBytes;
inline constexpr std::size_t kMaxFileNameBytes = 1024;
inline constexpr std::size_t kMaxReasonBytes = 256;
/// A selective acknowledgement covers this many bytes, so 8 times as many chunks after the
/// cumulative point; the sender's window never exceeds what it covers.
inline constexpr std::size_t kMaxSackBytes = 256;
inline constexpr std::size_t kMaxWindowChunks = kMaxSackBytes * 8;

enum class DatagramType : std::uint8_t {
    Start = 1,    ///< presenter -> audience: the file's name, size, digest and chunk size.
    StartAck = 2, ///< audience -> presenter: accepted, send the data (and how much at once).
    Data = 3,     ///< presenter -> audience: one chunk.
    Ack = 4,      ///< audience -> presenter: cumulative and selective acknowledgement.
    Fin = 5,      ///< presenter -> audience: every chunk is acknowledged; is the file kept?
    Done = 6,     ///< audience -> presenter: digest verified, file kept.
    Abort = 7     ///< either way: the transfer is over, with a reason.
};

/// Why a transfer was aborted; the text says it for people.
enum class AbortCode : std::uint8_t {
    Unspecified = 0,
    Cancelled = 1,      ///< A user or the program stopped it.
    Refused = 2,        ///< The audience does not accept this offer (size cap, busy, name).
    TimedOut = 3,       ///< No progress for too long.
    DigestMismatch = 4, ///< The received bytes do not have the announced SHA-256.
    OfferMismatch = 5,  ///< START does not describe the offer the server announced.
    LocalError = 6      ///< The sender's or receiver's file could not be read or written.
};

using Sha256Bytes = std::array<std::uint8_t, 32>;

struct StartMessage {
    std::uint32_t chunkSize = 0;
    std::uint64_t fileSize = 0;
    Sha256Bytes sha256{};
    std::string fileName;
    bool operator==(const StartMessage&) const = default;
};

struct StartAckMessage {
    std::uint16_t window = 0; ///< Chunks the audience can take in flight (flow control).
    bool operator==(const StartAckMessage&) const = default;
};

struct DataMessage {
    std::uint32_t seq = 0;       ///< Chunk number; the chunk's offset is seq * chunkSize.
    std::uint32_t timestamp = 0; ///< Sender's clock in microseconds (wraps), echoed by ACK.
    std::string_view payload;    ///< After decoding: a view into the decoded buffer.
    bool operator==(const DataMessage&) const = default;
};

struct AckMessage {
    std::uint32_t cumulative = 0; ///< Every chunk below this one has arrived.
    std::uint32_t echo = 0;       ///< Timestamp of the DATA that arrived last.
    /// Bit i (least significant first within each byte) says chunk cumulative + 1 + i arrived.
    std::vector<std::uint8_t> sack;
    /// Chunks the audience can take in flight now (on the wire before the SACK; last here so
    /// that {cumulative, echo, sack} initialisers keep their meaning).
    std::uint16_t window = 0;
    bool operator==(const AckMessage&) const = default;
};

struct FinMessage {
    bool operator==(const FinMessage&) const = default;
};

struct DoneMessage {
    bool operator==(const DoneMessage&) const = default;
};

struct AbortMessage {
    AbortCode code = AbortCode::Unspecified;
    std::string reason; ///< At most kMaxReasonBytes (longer text is cut when encoding).
    bool operator==(const AbortMessage&) const = default;
};

using DatagramBody = std::variant<StartMessage, StartAckMessage, DataMessage, AckMessage,
                                  FinMessage, DoneMessage, AbortMessage>;

struct Datagram {
    TransferToken token{};
    DatagramBody body;
    bool operator==(const Datagram&) const = default;

    DatagramType type() const;
};

/// The datagram's bytes. Fields over their limits are cut (reason text, SACK) or must not be
/// passed (a file name over kMaxFileNameBytes or a chunk size outside the bounds throws
/// std::invalid_argument: that is a programming error, not a network event).
std::string encodeDatagram(const Datagram& datagram);

/// Writes DATA's header into the first kDataHeaderBytes of `out`, so the sender can read the
/// chunk straight into the bytes after it.
void writeDataHeader(char* out, const TransferToken& token, std::uint32_t seq,
                     std::uint32_t timestamp);

/// Parses one datagram. Nothing for anything malformed. A DATA payload is a view into `bytes`.
std::optional<Datagram> decodeDatagram(std::string_view bytes);

/// The SHA-256 hex text as bytes; nothing unless 64 hex characters.
std::optional<Sha256Bytes> parseSha256Hex(std::string_view hex);

/// The digest as 64 lowercase hex characters.
std::string sha256ToHex(const Sha256Bytes& digest);

} // namespace toom::p2p::transfer
