#include "common/ServerLine.h"

#include "common/Text.h"

#include <charconv>

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
    std::string out(kindWord(_kind));
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
        out += escapeValue(f.value);
    }
    if (!_text.empty()) {
        out += " :";
        out += _text;
    }
    return out;
}

std::optional<ServerLine> ServerLine::parse(std::string_view line) {
    std::string_view text;
    bool hasText = false;
    if (auto pos = line.find(" :"); pos != std::string_view::npos) {
        text = line.substr(pos + 2);
        line = line.substr(0, pos);
        hasText = true;
    }
    auto words = splitWords(line);
    if (words.size() < 2)
        return std::nullopt;
    ServerLine out;
    const std::string& kind = words[0];
    if (kind == "HELLO")
        out._kind = LineKind::Hello;
    else if (kind == "OK")
        out._kind = LineKind::Ok;
    else if (kind == "FAIL")
        out._kind = LineKind::Fail;
    else if (kind == "DATA")
        out._kind = LineKind::Data;
    else if (kind == "EVENT")
        out._kind = LineKind::Event;
    else
        return std::nullopt;
    out._verb = words[1];
    std::size_t next = 2;
    if (out._kind == LineKind::Fail) {
        if (words.size() < 3)
            return std::nullopt;
        out._code = words[2];
        next = 3;
    }
    for (; next < words.size(); ++next) {
        auto eq = words[next].find('=');
        if (eq == std::string::npos || eq == 0)
            return std::nullopt;
        out._fields.push_back({words[next].substr(0, eq),
                               unescapeValue(std::string_view(words[next]).substr(eq + 1))});
    }
    if (hasText)
        out._text = std::string(text);
    return out;
}

std::string escapeValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        switch (c) {
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
        case '\t':
            out += "\\t";
            break;
        default:
            out += c;
        }
    }
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
