#pragma once
// The offer token in its wire form: the 32 hex characters the server issues, as 16 bytes.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace toom::p2p::transfer {

using TransferToken = std::array<std::uint8_t, 16>;

/// Parses 32 hex characters (either case); nothing for anything else.
std::optional<TransferToken> parseToken(std::string_view hex);

/// The token as 32 lowercase hex characters.
std::string tokenToHex(const TransferToken& token);

} // namespace toom::p2p::transfer
