#include "p2p/transfer/Datagram.h"

#include <stdexcept>

namespace toom::p2p::transfer {

namespace {

constexpr std::uint8_t kMagic0 = 'T';
constexpr std::uint8_t kMagic1 = 'F';

/// Appends big-endian integers and raw bytes to a string.
class ByteWriter {
public:
    explicit ByteWriter(std::string& out)
        : _out(out) {}

    void u8(std::uint8_t value) { _out += static_cast<char>(value); }
    void u16(std::uint16_t value) {
        u8(static_cast<std::uint8_t>(value >> 8));
        u8(static_cast<std::uint8_t>(value));
    }
    void u32(std::uint32_t value) {
        u16(static_cast<std::uint16_t>(value >> 16));
        u16(static_cast<std::uint16_t>(value));
    }
    void u64(std::uint64_t value) {
        u32(static_cast<std::uint32_t>(value >> 32));
        u32(static_cast<std::uint32_t>(value));
    }
    template <typename Bytes>
    void bytes(const Bytes& data) {
        for (auto byte : data)
            u8(static_cast<std::uint8_t>(byte));
    }

private:
    std::string& _out;
};

/// Reads big-endian integers from a view; once a read runs past the end, every later read
/// fails too, so a decoder checks ok() once at the end.
class ByteReader {
public:
    explicit ByteReader(std::string_view in)
        : _in(in) {}

    std::uint8_t u8() {
        if (!need(1))
            return 0;
        return static_cast<std::uint8_t>(_in[_pos++]);
    }
    std::uint16_t u16() {
        std::uint16_t high = u8();
        return static_cast<std::uint16_t>((high << 8) | u8());
    }
    std::uint32_t u32() {
        std::uint32_t high = u16();
        return (high << 16) | u16();
    }
    std::uint64_t u64() {
        std::uint64_t high = u32();
        return (high << 32) | u32();
    }
    std::string_view take(std::size_t count) {
        if (!need(count))
            return {};
        auto out = _in.substr(_pos, count);
        _pos += count;
        return out;
    }
    std::string_view rest() { return take(_in.size() - std::min(_pos, _in.size())); }

    bool ok() const { return _ok; }
    bool atEnd() const { return _ok && _pos == _in.size(); }

private:
    bool need(std::size_t count) {
        if (!_ok || _in.size() - _pos < count)
            _ok = false;
        return _ok;
    }

