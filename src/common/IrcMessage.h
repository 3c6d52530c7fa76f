#pragma once
// One IRC protocol line, as modern.ircdocs.horse and the IRCv3 message-tags specification give
// it:
//
//   message = ["@" tags SP] [":" prefix SP] command *(SP middle) [SP ":" trailing]
//
// Parsing never throws and never trusts the input: anything that is not a message comes back
// as a clear IrcParseError. The limits are the protocol's: the part after the tags is at most
// 510 bytes (512 with the CR LF), the tag data a client may send at most 4094 bytes, at most 15
// parameters. Tag values are unescaped on parse and escaped on format (\: \s \\ \r \n).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom {

/// One message tag: `key` (with its optional "+" client prefix and vendor), and its value.
struct IrcTag {
    std::string key;
    std::string value; ///< Unescaped; empty for a tag sent without "=" or with an empty value.
    bool operator==(const IrcTag&) const = default;
};

enum class IrcParseError {
    None,
    Empty,         ///< Nothing but spaces (clients send blank lines; servers ignore them).
    TooLong,       ///< Over 510 bytes after the tags.
    TagsTooLong,   ///< Tag data over 4094 bytes.
    BadTags,       ///< "@" without tags, an empty or invalid key.
    BadPrefix,     ///< ":" without a prefix.
    NoCommand,     ///< Tags or a prefix, and then nothing.
    BadCommand,    ///< Neither letters nor three digits.
    TooManyParams, ///< More than 15 parameters.
    BadCharacter   ///< NUL, CR or LF inside the line.
};

/// A short English description of the error, for logs and error replies.
std::string_view describe(IrcParseError error);

struct IrcParseResult;

class IrcMessage {
public:
    static constexpr std::size_t kMaxBodyBytes = 510;       ///< After the tags, without CR LF.
    static constexpr std::size_t kMaxClientTagBytes = 4094; ///< Tag data, without "@" and SP.
    static constexpr std::size_t kMaxServerTagBytes = 8191; ///< Whole tags part from a server.
    static constexpr std::size_t kMaxParams = 15;
    /// The longest line a client may send, CR LF excluded: "@" tags SP body.
    static constexpr std::size_t kMaxClientLineBytes = 1 + kMaxClientTagBytes + 1 + kMaxBodyBytes;

    IrcMessage() = default;
    explicit IrcMessage(std::string verbWord, std::vector<std::string> parameters = {})
        : command(std::move(verbWord))
        , params(std::move(parameters)) {}

    std::vector<IrcTag> tags;
    std::string prefix;  ///< Without the ':'; empty when none.
    std::string command; ///< As sent; see verb() for the upper-cased form.
    std::vector<std::string> params;

    /// The command upper-cased (IRC commands are case-insensitive).
    std::string verb() const;

    /// Parameter `i`, or an empty string when there is none.
    const std::string& param(std::size_t i) const;

    /// The value of the first tag called `key`, if present.
    std::optional<std::string> tag(std::string_view key) const;

    /// Builder: sets the prefix and returns *this.
    IrcMessage& from(std::string source) {
        prefix = std::move(source);
        return *this;
    }

    /// The line without CR LF. The last parameter is written as a trailing one (":") when it
    /// needs to be (empty, contains a space, starts with ':'); NUL, CR and LF anywhere become
    /// spaces, so a formatted message is always one line. Earlier parameters must be middle
    /// ones (non-empty, no space, not starting with ':'), as every parsed message has them.
    std::string format() const;

    /// Parses one line (without its CR LF; a final CR is tolerated).
    static IrcParseResult parse(std::string_view line);

    bool operator==(const IrcMessage&) const = default;
};

struct IrcParseResult {
    IrcParseError error = IrcParseError::None;
    IrcMessage message; ///< Meaningful only when error is None.
    /// As far as it was read before the error (the command of a line with too many
    /// parameters, say), so that the error reply can name it.
    explicit operator bool() const { return error == IrcParseError::None; }
};

/// Escapes a tag value (";" -> "\:", " " -> "\s", "\" -> "\\", CR -> "\r", LF -> "\n").
std::string escapeTagValue(std::string_view value);

/// Reverses escapeTagValue; an unknown escape keeps the character, a lone final "\" is dropped.
std::string unescapeTagValue(std::string_view value);

} // namespace toom
