#pragma once
// The IRC numeric replies Toom sends, by the names modern.ircdocs.horse gives them. Only the
// ones in use are here; add a numeric when a reply needs it, never a bare number in the code.

#include <string_view>

namespace toom::irc {

// Registration.
inline constexpr std::string_view RPL_WELCOME = "001";
inline constexpr std::string_view RPL_YOURHOST = "002";
inline constexpr std::string_view RPL_CREATED = "003";
inline constexpr std::string_view RPL_MYINFO = "004";
inline constexpr std::string_view RPL_ISUPPORT = "005";

// Message of the day.
inline constexpr std::string_view RPL_MOTDSTART = "375";
inline constexpr std::string_view RPL_MOTD = "372";
inline constexpr std::string_view RPL_ENDOFMOTD = "376";
inline constexpr std::string_view ERR_NOMOTD = "422";

// Errors.
inline constexpr std::string_view ERR_NOSUCHNICK = "401";
inline constexpr std::string_view ERR_INVALIDCAPCMD = "410";
inline constexpr std::string_view ERR_NORECIPIENT = "411";
inline constexpr std::string_view ERR_NOTEXTTOSEND = "412";
inline constexpr std::string_view ERR_INPUTTOOLONG = "417";
inline constexpr std::string_view ERR_UNKNOWNCOMMAND = "421";
inline constexpr std::string_view ERR_NONICKNAMEGIVEN = "431";
inline constexpr std::string_view ERR_ERRONEUSNICKNAME = "432";
inline constexpr std::string_view ERR_NICKNAMEINUSE = "433";
inline constexpr std::string_view ERR_NOTREGISTERED = "451";
inline constexpr std::string_view ERR_NEEDMOREPARAMS = "461";
inline constexpr std::string_view ERR_ALREADYREGISTERED = "462";
inline constexpr std::string_view ERR_PASSWDMISMATCH = "464";
inline constexpr std::string_view ERR_CANNOTSENDTOUSER = "531"; // blocked, as Ergo says it

// Channels.
inline constexpr std::string_view RPL_NOTOPIC = "331";
inline constexpr std::string_view RPL_TOPIC = "332";
inline constexpr std::string_view RPL_TOPICWHOTIME = "333";
inline constexpr std::string_view RPL_INVITING = "341";
inline constexpr std::string_view RPL_NAMREPLY = "353";
inline constexpr std::string_view RPL_ENDOFNAMES = "366";
inline constexpr std::string_view ERR_NOSUCHCHANNEL = "403";
inline constexpr std::string_view ERR_CANNOTSENDTOCHAN = "404";
inline constexpr std::string_view ERR_NOTONCHANNEL = "442";
inline constexpr std::string_view ERR_CHANNELISFULL = "471";
inline constexpr std::string_view ERR_INVITEONLYCHAN = "473";
inline constexpr std::string_view ERR_NEEDREGGEDNICK = "477";
inline constexpr std::string_view ERR_CHANOPRIVSNEEDED = "482";

// SASL (IRCv3 sasl-3.1).
inline constexpr std::string_view RPL_LOGGEDIN = "900";
inline constexpr std::string_view RPL_SASLSUCCESS = "903";
inline constexpr std::string_view ERR_SASLFAIL = "904";
inline constexpr std::string_view ERR_SASLTOOLONG = "905";
inline constexpr std::string_view ERR_SASLABORTED = "906";
inline constexpr std::string_view ERR_SASLALREADY = "907";
inline constexpr std::string_view RPL_SASLMECHS = "908";

} // namespace toom::irc
