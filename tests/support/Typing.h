#pragma once
// Test helpers for the client's line editor: keys as the key decoder produces them, and UTF-8
// characters of each kind the editor must treat as one (multi-byte, wide, combining).

#include "client/terminal/KeyDecoder.h"

#include <string>

namespace toom::test {

/// A key without text (Enter, arrows, Ctrl-...).
inline client::Key k(client::KeyCode code) {
    return client::Key{code, {}};
}

/// Typed text: one character (or a pasted run).
inline client::Key text(std::string t) {
    return client::Key{client::KeyCode::Text, std::move(t)};
}

inline const std::string kEacute = "\xC3\xA9";        // é (2 bytes)
inline const std::string kEuro = "\xE2\x82\xAC";      // € (3 bytes)
inline const std::string kSmile = "\xF0\x9F\x98\x80"; // 😀 (4 bytes, wide)
inline const std::string kHan = "\xE4\xB8\xAD";       // 中 (3 bytes, wide)
inline const std::string kCombining = "\xCC\x81";     // U+0301 combining acute

} // namespace toom::test
