#include "client/session/HelpView.h"

#include "client/terminal/TextWidth.h"
#include "common/Text.h"

#include <algorithm>

namespace toom::client {

namespace {
std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}
} // namespace

std::vector<HelpEntry> helpEntries(const std::vector<ServerLine>& rows) {
    std::vector<HelpEntry> entries;
    for (const auto& row : rows) {
        if (iequals(row.field("command").value_or(""), "UDPPORT"))
            continue; // Sent by the client itself; nobody types it.
        HelpEntry entry;
        entry.area = row.field("area").value_or("commands");
        for (char c : row.field("names").value_or(row.field("command").value_or(""))) {
            entry.names += c;
            if (c == ',')
                entry.names += ' ';
        }
        entry.syntax = row.field("syntax").value_or("");
        // The text reads "<names> <syntax>  -  <what it does>" (the separator is padded).
        const std::string& text = row.text();
        if (auto dash = text.find(" - "); dash != std::string::npos)
            entry.about = std::string(trim(std::string_view(text).substr(dash + 3)));
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<std::string> wrapWords(const std::string& text, int columns, int indent) {
    const int room = std::max(20, columns - 1) - indent; // The last column would wrap early.
    const std::string margin(static_cast<std::size_t>(std::max(0, indent)), ' ');
    std::vector<std::string> lines;
    std::string line;
    int used = 0;
    for (const auto& word : splitWords(text)) {
        const int width = displayWidth(word);
        if (!line.empty() && used + 1 + width > room) {
            lines.push_back(margin + line);
            line.clear();
            used = 0;
        }
        if (!line.empty()) {
            line += ' ';
            ++used;
        }
        line += word;
        used += width;
    }
    if (!line.empty())
        lines.push_back(margin + line);
    return lines;
}

std::vector<std::string> layOutHelp(const std::vector<HelpEntry>& entries, int columns) {
    std::vector<std::string> areas;
    for (const auto& entry : entries) {
        if (std::find(areas.begin(), areas.end(), entry.area) == areas.end())
            areas.push_back(entry.area);
    }
    std::vector<std::string> lines;
    for (const auto& area : areas) {
        if (!lines.empty())
            lines.emplace_back();
        lines.push_back(capitalised(area));
        for (const auto& entry : entries) {
            if (entry.area != area)
                continue;
            const std::string usage =
                entry.syntax.empty() ? entry.names : entry.names + " " + entry.syntax;
            for (auto& line : wrapWords(usage, columns, 2))
                lines.push_back(std::move(line));
            for (auto& line : wrapWords(entry.about, columns, 6))
                lines.push_back(std::move(line));
        }
    }
    return lines;
}

} // namespace toom::client
