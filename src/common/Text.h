#pragma once
// Small string helpers shared by client and server.

#include <string>
#include <string_view>
#include <vector>

namespace toom {

/// Returns `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

/// Returns an ASCII-lower-cased copy of `text` (UTF-8 bytes above 0x7F are left alone).
std::string toLower(std::string_view text);

/// Returns an ASCII-upper-cased copy of `text`.
std::string toUpper(std::string_view text);

/// ASCII case-insensitive comparison.
bool iequals(std::string_view a, std::string_view b);

/// Splits `text` into words separated by runs of spaces or tabs.
std::vector<std::string> splitWords(std::string_view text);

/// A command line cut into its words, keeping the raw text after each word so that a
/// "rest of the line" argument (a message text) keeps its inner spacing.
class WordCursor {
public:
    explicit WordCursor(std::string_view line);

    /// Number of words on the line.
    std::size_t size() const { return _words.size(); }

    /// Word `i` (0-based).
    const std::string& word(std::size_t i) const { return _words[i].text; }

    /// The raw remainder of the line starting at word `i`, with trailing white space trimmed.
    std::string restFrom(std::size_t i) const;

private:
    struct Word {
        std::string text;
        std::size_t offset;
    };
    std::string _line;
    std::vector<Word> _words;
};

/// Joins `items` with `separator`.
std::string join(const std::vector<std::string>& items, std::string_view separator);

} // namespace toom
