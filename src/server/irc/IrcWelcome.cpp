#include "server/irc/IrcWelcome.h"

#include "common/IrcCasemap.h"
#include "common/IrcNumerics.h"
#include "server/irc/IrcRegistration.h"

namespace toom {

std::vector<IrcMessage> ircMotd(const IrcAddressing& to, const std::string& motd) {
    if (motd.empty())
        return {ircNumeric(to, irc::ERR_NOMOTD, {"MOTD File is missing"})};
    std::vector<IrcMessage> lines;
    lines.push_back(
        ircNumeric(to, irc::RPL_MOTDSTART, {"- " + to.serverName + " Message of the day - "}));
    std::size_t start = 0;
    while (start <= motd.size()) {
        const std::size_t end = std::min(motd.find('\n', start), motd.size());
        lines.push_back(ircNumeric(to, irc::RPL_MOTD, {"- " + motd.substr(start, end - start)}));
        start = end + 1;
    }
    lines.push_back(ircNumeric(to, irc::RPL_ENDOFMOTD, {"End of /MOTD command."}));
    return lines;
}

std::vector<IrcMessage> ircWelcome(const IrcAddressing& to, const IrcWelcomeFacts& facts) {
    std::vector<IrcMessage> lines;
    lines.push_back(ircNumeric(to, irc::RPL_WELCOME,
                               {"Welcome to the " + facts.network + " IRC Network, " +
                                ircUserMask(to.nick, to.serverName)}));
    lines.push_back(
        ircNumeric(to, irc::RPL_YOURHOST,
                   {"Your host is " + to.serverName + ", running version " + facts.version}));
    lines.push_back(
        ircNumeric(to, irc::RPL_CREATED, {"This server was created " + facts.createdAt}));
    // No user or channel modes yet: "i" is what every client expects to find.
    lines.push_back(ircNumeric(to, irc::RPL_MYINFO, {to.serverName, facts.version, "i", "n"}));
    // Toom's names compare as usernameKey does: ASCII letters fold, "[" and "{" differ, so
    // the token is ascii, not rfc1459.
    lines.push_back(ircNumeric(
        to, irc::RPL_ISUPPORT,
        {"CASEMAPPING=" + std::string(casemappingToken(IrcCasemapping::Ascii)), "CHANTYPES=#",
         "NETWORK=" + facts.network, "NICKLEN=" + std::to_string(IrcRegistration::kNickLength),
         "TARGMAX=PRIVMSG:4,NOTICE:4", "are supported by this server"}));
    for (IrcMessage& m : ircMotd(to, facts.motd))
        lines.push_back(std::move(m));
    return lines;
}

} // namespace toom
