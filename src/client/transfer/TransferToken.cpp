#include "TransferToken.h"

namespace toom::client::transfer {

namespace {
int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

std::optional<TransferToken> parseToken(std::string_view hex) {
    TransferToken token{};
    if (hex.size() != token.size() * 2)
        return std::nullopt;
    for (std::size_t i = 0; i < token.size(); ++i) {
        int high = hexValue(hex[2 * i]);
        int low = hexValue(hex[2 * i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        token[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return token;
}

std::string tokenToHex(const TransferToken& token) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(token.size() * 2);
    for (std::uint8_t byte : token) {
        out += kDigits[byte >> 4];
        out += kDigits[byte & 0x0F];
    }
    return out;
}

} // namespace toom::client::transfer
