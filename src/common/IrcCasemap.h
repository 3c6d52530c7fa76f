#pragma once
// IRC casemappings (the ISUPPORT CASEMAPPING token): how two nicks or channel names compare.
//
// - ascii: A-Z and a-z are one letter each.
// - rfc1459: ascii, plus "[]\~" as the upper case of "{}|^" (RFC 1459's Scandinavian heritage).
// Toom's own usernames compare by usernameKey (models/User.h), which lowers ASCII and Unicode
// letters alike and nothing else; the IRC door advertises the token that agrees with it.

#include <string>
#include <string_view>

namespace toom {

enum class IrcCasemapping { Ascii, Rfc1459 };

/// The ISUPPORT value: "ascii" or "rfc1459".
std::string_view casemappingToken(IrcCasemapping mapping);

/// `text` folded to lower case by `mapping` (bytes above 0x7F are left alone).
std::string ircFold(std::string_view text, IrcCasemapping mapping);

/// Whether `a` and `b` are the same name under `mapping`.
bool ircEquals(std::string_view a, std::string_view b, IrcCasemapping mapping);

} // namespace toom
