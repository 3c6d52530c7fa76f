#pragma once
// Turns the bytes a terminal sends in raw mode into editing keys: UTF-8 text, control keys and
// ANSI escape sequences (arrows, Home/End, Delete), fed in arbitrary pieces.

#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// What a key press means to the editor (Ctrl-A and Home both decode to Home).
enum class KeyCode {
    Text,        ///< One character; Key::text holds its UTF-8 bytes.
    Enter,       ///< CR or LF.
    Backspace,   ///< DEL (0x7F) or Ctrl-H.
    Delete,      ///< ESC [3~.
    Left,        ///< Left arrow, Ctrl-B.
    Right,       ///< Right arrow, Ctrl-F.
    Up,          ///< Up arrow, Ctrl-P.
    Down,        ///< Down arrow, Ctrl-N.
    Home,        ///< Home, Ctrl-A.
    End,         ///< End, Ctrl-E.
    WordLeft,    ///< Ctrl-Left, Alt-B.
    WordRight,   ///< Ctrl-Right, Alt-F.
    Interrupt,   ///< Ctrl-C.
    EndOfInput,  ///< Ctrl-D.
    KillToStart, ///< Ctrl-U.
    KillToEnd,   ///< Ctrl-K.
    KillWord,    ///< Ctrl-W, Alt-Backspace.
    Yank,        ///< Ctrl-Y.
    ClearScreen, ///< Ctrl-L.
};

struct Key {
    KeyCode code = KeyCode::Text;
    std::string text; ///< For KeyCode::Text.
    bool operator==(const Key&) const = default;
};

/// Incremental decoder; unknown sequences and malformed bytes are dropped.
class KeyDecoder {
public:
    /// Decodes `bytes` and appends the completed keys to `out`.
    void feed(std::string_view bytes, std::vector<Key>& out);

    /// True while an escape sequence or a UTF-8 character is incomplete.
    bool pending() const { return _state != State::Ground || !_utf8.empty(); }

    /// Gives up on an incomplete sequence (a lone Escape key press, after a short wait).
    void reset();

private:
    enum class State { Ground, Escape, Csi, Ss3 };

    void ground(unsigned char byte, std::vector<Key>& out);
    void finishCsi(char final, std::vector<Key>& out);
    void finishSs3(char final, std::vector<Key>& out);

    State _state = State::Ground;
    std::string _params;       ///< Parameter bytes of a CSI sequence.
    std::string _utf8;         ///< Bytes of an incomplete UTF-8 character.
    std::size_t _utf8Need = 0; ///< Total length of that character.
    bool _afterCr = false;     ///< A CRLF pair is one Enter.
};

} // namespace toom::client
