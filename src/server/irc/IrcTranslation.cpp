#include "server/irc/IrcTranslation.h"

#include "common/IrcNumerics.h"
#include "common/Protocol.h"
#include "server/irc/IrcChannels.h"

namespace toom {

std::string ircUserMask(const std::string& nick, const std::string& serverName) {
    return nick + "!" + nick + "@" + serverName;
}

std::string toomPrivateMessage(const std::string& target, const std::string& text) {
    return "PM " + target + " " + text;
}

IrcMessage ircNumeric(const IrcAddressing& to, std::string_view code,
                      std::vector<std::string> params) {
    params.insert(params.begin(), to.nick);
    IrcMessage m(std::string(code), std::move(params));
    m.from(to.serverName);
    return m;
}

IrcMessage ircServerNotice(const IrcAddressing& to, std::string text) {
    IrcMessage m("NOTICE", {to.nick, std::move(text)});
    m.from(to.serverName);
    return m;
}

std::optional<IrcMessage> ircLineForEvent(const ServerLine& event, const IrcAddressing& to) {
    if (event.kind() != LineKind::Event)
        return std::nullopt;
    if (event.verb() != ev::kMessage)
        return ircLineForGroupEvent(event, to);
    const auto from = event.field("from");
    const auto text = event.field("text");
    if (!from || !text || from->empty())
        return std::nullopt;
    std::string body = *text;
    // Sent while this user was away: IRC has no "when" without server-time (a later slice),
    // so the text says it.
    if (event.field("offline") == "1")
        body = "[sent " + event.field("ts").value_or("earlier") + "] " + body;
    IrcMessage m("PRIVMSG", {to.nick, std::move(body)});
    m.from(ircUserMask(*from, to.serverName));
    return m;
}

std::vector<IrcMessage> ircLinesForPrivateMessageFailure(const Reply& reply,
                                                         const std::string& target,
                                                         const IrcAddressing& to) {
    const ServerLine& final = reply.final();
    if (final.code() == err::kUnknownUser)
        return {ircNumeric(to, irc::ERR_NOSUCHNICK, {target, "No such nick"})};
    std::string text = final.text();
    if (text.empty())
        text = "Your message to " + target + " was not sent (" + final.code() + ")";
    return {ircServerNotice(to, std::move(text))};
}

} // namespace toom
