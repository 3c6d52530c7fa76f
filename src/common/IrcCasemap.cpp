#include "common/IrcCasemap.h"

namespace toom {

namespace {
char foldChar(char c, IrcCasemapping mapping) {
    if (c >= 'A' && c <= 'Z')
        return static_cast<char>(c - 'A' + 'a');
    if (mapping == IrcCasemapping::Rfc1459) {
        switch (c) {
        case '[':
            return '{';
        case ']':
            return '}';
        case '\\':
            return '|';
        case '~':
            return '^';
        default:
            break;
        }
    }
    return c;
}
} // namespace

std::string_view casemappingToken(IrcCasemapping mapping) {
    return mapping == IrcCasemapping::Rfc1459 ? "rfc1459" : "ascii";
}

std::string ircFold(std::string_view text, IrcCasemapping mapping) {
    std::string out(text);
    for (char& c : out)
        c = foldChar(c, mapping);
    return out;
}

bool ircEquals(std::string_view a, std::string_view b, IrcCasemapping mapping) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (foldChar(a[i], mapping) != foldChar(b[i], mapping))
            return false;
    }
    return true;
}

} // namespace toom
