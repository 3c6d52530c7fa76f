#include "models/User.h"

#include "common/Utf8.h"

namespace toom {

namespace {
bool hasWhiteSpace(std::string_view text) {
    return text.find_first_of(" \t\r\n\f\v") != std::string_view::npos;
}
} // namespace

bool isValidUsername(std::string_view name) {
    return !name.empty() && name.size() <= kMaxUsernameLength && isValidUtf8(name) &&
           !hasControlCharacters(name) && !hasWhiteSpace(name) && name.front() != '/' &&
           name.front() != '#';
}

bool isUsablePassword(std::string_view password) {
    return !password.empty() && password.size() <= kMaxPasswordLength && isValidUtf8(password) &&
           !hasControlCharacters(password) && !hasWhiteSpace(password);
}

} // namespace toom
