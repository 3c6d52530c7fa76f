#pragma once
// Turns the bytes a terminal sends in raw mode into editing keys: UTF-8 text, control keys and
// ANSI escape sequences (arrows, Home/End, Delete), fed in arbitrary pieces. A bracketed paste
// (ESC [200~ ... ESC [201~, once the terminal was told ESC [?2004h) arrives as one Paste key
// holding the pasted bytes, so that its newlines are never taken for Enter.

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
    Tab,         ///< Tab: complete the word before the cursor.
    SearchBack,  ///< Ctrl-R: reverse incremental search of the history.
    Cancel,      ///< Ctrl-G.
    Escape,      ///< The Escape key on its own (after a short wait, see timeOut()).
    Paste,       ///< A bracketed paste; Key::text holds the pasted bytes as they came.
};

struct Key {
    KeyCode code = KeyCode::Text;
    std::string text;       ///< For KeyCode::Text and KeyCode::Paste.
    bool truncated = false; ///< A Paste longer than KeyDecoder::kMaxPasteBytes (text is cut).
    bool operator==(const Key&) const = default;
};

/// Incremental decoder; unknown sequences and malformed bytes are dropped.
class KeyDecoder {
public:
    /// The most of one paste that is kept; the rest is read and dropped (Key::truncated).
    static constexpr std::size_t kMaxPasteBytes = 64 * 1024;

    /// Decodes `bytes` and appends the completed keys to `out`.
    void feed(std::string_view bytes, std::vector<Key>& out);

    /// True while an escape sequence or a UTF-8 character is incomplete: the rest follows at
    /// once, or it was the Escape key on its own.
    bool pending() const {
        return (_state != State::Ground && _state != State::Paste) || !_utf8.empty();
    }

    /// True inside a bracketed paste, whose end may take a while to arrive.
    bool pasting() const { return _state == State::Paste; }

    /// Nothing more came within the wait: an incomplete sequence was the Escape key on its own
    /// (appended as an Escape key), and a paste whose end never came ends here (a Paste key).
    void timeOut(std::vector<Key>& out);

    /// Gives up on an incomplete sequence or paste.
    void reset();

private:
    enum class State { Ground, Escape, Csi, Ss3, Paste };

    void ground(unsigned char byte, std::vector<Key>& out);
    void finishCsi(char final, std::vector<Key>& out);
    void finishSs3(char final, std::vector<Key>& out);
    void pasted(unsigned char byte, std::vector<Key>& out);
    void keepPasted(std::string_view bytes);
    void endPaste(std::vector<Key>& out);

    State _state = State::Ground;
    std::string _params;       ///< Parameter bytes of a CSI sequence.
    std::string _utf8;         ///< Bytes of an incomplete UTF-8 character.
    std::size_t _utf8Need = 0; ///< Total length of that character.
    bool _afterCr = false;     ///< A CRLF pair is one Enter.
    std::string _paste;        ///< The paste so far, at most kMaxPasteBytes.
    bool _pasteTruncated = false;
    std::size_t _endMatched = 0; ///< Bytes of the paste's end marker seen so far.
};

} // namespace toom::client
