#pragma once
// Toom and IRC, translated both ways, as pure functions: an IRC request becomes the Toom
// request it means (dispatched through the one CommandRegistry, so every rule of the Toom port
// applies), and a Toom event or failure for an IRC user becomes the IRC lines a client expects.

#include "common/IrcMessage.h"
#include "common/Reply.h"
#include "common/ServerLine.h"

#include <optional>
#include <string>
#include <vector>

namespace toom {

/// Who is speaking and to whom, for the lines a translation writes.
struct IrcAddressing {
    std::string serverName; ///< The prefix of numerics; the host of every user.
    std::string nick;       ///< The IRC user's own nick (the target of numerics).
};

/// `nick!nick@server`, the prefix of a Toom user's lines (Toom has no ident or host to show).
std::string ircUserMask(const std::string& nick, const std::string& serverName);

/// The Toom request a PRIVMSG or NOTICE to one nick means: `PM <nick> <text>`.
std::string toomPrivateMessage(const std::string& target, const std::string& text);

/// A Toom event pushed to an IRC user, as IRC lines: EVENT MESSAGE becomes
/// `:from!from@server PRIVMSG nick :text` (a message that waited while the user was offline
/// says when it was sent); a group's events through ircLineForGroupEvent (IrcChannels.h).
/// Events the IRC door does not show yet give nothing.
std::optional<IrcMessage> ircLineForEvent(const ServerLine& event, const IrcAddressing& to);

/// The IRC lines for a failed `PM` to `target`: 401 for an unknown user, a server NOTICE with
/// Toom's own words otherwise (a block, a full offline queue, yourself).
std::vector<IrcMessage> ircLinesForPrivateMessageFailure(const Reply& reply,
                                                         const std::string& target,
                                                         const IrcAddressing& to);

/// `:server <code> <nick> params...`
IrcMessage ircNumeric(const IrcAddressing& to, std::string_view code,
                      std::vector<std::string> params);

/// `:server NOTICE <nick> :text`
IrcMessage ircServerNotice(const IrcAddressing& to, std::string text);

} // namespace toom
