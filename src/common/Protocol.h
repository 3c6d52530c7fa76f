#pragma once
// The catalogue of the wire protocol: its name and version, every error code and every event
// type, in one place (docs/PROTOCOL.md explains each). Tests and the client match on these
// codes, never on the human text.

#include <string_view>

namespace toom::protocol {

inline constexpr std::string_view kName = "TOOM";
inline constexpr int kVersion = 1;
/// "TOOM/1", the verb of the HELLO line.
inline constexpr std::string_view kNameAndVersion = "TOOM/1";

} // namespace toom::protocol

/// Error codes carried by FAIL lines.
namespace toom::err {
// Framing and dispatch (any command).
inline constexpr std::string_view kLineTooLong = "LINE_TOO_LONG";
inline constexpr std::string_view kInvalidUtf8 = "INVALID_UTF8";
inline constexpr std::string_view kUnknownCommand = "UNKNOWN_COMMAND";
inline constexpr std::string_view kBadArguments = "BAD_ARGUMENTS";
inline constexpr std::string_view kLoginRequired = "LOGIN_REQUIRED";
inline constexpr std::string_view kAlreadyLoggedIn = "ALREADY_LOGGED_IN";
inline constexpr std::string_view kInternal = "INTERNAL_ERROR";
/// The request was carried out but its writes could not be saved (disk full, I/O error).
inline constexpr std::string_view kStoreFailed = "STORE_FAILED";
inline constexpr std::string_view kServerFull = "SERVER_FULL";
/// This address already has toom.max_prelogin_per_address connections that have not logged in.
inline constexpr std::string_view kTooManyConnections = "TOO_MANY_CONNECTIONS";
/// Too many logins are being checked at once; the same line may be sent again.
inline constexpr std::string_view kServerBusy = "SERVER_BUSY";
inline constexpr std::string_view kInvalidArgument = "INVALID_ARGUMENT";
// Login.
inline constexpr std::string_view kInvalidUsername = "INVALID_USERNAME";
inline constexpr std::string_view kNotConfirmed = "NOT_CONFIRMED";
/// This address has created auth.registration_burst accounts lately (retry_after=<seconds>).
inline constexpr std::string_view kRegistrationThrottled = "REGISTRATION_THROTTLED";
inline constexpr std::string_view kInvalidPassword = "INVALID_PASSWORD";
inline constexpr std::string_view kTooManyAttempts = "TOO_MANY_ATTEMPTS";
inline constexpr std::string_view kAccountLocked = "ACCOUNT_LOCKED";
inline constexpr std::string_view kAlreadyOnline = "ALREADY_ONLINE";
inline constexpr std::string_view kUnusablePassword = "UNUSABLE_PASSWORD";
// Users and messages.
inline constexpr std::string_view kUnknownUser = "UNKNOWN_USER";
inline constexpr std::string_view kSelf = "SELF";
inline constexpr std::string_view kUserOffline = "USER_OFFLINE";
inline constexpr std::string_view kBlocked = "BLOCKED";
inline constexpr std::string_view kNotBlocked = "NOT_BLOCKED";
inline constexpr std::string_view kQueueFull = "QUEUE_FULL";
inline constexpr std::string_view kEmptyMessage = "EMPTY_MESSAGE";
inline constexpr std::string_view kBadTimestamp = "BAD_TIMESTAMP";
inline constexpr std::string_view kUnknownMessage = "UNKNOWN_MESSAGE";
inline constexpr std::string_view kTimestampMismatch = "TIMESTAMP_MISMATCH";
inline constexpr std::string_view kForbidden = "FORBIDDEN";
inline constexpr std::string_view kLimitReached = "LIMIT_REACHED";
// Rooms and groups.
inline constexpr std::string_view kUnknownRoom = "UNKNOWN_ROOM";
inline constexpr std::string_view kNotMember = "NOT_MEMBER";
inline constexpr std::string_view kNotJoined = "NOT_JOINED";
inline constexpr std::string_view kNotInvited = "NOT_INVITED";
inline constexpr std::string_view kAlreadyJoined = "ALREADY_JOINED";
inline constexpr std::string_view kNameTaken = "NAME_TAKEN";
// Peer to peer.
inline constexpr std::string_view kNoPeerPort = "NO_PEER_PORT"; ///< the peer's client can't
inline constexpr std::string_view kFileTooLarge = "FILE_TOO_LARGE";
inline constexpr std::string_view kNeedsClient = "NEEDS_CLIENT"; ///< file details missing
inline constexpr std::string_view kAlreadyAsked = "ALREADY_ASKED";
inline constexpr std::string_view kAlreadyOpen = "ALREADY_OPEN";
inline constexpr std::string_view kNoRequest = "NO_REQUEST";
inline constexpr std::string_view kNotEnabled = "NOT_ENABLED";
} // namespace toom::err

/// Event types carried by EVENT lines.
namespace toom::ev {
inline constexpr std::string_view kPresence = "PRESENCE"; ///< user=, state=online|offline
inline constexpr std::string_view kTimeout = "TIMEOUT";   ///< you were logged out for inactivity
inline constexpr std::string_view kShutdown = "SHUTDOWN"; ///< the server is going down
inline constexpr std::string_view kClosing = "CLOSING";   ///< the server closes this connection
/// A private message: from=, ts=, text=, offline=.
inline constexpr std::string_view kMessage = "MESSAGE";
/// A board post was posted, edited or deleted: action=, n=, user=, ts=, edited=, text=
/// (and backlog=1 when it is shown at login, posted while you were away).
inline constexpr std::string_view kBoard = "BOARD";
/// A message in one of your rooms or groups: kind=, room=, n=, from=, ts=, text= (and
/// backlog=1 when it is shown at login, sent while you were away).
inline constexpr std::string_view kRoom = "ROOM";
/// Someone joined or left one of your groups, or changed its topic: group=, user=,
/// action=joined|left|topic (and topic= for a topic).
inline constexpr std::string_view kGroup = "GROUP";
/// You were invited to a group: group=, from=, members=.
inline constexpr std::string_view kInvite = "INVITE";
/// A file is on its way to you over UDP: from=, file=, size=, sha256=, token=, address=.
inline constexpr std::string_view kFileOffer = "FILE_OFFER";
/// Someone asks to chat with you directly: from=. Answer with ACCEPTPRIVATE/DECLINEPRIVATE.
inline constexpr std::string_view kPrivateRequest = "PRIVATE_REQUEST";
/// Your request was accepted; connect: user=, address=, port=, token=.
inline constexpr std::string_view kPrivateAccepted = "PRIVATE_ACCEPTED";
/// Your request will not be answered: user=, reason=declined|offline.
inline constexpr std::string_view kPrivateDeclined = "PRIVATE_DECLINED";
/// A private chat (or a request to you) ended: user=, reason=stopped|logout|timeout|offline.
inline constexpr std::string_view kPrivateEnded = "PRIVATE_ENDED";
/// At login, before the BOARD or ROOM events (backlog=1) of what was said while you were away:
/// source=board|room, kind=, room=, shown=, more=, since=, read=; or source=all, cut=1 when
/// the backlog stopped at its byte bound.
inline constexpr std::string_view kBacklog = "BACKLOG";
} // namespace toom::ev
