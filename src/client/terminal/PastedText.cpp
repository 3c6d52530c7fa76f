#include "client/terminal/PastedText.h"

#include "common/Text.h"
#include "common/Utf8.h"

namespace toom::client {

namespace {

void endLine(std::vector<std::string>& lines, std::string& line) {
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    if (!trim(line).empty())
        lines.push_back(line);
    line.clear();
}

} // namespace

std::vector<std::string> pastedLines(std::string_view pasted) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < pasted.size()) {
        const auto byte = static_cast<unsigned char>(pasted[i]);
        if (byte == '\r' || byte == '\n') {
            endLine(lines, line);
            i += (byte == '\r' && i + 1 < pasted.size() && pasted[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (byte == '\t') {
            line += ' ';
            ++i;
            continue;
        }
        if (byte == 0x1B) {
            // ESC [ ... final: a colour copied along with the text. Skip the whole sequence;
            // any other escape loses its ESC and the byte after it.
            ++i;
            if (i < pasted.size() && pasted[i] == '[') {
                ++i;
                while (i < pasted.size() && static_cast<unsigned char>(pasted[i]) >= 0x20 &&
                       static_cast<unsigned char>(pasted[i]) <= 0x3F)
                    ++i;
            }
            if (i < pasted.size())
                ++i;
            continue;
        }
        if (byte < 0x20 || byte == 0x7F) {
            ++i;
            continue;
        }
        if (byte < 0x80) {
            line += static_cast<char>(byte);
            ++i;
            continue;
        }
        auto decoded = decodeUtf8At(pasted, i);
        if (!decoded) {
            ++i; // Not UTF-8: dropped, as the key decoder drops it from typing.
            continue;
        }
        if (decoded->codePoint >= 0x80 && decoded->codePoint <= 0x9F) {
            i += decoded->length; // C1 controls, which some terminals obey.
            continue;
        }
        line.append(pasted.substr(i, decoded->length));
        i += decoded->length;
    }
    endLine(lines, line);
    return lines;
}

} // namespace toom::client
