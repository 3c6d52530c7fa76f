#pragma once
// Hexadecimal text for bytes: tokens, salts and digests are stored and sent as hex.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace toom {

/// `size` bytes as lowercase hex, two characters a byte.
std::string toHex(const void* bytes, std::size_t size);

/// The bytes that `hex` (either case, an even number of digits) spells; nothing for anything
/// else. Never throws: callers check stored and received values that may be corrupt.
std::optional<std::string> fromHex(std::string_view hex);

} // namespace toom
