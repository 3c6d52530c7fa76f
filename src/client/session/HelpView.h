#pragma once
// HELP as a person reads it on a terminal: the server's DATA HELP rows grouped by area, each
// command's names and syntax on one line and what it does below, wrapped at word boundaries
// to the terminal's width. The internal UDPPORT command (toom-client sends it itself) is left
// out. Pure, so tests lay it out at any width.

#include "common/ServerLine.h"

#include <string>
#include <vector>

namespace toom::client {

/// One command as HELP lists it.
struct HelpEntry {
    std::string area;   ///< The group it is listed under ("board", "messages", ...).
    std::string names;  ///< Every name, e.g. "PM, message, /msgto".
    std::string syntax; ///< Its arguments, e.g. "<user> <message>".
    std::string about;  ///< What it does.
};

/// The entries of a HELP reply's rows. The area comes from `area=` (rows without one are
/// listed under "commands"), what it does from the text after " - ".
std::vector<HelpEntry> helpEntries(const std::vector<ServerLine>& rows);

/// The lines that show `entries` in `columns` columns: a heading per area in order of first
/// appearance, then each command.
std::vector<std::string> layOutHelp(const std::vector<HelpEntry>& entries, int columns);

/// `text` cut into lines of at most `columns` columns at spaces, each after `indent` spaces;
/// a word longer than a line gets a line of its own.
std::vector<std::string> wrapWords(const std::string& text, int columns, int indent);

} // namespace toom::client
