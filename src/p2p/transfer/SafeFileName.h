#pragma once
// Names for received files. The presenter chooses the file name, so the audience treats it as
// hostile: it keeps only a plain base name that cannot leave the download directory, hide
// itself, or carry terminal control sequences, and prefixes it with the presenter's name.

#include <cstddef>
#include <string>
#include <string_view>

namespace toom::p2p::transfer {

/// Longest base name safeBaseName returns, in bytes: with the presenter prefix (at most 41
/// bytes) and the temporary name's decorations (15) it stays within the usual 255-byte limit.
inline constexpr std::size_t kMaxBaseNameBytes = 190;

/// The last path component of `name` ('/' and '\' both separate), with control characters
/// (C0, DEL, C1) and bidirectional-override characters removed, invalid UTF-8 bytes replaced by
/// '_', leading dots and spaces and trailing spaces removed, and shortened to kMaxBaseNameBytes
/// (keeping a short extension). "" when nothing usable is left (".", "..", "dir/", "...").
/// Examples: "../../etc/passwd" -> "passwd", ".bashrc" -> "bashrc", "a\x1b[2Jb" -> "a[2Jb".
std::string safeBaseName(std::string_view name);

/// The name a received file gets in the download directory: "<presenter>_<safeBaseName>", the
/// presenter's name cleaned the same way (a '/' in it becomes '_'). "" when either part leaves
/// nothing usable. receivedFileName("yoda", "../../etc/passwd") == "yoda_passwd".
std::string receivedFileName(std::string_view presenter, std::string_view fileName);

/// Most numbered alternatives tried for a name that is taken ("x (1)" up to this).
inline constexpr int kMaxNameNumber = 999;

/// The `number`th alternative to `name` when a file of that name exists already: " (number)"
/// before the extension (the last dot, unless it begins the name). 0 gives `name` itself.
/// numberedFileName("yoda_big.bin", 2) == "yoda_big (2).bin"; ("yoda_notes", 1) ==
/// "yoda_notes (1)". Pure: whether a name is free is for the caller to find out, atomically
/// (IncomingTransfer::keep() creates the final name so that an existing file is never replaced).
std::string numberedFileName(std::string_view name, int number);

} // namespace toom::p2p::transfer
