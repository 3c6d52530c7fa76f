#include "p2p/chat/PeerText.h"

#include "common/Utf8.h"

namespace toom::p2p::chat {

namespace {
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";
} // namespace

std::string withValidUtf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (auto decoded = decodeUtf8At(text, pos)) {
            out.append(text.substr(pos, decoded->length));
            pos += decoded->length;
        } else {
            out.append(kReplacementCharacter);
            ++pos; // Resynchronise on the next byte, as decoders in terminals do.
        }
    }
    return out;
}

std::string shortPrintable(std::string_view text, std::size_t maxBytes) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto decoded = decodeUtf8At(text, pos);
        std::size_t length = decoded ? decoded->length : 1;
        if (pos + length > maxBytes) {
            out += "...";
            break;
        }
        if (!decoded)
            out.append(kReplacementCharacter);
        else if (decoded->codePoint < 0x20 || decoded->codePoint == 0x7F ||
                 (decoded->codePoint >= 0x80 && decoded->codePoint <= 0x9F))
            out += '?';
        else
            out.append(text.substr(pos, length));
        pos += length;
    }
    return out;
}

} // namespace toom::p2p::chat
