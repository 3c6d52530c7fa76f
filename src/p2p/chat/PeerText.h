#pragma once
// Text that arrives from another client without passing through the server, made safe to show.
// The server checks every line it relays (UTF-8, length); a direct peer is checked by nobody
// else, so its words are cleaned here before they reach the console.

#include <string>
#include <string_view>

namespace toom::p2p::chat {

/// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so that a
/// stray byte (0x9B is a CSI on some terminals) cannot reach the terminal. Control characters
/// are kept: the console replaces them when printing.
std::string withValidUtf8(std::string_view text);

/// A name or reason taken from a peer's line, for our own notices: valid UTF-8, control
/// characters replaced by '?', and no more than its first `maxBytes` bytes (then "..." follows),
/// so that it cannot fill the screen or pass for one of our messages.
std::string shortPrintable(std::string_view text, std::size_t maxBytes = 64);

} // namespace toom::p2p::chat
