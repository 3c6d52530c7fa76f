#include "client/terminal/WordCompletion.h"

#include "common/Text.h"

#include <algorithm>

namespace toom::client {

namespace {

/// Where the word ending at `cursor` starts, words being separated by spaces (and commas).
std::size_t wordStart(std::string_view before, bool commasToo) {
    const std::size_t at = before.find_last_of(commasToo ? " ," : " ");
    return at == std::string_view::npos ? 0 : at + 1;
}

const CommandShape* findCommand(const Vocabulary& vocabulary, std::string_view name) {
    for (const auto& command : vocabulary.commands) {
        for (const auto& each : command.names) {
            if (iequals(each, name))
                return &command;
        }
    }
    return nullptr;
}

WordKind argumentKind(const CommandShape& command, std::size_t index) {
    if (index < command.arguments.size())
        return command.arguments[index];
    if (command.lastRepeats && !command.arguments.empty())
        return command.arguments.back();
    return WordKind::Other;
}

bool caseInsensitiveLess(const std::string& a, const std::string& b) {
    const std::string la = toLower(a);
    const std::string lb = toLower(b);
    return la != lb ? la < lb : a < b;
}

void addMatching(std::vector<std::string>& out, const std::vector<std::string>& words,
                 std::string_view typed, std::string_view prefix = {}) {
    for (const auto& word : words) {
        std::string shown = std::string(prefix) + word;
        if (startsWithIgnoringCase(shown, typed))
            out.push_back(std::move(shown));
    }
}

WordKind kindOfToken(std::string_view token) {
    const std::string lower = toLower(token);
    if (lower.find("user") != std::string::npos)
        return lower.find(',') != std::string::npos ? WordKind::UserList : WordKind::User;
    if (lower.find("group") != std::string::npos || lower.find("<name>") != std::string::npos)
        return WordKind::Group;
    if (lower.find("command") != std::string::npos)
        return WordKind::Command;
    return WordKind::Other;
}

} // namespace

WordKind kindAt(const Vocabulary& vocabulary, std::string_view line, std::size_t cursor,
                bool& isCommandName) {
    const std::string_view before = line.substr(0, std::min(cursor, line.size()));
    const std::vector<std::string> words = splitWords(before.substr(0, wordStart(before, false)));
    isCommandName = words.empty();
    if (words.empty())
        return WordKind::Other;
    const CommandShape* command = findCommand(vocabulary, words.front());
    return command ? argumentKind(*command, words.size() - 1) : WordKind::Other;
}

Completion completeWord(const Vocabulary& vocabulary, std::string_view line, std::size_t cursor) {
    cursor = std::min(cursor, line.size());
    bool isCommandName = false;
    const WordKind kind = kindAt(vocabulary, line, cursor, isCommandName);
    const std::string_view before = line.substr(0, cursor);
    Completion completion;
    completion.from = wordStart(before, kind == WordKind::UserList);
    const std::string_view typed = before.substr(completion.from);
    if (isCommandName || kind == WordKind::Command) {
        for (const auto& command : vocabulary.commands)
            addMatching(completion.candidates, command.names, typed);
    } else if (kind == WordKind::User || kind == WordKind::UserList) {
        addMatching(completion.candidates, vocabulary.users, typed);
        if (kind == WordKind::UserList)
            completion.suffix.clear(); // The next name may follow a comma.
    } else if (kind == WordKind::Group) {
        // "#jedi" where the # says a group (LEAVE #3331), "jedi" elsewhere.
        const bool hash = !typed.empty() && typed.front() == '#';
        addMatching(completion.candidates, vocabulary.groups, typed, hash ? "#" : "");
    }
    auto& candidates = completion.candidates;
    std::sort(candidates.begin(), candidates.end(), caseInsensitiveLess);
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    return completion;
}

CommandShape shapeOf(std::vector<std::string> names, std::string_view syntax) {
    CommandShape shape;
    shape.names = std::move(names);
    // Tokens are split at spaces outside brackets: "<roomID | group name>" is one argument,
    // "[<user2> ...]" another.
    std::string token;
    int depth = 0;
    auto endToken = [&shape, &token] {
        if (token.empty())
            return;
        shape.arguments.push_back(kindOfToken(token));
        if (token.find("...") != std::string::npos) {
            shape.lastRepeats = true;
            // "[<user2> ...]" repeats the previous argument's kind when it names none itself.
            if (shape.arguments.back() == WordKind::Other && shape.arguments.size() > 1)
                shape.arguments.back() = shape.arguments[shape.arguments.size() - 2];
        }
        token.clear();
    };
    for (char c : syntax) {
        if (c == '<' || c == '[')
            ++depth;
        else if ((c == '>' || c == ']') && depth > 0)
            --depth;
        if (c == ' ' && depth == 0) {
            endToken();
            continue;
        }
        token += c;
    }
    endToken();
    return shape;
}

} // namespace toom::client
