#include "client/terminal/StyledLine.h"

#include <array>

namespace toom::client {

StyledLine& StyledLine::add(Tone tone, std::string_view text) {
    if (!text.empty())
        _spans.push_back({tone, std::string(text), 0});
    return *this;
}

StyledLine& StyledLine::nick(std::string_view name) {
    if (!name.empty())
        _spans.push_back({Tone::Nick, std::string(name), nickColourOf(name)});
    return *this;
}

StyledLine& StyledLine::time(std::string_view text) {
    if (_hasTime || text.empty())
        return *this;
    _spans.insert(_spans.begin(), {{Tone::Time, std::string(text), 0}, {Tone::Plain, " ", 0}});
    _hasTime = true;
    return *this;
}

std::string StyledLine::plain() const {
    std::string out;
    for (const auto& span : _spans)
        out += span.text;
    return out;
}

std::uint8_t nickColourOf(std::string_view name) {
    // FNV-1a: tiny, and its value never changes with the standard library (std::hash may).
    std::uint32_t hash = 2166136261u;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 'A' && byte <= 'Z')
            byte = static_cast<unsigned char>(byte - 'A' + 'a');
        hash = (hash ^ byte) * 16777619u;
    }
    return static_cast<std::uint8_t>(hash % kNickColours);
}

std::string_view colourOf(const Span& span) {
    // Nick colours leave out the ones the source tags use (yellow board, cyan rooms, magenta
    // private) in their plain form, so a name never reads as a tag; the bright forms stay.
    static constexpr std::array<std::string_view, kNickColours> kNicks = {
        "32", "34", "91", "92", "93", "94", "95", "96", "1;32", "1;34"};
    switch (span.tone) {
    case Tone::Plain:
        return {};
    case Tone::Time:
        return "2"; // Dim: the column is there to be read when wanted, not to catch the eye.
    case Tone::Private:
        return "35";
    case Tone::Board:
        return "33";
    case Tone::Room:
        return "36";
    case Tone::Notice:
        return "2";
    case Tone::Nick:
        return kNicks[span.nickColour % kNickColours];
    case Tone::Own:
        return "1";
    case Tone::Mention:
        return "1;7"; // Bold reverse video: visible on every background.
    case Tone::Attention:
        return "1;31";
    }
    return {};
}

} // namespace toom::client
