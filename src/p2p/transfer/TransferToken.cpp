#include "p2p/transfer/TransferToken.h"

#include "common/Hex.h"

#include <algorithm>

namespace toom::p2p::transfer {

std::optional<TransferToken> parseToken(std::string_view hex) {
    TransferToken token{};
    if (hex.size() != token.size() * 2)
        return std::nullopt;
    auto bytes = fromHex(hex);
    if (!bytes)
        return std::nullopt;
    std::copy(bytes->begin(), bytes->end(), token.begin());
    return token;
}

std::string tokenToHex(const TransferToken& token) {
    return toHex(token.data(), token.size());
}

} // namespace toom::p2p::transfer
