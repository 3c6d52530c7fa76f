#include "common/IrcMessage.h"

#include <algorithm>
#include <cctype>

namespace toom {

namespace {

bool isTagKeyChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '-' || c == '.' || c == '/' || c == '+';
}

/// A key is [+][vendor/]name; only letters, digits, '-', '.', '/' and a leading '+'.
bool validTagKey(std::string_view key) {
    if (key.empty() || key == "+")
        return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (!isTagKeyChar(key[i]) || (key[i] == '+' && i != 0))
            return false;
    }
    return true;
}

bool validCommand(std::string_view command) {
    if (command.empty())
        return false;
    const bool digits = std::all_of(command.begin(), command.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
    if (digits)
        return command.size() == 3;
    return std::all_of(command.begin(), command.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

IrcParseError parseTags(std::string_view data, std::vector<IrcTag>& tags) {
    if (data.empty())
        return IrcParseError::BadTags;
    std::size_t start = 0;
    while (start <= data.size()) {
        const std::size_t end = std::min(data.find(';', start), data.size());
        const std::string_view item = data.substr(start, end - start);
        if (!item.empty()) { // ";;" and a final ";" are tolerated
            const std::size_t equals = item.find('=');
            const std::string_view key = item.substr(0, equals);
            if (!validTagKey(key))
                return IrcParseError::BadTags;
            IrcTag tag{std::string(key), {}};
            if (equals != std::string_view::npos)
                tag.value = unescapeTagValue(item.substr(equals + 1));
            tags.push_back(std::move(tag));
        }
        start = end + 1;
    }
    return IrcParseError::None;
}

/// Skips the spaces at `pos`.
void skipSpaces(std::string_view line, std::size_t& pos) {
    while (pos < line.size() && line[pos] == ' ')
        ++pos;
}

/// The word at `pos` up to the next space; `pos` ends on that space (or the end).
std::string_view nextWord(std::string_view line, std::size_t& pos) {
    const std::size_t end = std::min(line.find(' ', pos), line.size());
    const std::string_view word = line.substr(pos, end - pos);
    pos = end;
    return word;
}

void appendClean(std::string& out, std::string_view text) {
    for (char c : text)
        out += (c == '\0' || c == '\r' || c == '\n') ? ' ' : c;
}

} // namespace

std::string_view describe(IrcParseError error) {
    switch (error) {
    case IrcParseError::None:
        return "no error";
    case IrcParseError::Empty:
        return "empty line";
    case IrcParseError::TooLong:
        return "line too long (512 bytes at most, tags apart)";
    case IrcParseError::TagsTooLong:
        return "message tags too long (4094 bytes at most)";
    case IrcParseError::BadTags:
        return "malformed message tags";
    case IrcParseError::BadPrefix:
        return "malformed prefix";
    case IrcParseError::NoCommand:
        return "no command";
    case IrcParseError::BadCommand:
        return "malformed command";
    case IrcParseError::TooManyParams:
        return "too many parameters (15 at most)";
    case IrcParseError::BadCharacter:
        return "NUL, CR or LF inside the line";
    }
    return "unknown error";
}

std::string IrcMessage::verb() const {
    std::string upper = command;
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
}

const std::string& IrcMessage::param(std::size_t i) const {
    static const std::string kNone;
    return i < params.size() ? params[i] : kNone;
}

std::optional<std::string> IrcMessage::tag(std::string_view key) const {
    for (const IrcTag& t : tags) {
        if (t.key == key)
            return t.value;
    }
    return std::nullopt;
}

std::string IrcMessage::format() const {
    std::string out;
    if (!tags.empty()) {
        out += '@';
        for (std::size_t i = 0; i < tags.size(); ++i) {
            if (i > 0)
                out += ';';
            appendClean(out, tags[i].key);
            if (!tags[i].value.empty()) {
                out += '=';
                out += escapeTagValue(tags[i].value);
            }
        }
        out += ' ';
    }
    if (!prefix.empty()) {
        out += ':';
        appendClean(out, prefix);
        out += ' ';
    }
    appendClean(out, command);
    for (std::size_t i = 0; i < params.size(); ++i) {
        out += ' ';
        const std::size_t start = out.size();
        appendClean(out, params[i]); // Judged once clean: a line break becomes a space.
        const std::string_view p = std::string_view(out).substr(start);
        const bool last = i + 1 == params.size();
        if (last && (p.empty() || p.front() == ':' || p.find(' ') != std::string_view::npos))
            out.insert(start, 1, ':');
    }
    return out;
}

IrcParseResult IrcMessage::parse(std::string_view line) {
    IrcParseResult result;
    auto fail = [&result](IrcParseError error) {
        result.error = error;
        return result;
    };
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (line.find_first_of(std::string_view("\0\r\n", 3)) != std::string_view::npos)
        return fail(IrcParseError::BadCharacter);
    std::size_t pos = 0;
    skipSpaces(line, pos);
    if (pos == line.size())
        return fail(IrcParseError::Empty);
    IrcMessage& message = result.message;
    if (line[pos] == '@') {
        ++pos;
        const std::string_view data = nextWord(line, pos);
        if (data.size() > kMaxClientTagBytes)
            return fail(IrcParseError::TagsTooLong);
        if (const IrcParseError error = parseTags(data, message.tags); error != IrcParseError::None)
            return fail(error);
        skipSpaces(line, pos);
    }
    const std::string_view body = line.substr(pos);
    if (body.size() > kMaxBodyBytes)
        return fail(IrcParseError::TooLong);
    if (pos == line.size())
        return fail(IrcParseError::NoCommand);
    if (line[pos] == ':') {
        ++pos;
        const std::string_view source = nextWord(line, pos);
        if (source.empty())
            return fail(IrcParseError::BadPrefix);
        message.prefix = std::string(source);
        skipSpaces(line, pos);
        if (pos == line.size())
            return fail(IrcParseError::NoCommand);
    }
    const std::string_view command = nextWord(line, pos);
    if (!validCommand(command))
        return fail(IrcParseError::BadCommand);
    message.command = std::string(command);
    for (;;) {
        skipSpaces(line, pos);
        if (pos == line.size())
            break;
        if (message.params.size() == kMaxParams)
            return fail(IrcParseError::TooManyParams);
        if (line[pos] == ':') {
            message.params.emplace_back(line.substr(pos + 1));
            break;
        }
        message.params.emplace_back(nextWord(line, pos));
    }
    return result;
}

std::string escapeTagValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        switch (c) {
        case ';':
            out += "\\:";
            break;
        case ' ':
            out += "\\s";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\0':
            break; // never on the wire
        default:
            out += c;
        }
    }
    return out;
}

std::string unescapeTagValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\') {
            out += value[i];
            continue;
        }
        if (++i == value.size())
            break; // a lone final backslash is dropped
        switch (value[i]) {
        case ':':
            out += ';';
            break;
        case 's':
            out += ' ';
            break;
        case 'r':
            out += '\r';
            break;
        case 'n':
            out += '\n';
            break;
        default:
            out += value[i]; // "\\" and unknown escapes keep the character
        }
    }
    return out;
}

} // namespace toom
