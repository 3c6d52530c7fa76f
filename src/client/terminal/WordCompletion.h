#pragma once
// Which words Tab offers where: command names (every dialect's) for the first word, and for
// a later word what the command expects there, an online user's name or a group's (with or
// without its #). Pure: the words come in a Vocabulary, which the session fills from what the
// server said (CompletionFeed).

#include "client/terminal/Completer.h"

#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// What a command's argument is, as far as completion cares.
enum class WordKind {
    Other,    ///< Nothing to complete (a message, a number, a time).
    User,     ///< A user's name.
    UserList, ///< Users' names separated by commas (MONITOR + yoda,obiwan).
    Group,    ///< A group's name.
    Command,  ///< A command's name (HELP [command]).
};

/// One command: every name it answers to and what its arguments are.
struct CommandShape {
    std::vector<std::string> names;
    std::vector<WordKind> arguments;
    bool lastRepeats = false; ///< "<user1> [<user2> ...]": the last kind goes on.
    bool operator==(const CommandShape&) const = default;
};

/// The words there are to complete to.
struct Vocabulary {
    std::vector<CommandShape> commands;
    std::vector<std::string> users;  ///< Online users (other than oneself).
    std::vector<std::string> groups; ///< Group names, without the #.
};

/// What the word that ends at `cursor` is: a command name (the first word: `isCommandName` is
/// set), or the kind of the command's argument in that place (Other when the command is not
/// known).
WordKind kindAt(const Vocabulary& vocabulary, std::string_view line, std::size_t cursor,
                bool& isCommandName);

/// The completion of the word that ends at `cursor`, from `vocabulary`: candidates in ASCII
/// case-insensitive order, without repeats.
Completion completeWord(const Vocabulary& vocabulary, std::string_view line, std::size_t cursor);

/// The kinds of a command's arguments from the syntax HELP gives ("<user> <message>",
/// "<name> <user1> [<user2> ...]", "<roomID | group name>", "[+|-|C|L|S] [<user>,...]").
CommandShape shapeOf(std::vector<std::string> names, std::string_view syntax);

} // namespace toom::client
