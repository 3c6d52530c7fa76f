#pragma once
// One line sent by the server: a reply (OK/FAIL/DATA), an asynchronous EVENT, or the HELLO
// greeting. See docs/PROTOCOL.md for the grammar:
//
//   line  = kind SP verb [SP code] *(SP key "=" value) [SP ":" text]
//
// Values escape space, tab, backslash, CR and LF as \s \t \\ \r \n so that a field never
// contains white space; the free text after " :" runs to the end of the line and is for people, not
// programs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom {

enum class LineKind {
    Hello, ///< Greeting sent once when a connection is accepted.
    Ok,    ///< Final line of a successful reply.
    Fail,  ///< Final line of a failed reply; carries an error code.
    Data,  ///< A row of a multi-line reply; always followed by the reply's OK or FAIL.
    Event  ///< Asynchronous notice (presence, message, timeout, shutdown, ...).
};

/// The wire word for a kind ("OK", "FAIL", ...).
std::string_view kindWord(LineKind kind);

struct Field {
    std::string key;
    std::string value;
    bool operator==(const Field&) const = default;
};

class ServerLine {
public:
    ServerLine() = default;
    ServerLine(LineKind kind, std::string verb, std::string code = {});

    static ServerLine ok(std::string verb) { return {LineKind::Ok, std::move(verb)}; }
    static ServerLine fail(std::string verb, std::string code) {
        return {LineKind::Fail, std::move(verb), std::move(code)};
    }
    static ServerLine data(std::string verb) { return {LineKind::Data, std::move(verb)}; }
    static ServerLine event(std::string type) { return {LineKind::Event, std::move(type)}; }

    /// Adds a field; keys are lower-case [a-z0-9_]. Returns *this for chaining.
    ServerLine& with(std::string key, std::string value);
    ServerLine& with(std::string key, std::int64_t value);
    ServerLine& with(std::string key, int value) {
        return with(std::move(key), std::int64_t{value});
    }
    ServerLine& with(std::string key, const char* value) {
        return with(std::move(key), std::string(value));
    }
    ServerLine& with(std::string key, bool value) = delete; // ambiguous on the wire; say 0/1.

    /// Sets the human-readable text.
    ServerLine& say(std::string text);

    LineKind kind() const { return _kind; }
    const std::string& verb() const { return _verb; }
    const std::string& code() const { return _code; }
    const std::string& text() const { return _text; }
    const std::vector<Field>& fields() const { return _fields; }

    /// The value of the first field named `key`, if any.
    std::optional<std::string> field(std::string_view key) const;

    /// The field parsed as an integer, if present and numeric.
    std::optional<std::int64_t> intField(std::string_view key) const;

    /// Serialises the line without its terminating newline.
    std::string format() const;

    /// Parses one line (without newline). Returns nothing for a malformed line.
    static std::optional<ServerLine> parse(std::string_view line);

    bool operator==(const ServerLine&) const = default;

private:
    LineKind _kind = LineKind::Ok;
    std::string _verb;
    std::string _code;
    std::vector<Field> _fields;
    std::string _text;
};

/// Escapes a field value (\s \t \\ \r \n) so that it contains no white space or line break.
std::string escapeValue(std::string_view value);

/// Appends escapeValue(value) to `out` without building a temporary.
void appendEscapedValue(std::string& out, std::string_view value);

/// Reverses escapeValue. Unknown escapes keep the escaped character.
std::string unescapeValue(std::string_view value);

} // namespace toom
