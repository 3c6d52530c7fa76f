#include "server/irc/IrcOutbox.h"

#include "server/irc/IrcTranslation.h"

namespace toom {

IrcOutbox::IrcOutbox(std::shared_ptr<Session> session, std::string nick, std::string serverName)
    : _session(std::move(session))
    , _nick(std::move(nick))
    , _serverName(std::move(serverName)) {}

bool IrcOutbox::push(std::string_view lines) {
    std::string out;
    const IrcAddressing to{_serverName, _nick};
    while (!lines.empty()) {
        const std::size_t end = std::min(lines.find('\n'), lines.size());
        const std::string_view line = lines.substr(0, end);
        lines.remove_prefix(std::min(end + 1, lines.size()));
        const auto parsed = ServerLine::parse(line);
        if (!parsed)
            continue;
        if (const auto irc = ircLineForEvent(*parsed, to)) {
            out += irc->format();
            out += "\r\n";
        }
    }
    if (out.empty())
        return true; // Nothing the IRC door shows yet; nothing lost for the pusher.
    return _session->push(out);
}

} // namespace toom
