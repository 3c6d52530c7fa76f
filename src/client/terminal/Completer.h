#pragma once
// Tab completion as the line editor sees it: something that, given the line and the cursor,
// says where the word being completed starts and which words it could become. EditorCore
// applies the answer (the longest common start on the first Tab, the list on the second); what
// the words are is the completer's business (WordCompletion, fed by the session).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// The words the word before the cursor may become.
struct Completion {
    std::size_t from = 0;                ///< Where the word starts (a byte offset).
    std::vector<std::string> candidates; ///< Whole words, each starting as the word does.
    std::string suffix = " ";            ///< Added after a word completed to one candidate.
};

class Completer {
public:
    virtual ~Completer() = default;

    /// The completion of the word that ends at `cursor` in `line`.
    virtual Completion complete(std::string_view line, std::size_t cursor) = 0;
};

/// What `typed` grows to: the longest start that every candidate shares, compared without
/// regard to ASCII case. The typed letters stay as typed; the added ones are spelled as in a
/// candidate that starts exactly as typed (else the first), so "wh" with WHO and whoelse
/// becomes "who". `typed` itself when the candidates share nothing longer.
std::string commonCompletion(std::string_view typed, const std::vector<std::string>& candidates);

/// The lines that list `candidates` under the edit line's second Tab: in columns, as ls lays
/// out names, within `columns` terminal columns; at most `maxShown` of them, then a line that
/// says how many more there are.
std::vector<std::string> layOutCandidates(const std::vector<std::string>& candidates, int columns,
                                          std::size_t maxShown = 100);

/// True when `word` starts with `prefix`, ASCII case ignored.
bool startsWithIgnoringCase(std::string_view word, std::string_view prefix);

} // namespace toom::client
