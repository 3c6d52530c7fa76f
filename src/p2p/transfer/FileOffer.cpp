#include "p2p/transfer/FileOffer.h"

#include "p2p/transfer/SafeFileName.h"

#include <algorithm>

namespace toom::p2p::transfer {

namespace {
bool isLowerHex(std::string_view text, std::size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}
} // namespace

bool isValidToken(std::string_view token) {
    return isLowerHex(token, 32);
}

bool isValidSha256Hex(std::string_view digest) {
    return isLowerHex(digest, 64);
}

std::string offerProblem(const FileOffer& offer) {
    if (!isValidToken(offer.token))
        return "the offer's token is not 32 lowercase hex characters";
    if (!isValidSha256Hex(offer.sha256))
        return "the offer's SHA-256 digest is not 64 lowercase hex characters";
    if (receivedFileName(offer.presenter, offer.fileName).empty())
        return "the file name '" + offer.fileName + "' leaves nothing usable";
    return {};
}

} // namespace toom::p2p::transfer
