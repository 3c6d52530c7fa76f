#include "client/terminal/Console.h"

#include "client/terminal/TextWidth.h"

#include <algorithm>
#include <vector>

namespace toom::client {

namespace {
// `text` cut at spaces into rows of fewer than `columns` columns (the last column would make
// some terminals wrap early), without the spaces at the cuts; a word wider than a row keeps a
// row of its own and the terminal wraps it.
std::vector<std::string> wrapAtSpaces(std::string_view text, int columns) {
    const int room = std::max(1, columns - 1);
    std::vector<std::string> rows;
    std::string row;
    int used = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        const std::string_view word = text.substr(at, end - at);
        const int width = displayWidth(word);
        if (!row.empty() && used + 1 + width > room) {
            rows.push_back(std::move(row));
            row.clear();
            used = 0;
        }
        if (!word.empty()) {
            if (!row.empty()) {
                row += ' ';
                ++used;
            }
            row += word;
            used += width;
        }
        at = end + 1;
    }
    if (!row.empty())
        rows.push_back(std::move(row));
    return rows;
}
} // namespace

Console::Console(std::ostream& out, bool interactive, WidthSource width)
    : _out(out)
    , _interactive(interactive)
    , _width(std::move(width)) {}

int Console::width() const {
    int columns = _width ? _width() : 80;
    return columns > 0 ? columns : 80;
}

int Console::textColumns() const {
    MutexLock lock(_mutex);
    if (!_decoration.stamp)
        return width();
    return std::max(1, width() - displayWidth(_decoration.stamp()) - 1);
}

std::string Console::sanitize(std::string_view text) {
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7F) {
            out += kReplacement;
            continue;
        }
        // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F; some terminals obey U+009B as
        // a CSI, which would let a message rewrite the screen.
        if (byte == 0xC2 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                out += kReplacement;
                ++i;
                continue;
            }
        }
        out += static_cast<char>(byte);
    }
    return out;
}

void Console::decorate(Decoration decoration) {
    MutexLock lock(_mutex);
    _decoration = std::move(decoration);
}

void Console::printLine(std::string_view text) {
    print(StyledLine(text));
}

void Console::print(const StyledLine& line, bool alert) {
    MutexLock lock(_mutex);
    eraseLocked();
    _out << renderLocked(line) << '\n';
    if (alert && _decoration.bell)
        _out << '\a';
    drawLocked();
    _out.flush();
}

std::string Console::renderLocked(const StyledLine& line) const {
    const StyledLine* shown = &line;
    StyledLine stamped;
    if (!line.hasTime() && _decoration.stamp) {
        stamped = line;
        stamped.time(_decoration.stamp());
        shown = &stamped;
    }
    std::string out;
    for (const auto& span : shown->spans()) {
        std::string_view colour = _decoration.colour ? colourOf(span) : std::string_view();
        if (colour.empty()) {
            out += sanitize(span.text);
            continue;
        }
        out += "\x1b[";
        out += colour;
        out += 'm';
        out += sanitize(span.text);
        out += "\x1b[0m";
    }
    return out;
}

// The bottom of an interactive console, from the top: the status row (when there is a status),
// then the edit area (while editing), with the cursor in the edit area or, when not editing,
// at column 0 of the row below the status. Output is written after erasing both, then both
// are drawn again below it.
void Console::eraseLocked() {
    if (_editing)
        _out << _renderer.erase();
    if (!_status.empty())
        _out << "\x1b[A\r\x1b[K"; // Up onto the status row, and clear it.
}

void Console::drawLocked() {
    if (!_status.empty())
        _out << _status << '\n';
    if (_editing)
        redrawLocked();
}

void Console::setStatus(std::string_view text) {
    MutexLock lock(_mutex);
    if (!_interactive)
        return;
    std::string fitted = sanitize(text);
    // One row, never wrapped: a wrapped status would break the row arithmetic above. The text
    // is ASCII for progress bars; cutting by bytes keeps it simple for anything else.
    const auto columns = static_cast<std::size_t>(std::max(1, width() - 1));
    if (fitted.size() > columns)
        fitted.resize(columns);
    if (fitted == _status)
        return;
    eraseLocked();
    _status = std::move(fitted);
    drawLocked();
    _out.flush();
}

const std::string& Console::promptLocked() const {
    return _promptOverride ? *_promptOverride : _prompt;
}

void Console::redrawLocked() {
    std::string_view text = _secret ? std::string_view() : std::string_view(_text);
    _out << _renderer.draw(promptLocked(), text, _secret ? 0 : _cursor, width());
}

void Console::beginEdit(std::string prompt, bool secret) {
    MutexLock lock(_mutex);
    _prompt = sanitize(prompt);
    _secret = secret;
    _promptOverride.reset();
    _text.clear();
    _cursor = 0;
    if (!_interactive)
        return; // Scripted input shows no edit line (ScriptInput echoes whole lines instead).
    if (!secret && displayWidth(_prompt) > width() / 2) {
        // A seed's menu prompt (tessenger's is 123 columns) would wrap the edit line and leave
        // no room to type: it is shown whole above a short edit prompt, in the seed's words,
        // broken at spaces into rows that fit the terminal (not cut mid-word by its wrap).
        eraseLocked();
        for (const auto& row : wrapAtSpaces(_prompt, width()))
            _out << row << '\n';
        _prompt = kShortPrompt;
        _editing = true;
        drawLocked();
        _out.flush();
        return;
    }
    _editing = true;
    redrawLocked();
    _out.flush();
}

void Console::updateEdit(std::string_view text, std::size_t cursor,
                         const std::optional<std::string>& prompt) {
    MutexLock lock(_mutex);
    std::optional<std::string> shown;
    if (prompt)
        shown = sanitize(*prompt);
    if (!_editing || (text == _text && cursor == _cursor && shown == _promptOverride))
        return; // Nothing changed: skip the redraw (and the flicker).
    _promptOverride = std::move(shown);
    // The buffer comes from the keyboard decoder, which drops control characters, so it is
    // drawn as typed; cursor positions stay valid byte offsets into it.
    _text = std::string(text);
    _cursor = cursor;
    if (_secret)
        return; // A password shows nothing of itself: there is nothing to redraw.
    redrawLocked();
    _out.flush();
}

void Console::endEdit(bool keep) {
    MutexLock lock(_mutex);
    if (!_editing)
        return;
    std::string_view text = _secret ? std::string_view() : std::string_view(_text);
    const std::string& prompt = promptLocked();
    if (keep && !_status.empty()) {
        // The entered line goes above the status row, which moves down below it.
        eraseLocked();
        _out << _renderer.draw(prompt, text, text.size(), width())
             << _renderer.finish(prompt, text, width()) << _status << '\n';
    } else if (keep) {
        _out << _renderer.finish(prompt, text, width());
    } else {
        _out << _renderer.erase();
    }
    _editing = false;
    _promptOverride.reset();
    _out.flush();
}

void Console::showPrompt(std::string_view prompt) {
    MutexLock lock(_mutex);
    if (_interactive)
        return;
    _out << sanitize(prompt);
    _out.flush();
}

void Console::endPromptLine() {
    MutexLock lock(_mutex);
    if (_interactive)
        return;
    _out << '\n';
    _out.flush();
}

void Console::clearScreen() {
    MutexLock lock(_mutex);
    if (!_interactive)
        return;
    _out << "\x1b[H\x1b[2J";
    _renderer = LineRenderer();
    drawLocked();
    _out.flush();
}

} // namespace toom::client
