#include "server/irc/IrcChannels.h"

#include "common/IrcNumerics.h"
#include "common/Protocol.h"
#include "common/Text.h"

#include <cstdint>
#include <ctime>

namespace toom {

namespace {

std::string channelOf(const ServerLine& line) {
    return "#" + line.field("group").value_or("");
}

IrcMessage fromUser(const std::string& nick, const IrcAddressing& to, std::string verb,
                    std::vector<std::string> params) {
    IrcMessage m(std::move(verb), std::move(params));
    m.from(ircUserMask(nick, to.serverName));
    return m;
}

/// Toom's ISO time (2023-06-01T05:00:01Z) as IRC's seconds since the epoch, or "0".
std::string epochSecondsOf(const std::string& iso) {
    std::tm parts{};
    if (iso.size() < 19 || !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &parts))
        return "0";
    return std::to_string(timegm(&parts));
}

} // namespace

std::vector<std::string> ircListItems(const std::string& list, std::size_t most) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size() && out.size() < most) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        if (end > start)
            out.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::optional<std::string> groupOfChannel(const std::string& channel) {
    if (channel.size() < 2 || channel.front() != '#')
        return std::nullopt;
    return channel.substr(1);
}

std::vector<IrcMessage> ircLinesForJoined(const ServerLine& group, const IrcAddressing& to) {
    std::vector<IrcMessage> out;
    out.push_back(fromUser(to.nick, to, "JOIN", {channelOf(group)}));
    if (!group.field("topic").value_or("").empty())
        for (auto& m : ircTopicLines(group, to))
            out.push_back(std::move(m));
    for (auto& m : ircNamesLines(group, to))
        out.push_back(std::move(m));
    return out;
}

std::vector<IrcMessage> ircNamesLines(const ServerLine& group, const IrcAddressing& to) {
    const std::string channel = channelOf(group);
    const std::string creator = group.field("creator").value_or("");
    std::vector<IrcMessage> out;
    std::string names;
    const auto flush = [&] {
        if (!names.empty())
            out.push_back(ircNumeric(to, irc::RPL_NAMREPLY, {"=", channel, names}));
        names.clear();
    };
    for (const std::string& member : ircListItems(group.field("members").value_or(""), SIZE_MAX)) {
        // 353 lines stay well inside 512 bytes: about 300 bytes of names each.
        if (names.size() > 300)
            flush();
        if (!names.empty())
            names += ' ';
        names += (member == creator ? "@" : "") + member;
    }
    flush();
    out.push_back(ircNumeric(to, irc::RPL_ENDOFNAMES, {channel, "End of /NAMES list"}));
    return out;
}

std::vector<IrcMessage> ircTopicLines(const ServerLine& group, const IrcAddressing& to) {
    const std::string channel = channelOf(group);
    const std::string topic = group.field("topic").value_or("");
    if (topic.empty())
        return {ircNumeric(to, irc::RPL_NOTOPIC, {channel, "No topic is set"})};
    return {ircNumeric(to, irc::RPL_TOPIC, {channel, topic}),
            ircNumeric(to, irc::RPL_TOPICWHOTIME,
                       {channel, group.field("topic_by").value_or(""),
                        epochSecondsOf(group.field("topic_at").value_or(""))})};
}

std::vector<IrcMessage> ircLinesForChannelFailure(const Reply& reply, const std::string& channel,
                                                  const IrcAddressing& to) {
    const ServerLine& final = reply.final();
    const std::string code = final.code();
    if (code == err::kUnknownRoom || code == err::kInvalidArgument)
        return {ircNumeric(to, irc::ERR_NOSUCHCHANNEL, {channel, "No such channel"})};
    if (code == err::kNotMember || code == err::kNotJoined)
        return {ircNumeric(to, irc::ERR_NOTONCHANNEL, {channel, "You're not on that channel"})};
    if (code == err::kNotInvited)
        return {ircNumeric(to, irc::ERR_INVITEONLYCHAN, {channel, "Cannot join channel (+i)"})};
    if (code == err::kLimitReached)
        return {ircNumeric(to, irc::ERR_CHANNELISFULL, {channel, "Cannot join channel (+l)"})};
    if (code == err::kForbidden)
        return {ircNumeric(to, irc::ERR_CHANOPRIVSNEEDED, {channel, final.text()})};
    std::string text = final.text();
    if (text.empty())
        text = "Your request about " + channel + " failed (" + code + ")";
    return {ircServerNotice(to, std::move(text))};
}

std::optional<IrcMessage> ircLineForGroupEvent(const ServerLine& event, const IrcAddressing& to) {
    if (event.kind() != LineKind::Event)
        return std::nullopt;
    const std::string verb = event.verb();
    if (verb == ev::kGroup) {
        const std::string user = event.field("user").value_or("");
        const std::string action = event.field("action").value_or("");
        if (user.empty())
            return std::nullopt;
        if (action == "joined")
            return fromUser(user, to, "JOIN", {channelOf(event)});
        if (action == "left")
            return fromUser(user, to, "PART", {channelOf(event)});
        if (action == "topic")
            return fromUser(user, to, "TOPIC",
                            {channelOf(event), event.field("topic").value_or("")});
        return std::nullopt;
    }
    if (verb == ev::kRoom && event.field("kind") == "group") {
        const auto from = event.field("from");
        const auto text = event.field("text");
        if (!from || !text || from->empty())
            return std::nullopt;
        std::string body = *text;
        if (event.field("backlog") == "1")
            body = "[sent " + event.field("ts").value_or("earlier") + "] " + body;
        return fromUser(*from, to, "PRIVMSG",
                        {"#" + event.field("room").value_or(""), std::move(body)});
    }
    if (verb == ev::kInvite) {
        const auto from = event.field("from");
        if (!from || from->empty())
            return std::nullopt;
        return fromUser(*from, to, "INVITE", {to.nick, channelOf(event)});
    }
    return std::nullopt;
}

} // namespace toom
