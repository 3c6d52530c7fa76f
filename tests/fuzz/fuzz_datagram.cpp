// decodeDatagram accepts exactly the layout encodeDatagram writes: whatever decodes encodes back
// to the same bytes (but for an unknown ABORT code), and anything else (truncated, over a limit,
// stray bytes) decodes to nothing without reading outside the buffer (AddressSanitizer watches
// that).

#include "p2p/transfer/Datagram.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using toom::p2p::transfer::DatagramType;
using toom::p2p::transfer::kHeaderBytes;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A copy, so that the DATA payload view points into memory that outlives the check.
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto datagram = toom::p2p::transfer::decodeDatagram(bytes);
    if (!datagram)
        return 0;
    const std::string encoded = toom::p2p::transfer::encodeDatagram(*datagram);
    std::string expected = encoded;
    // The one byte decoding may change: an ABORT code it does not know (from a newer peer) is
    // read as Unspecified, by design. Everything else must come back byte for byte.
    if (datagram->type() == DatagramType::Abort && expected.size() == bytes.size() &&
        expected.size() > kHeaderBytes)
        expected[kHeaderBytes] = bytes[kHeaderBytes];
    TOOM_FUZZ_CHECK(expected == bytes);
    const auto again = toom::p2p::transfer::decodeDatagram(encoded);
    TOOM_FUZZ_CHECK(again.has_value());
    TOOM_FUZZ_CHECK(toom::p2p::transfer::encodeDatagram(*again) == encoded);
    return 0;
}
