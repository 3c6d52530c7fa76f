#include "client/terminal/LineRenderer.h"

#include "client/terminal/TextWidth.h"

namespace toom::client {

namespace {
std::string moveUp(int rows) {
    return rows > 0 ? "\x1b[" + std::to_string(rows) + "A" : std::string();
}
std::string moveRight(int columns) {
    return columns > 0 ? "\x1b[" + std::to_string(columns) + "C" : std::string();
}
} // namespace

std::string LineRenderer::searchPrompt(std::string_view query, bool failed) {
    return std::string(failed ? "(failed reverse-i-search)'" : "(reverse-i-search)'") +
           std::string(query) + "': ";
}

std::string LineRenderer::erase() {
    std::string out = moveUp(_cursorRow);
    out += "\r\x1b[J"; // Clear from the first row of the edit area to the end of the screen.
    _cursorRow = 0;
    return out;
}

std::string LineRenderer::draw(std::string_view prompt, std::string_view text, std::size_t cursor,
                               int width) {
    if (width <= 0)
        width = 80;
    if (cursor > text.size())
        cursor = text.size();
    std::string out = erase();
    out += prompt;
    out += text;
    int promptWidth = displayWidth(prompt);
    int total = promptWidth + displayWidth(text);
    int endRow = total / width;
    // After filling the last column exactly, terminals hold the cursor there in a "pending
    // wrap" state; a newline makes its position definite (the start of the next row).
    if (total > 0 && total % width == 0)
        out += "\r\n";
    int target = promptWidth + displayWidth(text.substr(0, cursor));
    int targetRow = target / width;
    out += moveUp(endRow - targetRow);
    out += '\r';
    out += moveRight(target % width);
    _cursorRow = targetRow;
    return out;
}

std::string LineRenderer::finish(std::string_view prompt, std::string_view text, int width) {
    if (width <= 0)
        width = 80;
    int total = displayWidth(prompt) + displayWidth(text);
    int lastRow = total > 0 ? (total - 1) / width : 0;
    std::string out;
    int down = lastRow - _cursorRow;
    if (down < 0) {
        // The cursor already sits on the fresh row draw() opened after a full last row.
        out += '\r';
    } else {
        if (down > 0)
            out += "\x1b[" + std::to_string(down) + "B";
        out += "\r\n";
    }
    _cursorRow = 0;
    return out;
}

} // namespace toom::client
