#pragma once
// IRC channels over Toom groups, as pure functions: `#name` is the Toom group `name` (JOIN
// makes an open group, as an IRC server makes a channel), and the replies of Toom's JOIN,
// TOPIC, LEAVE and GROUPMSG become the numerics IRC clients expect. The connection dispatches
// the Toom request and hands the reply here.

#include "common/IrcMessage.h"
#include "common/Reply.h"
#include "server/irc/IrcTranslation.h"

#include <optional>
#include <string>
#include <vector>

namespace toom {

/// The non-empty items of a comma-separated IRC list ("#a,#b", "yoda,luke"), at most `most`.
std::vector<std::string> ircListItems(const std::string& list, std::size_t most);

/// The Toom group a channel names: "#jedi" is "jedi"; nothing for a name that is not a
/// `#channel` (other prefixes, or nothing after the '#').
std::optional<std::string> groupOfChannel(const std::string& channel);

/// After Toom's OK JOIN (or OK TOPIC, which describes a group the same way): the user's own
/// JOIN line, the topic (332, 333) if one is set, and the names (353, 366).
std::vector<IrcMessage> ircLinesForJoined(const ServerLine& group, const IrcAddressing& to);

/// NAMES for a group Toom described (353 and 366; the creator marked '@').
std::vector<IrcMessage> ircNamesLines(const ServerLine& group, const IrcAddressing& to);

/// TOPIC's answer for a group Toom described: 332 and 333, or 331 when none is set.
std::vector<IrcMessage> ircTopicLines(const ServerLine& group, const IrcAddressing& to);

/// A failed Toom request about `channel` as the IRC error a client expects: 403 no such
/// channel, 442 not on it, 473 invite-only, 471 full, 482 not its operator, 404 cannot send;
/// a server NOTICE with Toom's words for anything else.
std::vector<IrcMessage> ircLinesForChannelFailure(const Reply& reply, const std::string& channel,
                                                  const IrcAddressing& to);

/// A Toom event about a group, as the IRC line its channel shows: EVENT GROUP (JOIN, PART,
/// TOPIC by the user), EVENT ROOM of a group (PRIVMSG #name), EVENT INVITE (INVITE).
std::optional<IrcMessage> ircLineForGroupEvent(const ServerLine& event, const IrcAddressing& to);

} // namespace toom
