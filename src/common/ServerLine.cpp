#include "common/ServerLine.h"

#include <charconv>
#include <initializer_list>

namespace toom {

std::string_view kindWord(LineKind kind) {
    switch (kind) {
    case LineKind::Hello:
        return "HELLO";
    case LineKind::Ok:
        return "OK";
    case LineKind::Fail:
        return "FAIL";
    case LineKind::Data:
        return "DATA";
    case LineKind::Event:
        return "EVENT";
    }
    return "?";
}

ServerLine::ServerLine(LineKind kind, std::string verb, std::string code)
    : _kind(kind)
    , _verb(std::move(verb))
    , _code(std::move(code)) {}

ServerLine& ServerLine::with(std::string key, std::string value) {
    _fields.push_back({std::move(key), std::move(value)});
    return *this;
}

ServerLine& ServerLine::with(std::string key, std::int64_t value) {
    return with(std::move(key), std::to_string(value));
}

ServerLine& ServerLine::say(std::string text) {
    // Text must stay on one line: a CR or LF inside would split the reply on the wire.
    for (char& c : text) {
        if (c == '\r' || c == '\n')
            c = ' ';
    }
    _text = std::move(text);
    return *this;
}

std::optional<std::string> ServerLine::field(std::string_view key) const {
    for (const auto& f : _fields) {
        if (f.key == key)
            return f.value;
    }
    return std::nullopt;
}

std::optional<std::int64_t> ServerLine::intField(std::string_view key) const {
    auto value = field(key);
    if (!value || value->empty())
        return std::nullopt;
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), out);
    if (ec != std::errc() || ptr != value->data() + value->size())
        return std::nullopt;
    return out;
}

std::string ServerLine::format() const {
    std::size_t estimate = 16 + _verb.size() + _code.size() + _text.size();
    for (const auto& f : _fields)
        estimate += f.key.size() + f.value.size() + 2;
    std::string out;
    out.reserve(estimate + estimate / 8);
    out += kindWord(_kind);
    out += ' ';
    out += _verb.empty() ? "*" : _verb;
    if (_kind == LineKind::Fail) {
        out += ' ';
        out += _code.empty() ? "ERROR" : _code;
    }
    for (const auto& f : _fields) {
        out += ' ';
        out += f.key;
        out += '=';
        appendEscapedValue(out, f.value);
    }
    if (!_text.empty()) {
        out += " :";
        out += _text;
    }
    return out;
}

namespace {

/// A verb, code or key as format() writes it: at least one byte, none of them white space or a
/// control character, and not starting with ':' (which would begin the free text).
bool isToken(std::string_view word) {
    if (word.empty() || word.front() == ':')
        return false;
    for (unsigned char c : word) {
        if (c <= ' ' || c == 0x7F)
            return false;
    }
    return true;
}

/// A field key: lower-case letters, digits and '_'.
bool isKey(std::string_view key) {
    if (key.empty())
        return false;
    for (char c : key) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/// A value as escapeValue writes it: no white space or line break, and every backslash starts
/// one of the five escapes.
bool isEscapedValue(std::string_view value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return false;
        if (c != '\\')
            continue;
        if (++i == value.size())
            return false;
        const char e = value[i];
        if (e != 's' && e != 't' && e != 'r' && e != 'n' && e != '\\')
            return false;
    }
    return true;
}

std::optional<LineKind> kindFromWord(std::string_view word) {
    for (LineKind kind :
         {LineKind::Hello, LineKind::Ok, LineKind::Fail, LineKind::Data, LineKind::Event}) {
        if (kindWord(kind) == word)
            return kind;
    }
    return std::nullopt;
}

} // namespace

// parse() accepts exactly the lines format() writes, so a line that parses formats back to the
// same bytes (tests/fuzz/fuzz_server_line checks both directions): single spaces between words,
// tokens without white space, keys in [a-z0-9_], values with only the five escapes, and free text
// only when there is some.
std::optional<ServerLine> ServerLine::parse(std::string_view line) {
    std::string_view text;
    bool hasText = false;
    if (auto pos = line.find(" :"); pos != std::string_view::npos) {
        text = line.substr(pos + 2);
        line = line.substr(0, pos);
        hasText = true;
        if (text.empty() || text.find_first_of("\r\n") != std::string_view::npos)
            return std::nullopt;
    }
    std::vector<std::string_view> words;
    for (std::size_t start = 0;;) {
        const std::size_t space = line.find(' ', start);
        words.push_back(line.substr(start, space - start));
        if (space == std::string_view::npos)
            break;
        start = space + 1;
    }
    if (words.size() < 2)
        return std::nullopt;
    const auto kind = kindFromWord(words[0]);
    if (!kind || !isToken(words[1]))
        return std::nullopt;
    ServerLine out(*kind, std::string(words[1]));
    std::size_t next = 2;
    if (out._kind == LineKind::Fail) {
        if (words.size() < 3 || !isToken(words[2]))
            return std::nullopt;
        out._code = std::string(words[2]);
        next = 3;
    }
    for (; next < words.size(); ++next) {
        const std::string_view word = words[next];
        const auto eq = word.find('=');
        if (eq == std::string_view::npos || !isKey(word.substr(0, eq)) ||
            !isEscapedValue(word.substr(eq + 1)))
            return std::nullopt;
        out._fields.push_back(
            {std::string(word.substr(0, eq)), unescapeValue(word.substr(eq + 1))});
    }
    if (hasText)
        out._text = std::string(text);
    return out;
}

void appendEscapedValue(std::string& out, std::string_view value) {
    // Runs of ordinary bytes are appended whole: a per-byte append showed as a third of the
    // event loops' time when one room message was formatted for each of 1,000 members.
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char* escape = nullptr;
        switch (value[i]) {
        case ' ':
            escape = "\\s";
            break;
        case '\\':
            escape = "\\\\";
            break;
        case '\r':
            escape = "\\r";
            break;
        case '\n':
            escape = "\\n";
            break;
        case '\t':
            escape = "\\t";
            break;
        default:
            continue;
        }
        out.append(value.substr(runStart, i - runStart));
        out.append(escape, 2);
        runStart = i + 1;
    }
    out.append(value.substr(runStart));
}

std::string escapeValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    appendEscapedValue(out, value);
    return out;
}

std::string unescapeValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        if (c != '\\' || i + 1 == value.size()) {
            out += c;
            continue;
        }
        char e = value[++i];
        switch (e) {
        case 's':
            out += ' ';
            break;
        case 'r':
            out += '\r';
            break;
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        default:
            out += e;
        }
    }
    return out;
}

} // namespace toom
