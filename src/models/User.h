#pragma once
// Users: the account kept in the store, and the rules for names and passwords.

#include <Poco/Timestamp.h>

#include <string>
#include <string_view>

namespace toom {

/// A stored account. The password itself is never kept, only its salted PBKDF2 hash.
struct Account {
    std::string username;
    std::string salt;         ///< Random bytes, hex encoded.
    std::string passwordHash; ///< PBKDF2-HMAC-SHA256(password, salt, iterations), hex encoded.
    int iterations = 0;
    Poco::Timestamp createdAt;
    /// Keyed digest of the credentials.txt line this password came from (see
    /// StoredAccountService::importCredentials); empty when it did not come from one. Lets a
    /// start-up recognise an unchanged line without spending a PBKDF2 on it.
    std::string importMark;
};

/// Usernames: 1 to 32 bytes of valid UTF-8 made of printable ASCII other than space, and,
/// beyond ASCII, of letters, combining marks and numbers only (Unicode categories L, M, N); not
/// starting with '/' or '#' (those begin commands and message numbers). So no white space, no
/// control, format or bidi character (U+202E), no invisible or private-use character, and none
/// of the fullwidth or mathematical forms that only redraw ASCII letters ("ｙｏｄａ").
/// Unique without regard to case: see usernameKey.
bool isValidUsername(std::string_view name);

/// The form two usernames are compared in: each code point lowered (Poco::Unicode::toLower, a
/// simple per-character folding), so `Yoda`, `YODA` and `yoda` have one key and cannot be three
/// accounts. Accounts keep the spelling they were created with; the key only finds them.
std::string usernameKey(std::string_view name);

/// Passwords: 1 to 128 bytes of valid UTF-8 with no white space or control characters, since
/// credentials.txt separates the name and the password with a single space.
bool isUsablePassword(std::string_view password);

inline constexpr std::size_t kMaxUsernameLength = 32;
inline constexpr std::size_t kMaxPasswordLength = 128;

} // namespace toom