    std::string_view _in;
    std::size_t _pos = 0;
    bool _ok = true;
};

void writeHeader(ByteWriter& out, DatagramType type, const TransferToken& token) {
    out.u8(kMagic0);
    out.u8(kMagic1);
    out.u8(kProtocolVersion);
    out.u8(static_cast<std::uint8_t>(type));
    out.bytes(token);
}

bool validChunkSize(std::uint32_t size) {
    return size >= kMinChunkBytes && size <= kMaxChunkBytes;
}

std::optional<DatagramBody> decodeBody(DatagramType type, ByteReader& in) {
    switch (type) {
    case DatagramType::Start: {
        StartMessage start;
        start.chunkSize = in.u16();
        start.fileSize = in.u64();
        auto digest = in.take(start.sha256.size());
        std::copy(digest.begin(), digest.end(), start.sha256.begin());
        std::uint16_t nameLength = in.u16();
        start.fileName = std::string(in.take(nameLength));
        if (!in.atEnd() || !validChunkSize(start.chunkSize) || nameLength > kMaxFileNameBytes)
            return std::nullopt;
        return start;
    }
    case DatagramType::StartAck: {
        StartAckMessage accepted;
        accepted.window = in.u16();
        if (!in.atEnd())
            return std::nullopt;
        return accepted;
    }
    case DatagramType::Data: {
        DataMessage data;
        data.seq = in.u32();
        data.timestamp = in.u32();
        data.payload = in.rest();
        if (!in.ok() || data.payload.empty() || data.payload.size() > kMaxChunkBytes)
            return std::nullopt;
        return data;
    }
    case DatagramType::Ack: {
        AckMessage ack;
        ack.cumulative = in.u32();
        ack.echo = in.u32();
        ack.window = in.u16();
        std::uint16_t sackLength = in.u16();
        auto sack = in.take(sackLength);
        if (!in.atEnd() || sackLength > kMaxSackBytes)
            return std::nullopt;
        ack.sack.assign(sack.begin(), sack.end());
        return ack;
    }
    case DatagramType::Fin:
        return FinMessage{};
    case DatagramType::Done:
        return DoneMessage{};
    case DatagramType::Abort: {
        AbortMessage abort;
        std::uint8_t code = in.u8();
        std::uint16_t reasonLength = in.u16();
        abort.reason = std::string(in.take(reasonLength));
        if (!in.atEnd() || reasonLength > kMaxReasonBytes)
            return std::nullopt;
        // An unknown code from a newer peer still aborts; only its classification is lost.
        abort.code = code <= static_cast<std::uint8_t>(AbortCode::LocalError)
                         ? static_cast<AbortCode>(code)
                         : AbortCode::Unspecified;
        return abort;
    }
    }
    return std::nullopt;
}

} // namespace

DatagramType Datagram::type() const {
    // The variant's alternatives are declared in the order of the type numbers.
    return static_cast<DatagramType>(body.index() + 1);
}

std::string encodeDatagram(const Datagram& datagram) {
    std::string bytes;
    ByteWriter out(bytes);
    writeHeader(out, datagram.type(), datagram.token);
    std::visit(
        [&](const auto& message) {
            using Message = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<Message, StartMessage>) {
                if (!validChunkSize(message.chunkSize))
                    throw std::invalid_argument("START chunk size out of bounds");
                if (message.fileName.size() > kMaxFileNameBytes)
                    throw std::invalid_argument("START file name too long");
                out.u16(static_cast<std::uint16_t>(message.chunkSize));
                out.u64(message.fileSize);
                out.bytes(message.sha256);
                out.u16(static_cast<std::uint16_t>(message.fileName.size()));
                out.bytes(message.fileName);
            } else if constexpr (std::is_same_v<Message, StartAckMessage>) {
                out.u16(message.window);
            } else if constexpr (std::is_same_v<Message, DataMessage>) {
                out.u32(message.seq);
                out.u32(message.timestamp);
                out.bytes(message.payload);
            } else if constexpr (std::is_same_v<Message, AckMessage>) {
                std::size_t length = std::min(message.sack.size(), kMaxSackBytes);
                out.u32(message.cumulative);
                out.u32(message.echo);
                out.u16(message.window);
                out.u16(static_cast<std::uint16_t>(length));
                out.bytes(
                    std::string_view(reinterpret_cast<const char*>(message.sack.data()), length));
            } else if constexpr (std::is_same_v<Message, AbortMessage>) {
                std::string_view reason(message.reason);
                reason = reason.substr(0, kMaxReasonBytes);
                out.u8(static_cast<std::uint8_t>(message.code));
                out.u16(static_cast<std::uint16_t>(reason.size()));
                out.bytes(reason);
            }
        },
        datagram.body);
    return bytes;
}

void writeDataHeader(char* out, const TransferToken& token, std::uint32_t seq,
                     std::uint32_t timestamp) {
    std::string header;
    header.reserve(kDataHeaderBytes);
    ByteWriter writer(header);
    writeHeader(writer, DatagramType::Data, token);
    writer.u32(seq);
    writer.u32(timestamp);
    std::copy(header.begin(), header.end(), out);
}

std::optional<Datagram> decodeDatagram(std::string_view bytes) {
    ByteReader in(bytes);
    if (in.u8() != kMagic0 || in.u8() != kMagic1 || in.u8() != kProtocolVersion)
        return std::nullopt;
    std::uint8_t type = in.u8();
    if (type < static_cast<std::uint8_t>(DatagramType::Start) ||
        type > static_cast<std::uint8_t>(DatagramType::Abort))
        return std::nullopt;
    Datagram datagram;
    auto token = in.take(datagram.token.size());
    if (!in.ok())
        return std::nullopt;
    std::copy(token.begin(), token.end(), datagram.token.begin());
    auto body = decodeBody(static_cast<DatagramType>(type), in);
    if (!body || !in.ok())
        return std::nullopt;
    datagram.body = std::move(*body);
    // Types without fields must not carry stray bytes either.
    if (!in.atEnd() && datagram.type() != DatagramType::Data)
        return std::nullopt;
    return datagram;
}

std::optional<Sha256Bytes> parseSha256Hex(std::string_view hex) {
    Sha256Bytes digest{};
    if (hex.size() != 64)
        return std::nullopt;
    // Two tokens' worth of hex each: reuse the token parser on both halves.
    auto first = parseToken(hex.substr(0, 32));
    auto second = parseToken(hex.substr(32));
    if (!first || !second)
        return std::nullopt;
    std::copy(first->begin(), first->end(), digest.begin());
    std::copy(second->begin(), second->end(), digest.begin() + 16);
    return digest;
}

std::string sha256ToHex(const Sha256Bytes& digest) {
    TransferToken first{};
    TransferToken second{};
    std::copy(digest.begin(), digest.begin() + 16, first.begin());
    std::copy(digest.begin() + 16, digest.end(), second.begin());
    return tokenToHex(first) + tokenToHex(second);
}

} // namespace toom::p2p::transfer
