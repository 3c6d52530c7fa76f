#pragma once
// A line of output as runs of text, each with the tone it is shown in (the time column, where
// it came from, who said it, a mention of you). The Console turns tones into colours on a
// terminal that takes them and prints the bare text everywhere else, so the formatting code
// never writes an escape sequence and the colour choice lives in one place.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// What a run of text is, for its colour.
enum class Tone : std::uint8_t {
    Plain,    ///< The terminal's own colour.
    Time,     ///< The time column.
    Private,  ///< A private message's source tag.
    Board,    ///< A board post's source tag.
    Room,     ///< A room's or group's source tag.
    Notice,   ///< Presence, invitations, session notices.
    Nick,     ///< Someone's name, in their own stable colour (Span::nickColour).
    Own,      ///< Your own name.
    Mention,  ///< Your name inside someone else's text.
    Attention ///< A warning the user must not miss (the session is ending).
};

struct Span {
    Tone tone = Tone::Plain;
    std::string text;
    std::uint8_t nickColour = 0; ///< For Tone::Nick: an index into the nick palette.
    bool operator==(const Span&) const = default;
};

/// One line of output, in runs.
class StyledLine {
public:
    StyledLine() = default;
    /// A line of one plain run.
    explicit StyledLine(std::string_view text) { add(Tone::Plain, text); }

    /// Appends a run; an empty one is skipped. Returns *this for chaining.
    StyledLine& add(Tone tone, std::string_view text);

    /// Appends `name` in its stable nick colour (see nickColourOf).
    StyledLine& nick(std::string_view name);

    /// Puts the time column first: `text` and one space.
    StyledLine& time(std::string_view text);

    /// True once time() was called: the Console adds no time column of its own.
    bool hasTime() const { return _hasTime; }

    const std::vector<Span>& spans() const { return _spans; }

    /// The text without tones, as a plain console prints it.
    std::string plain() const;

    bool operator==(const StyledLine&) const = default;

private:
    std::vector<Span> _spans;
    bool _hasTime = false;
};

/// How many colours names are drawn from.
inline constexpr std::uint8_t kNickColours = 10;

/// A colour index for `name`, the same in every run and on every machine (a hash of the
/// name without regard to ASCII case, as usernames are compared).
std::uint8_t nickColourOf(std::string_view name);

/// The SGR parameters ("1;35") that colour `span` on an ANSI terminal; empty for Plain.
std::string_view colourOf(const Span& span);

} // namespace toom::client
