#pragma once
// One line of the direct client-to-client protocol (TOOM-P2P/1), in the server's line format
// (common/ServerLine.h, so values are escaped the same way and the same parser reads them):
//
//   connector -> acceptor   HELLO TOOM-P2P/1 from=<user> token=<token>
//   acceptor -> connector   OK HELLO user=<user>
//                           FAIL HELLO <CODE> :<reason>           (then the acceptor closes)
//   either way              EVENT MSG :<text>
//                           EVENT STOP reason=stopped|leaving     (then the sender closes)
//
// docs/P2P.md describes the exchange; this file only turns lines into values and back.

#include <optional>
#include <string>
#include <string_view>

namespace toom::p2p::chat {

/// The verb of the greeting: names the protocol and its version.
inline constexpr std::string_view kPeerProtocol = "TOOM-P2P/1";

/// Codes of a refused greeting (`FAIL HELLO <code>`).
namespace refusal {
inline constexpr std::string_view kBadHello = "BAD_HELLO";        ///< Not a TOOM-P2P/1 greeting.
inline constexpr std::string_view kLineTooLong = "LINE_TOO_LONG"; ///< Greeting over the limit.
inline constexpr std::string_view kTimeout = "TIMEOUT";           ///< No greeting in time.
inline constexpr std::string_view kBadToken = "BAD_TOKEN";        ///< Unknown or expired token.
inline constexpr std::string_view kTokenUsed = "TOKEN_USED";      ///< Token already presented.
inline constexpr std::string_view kWrongUser = "WRONG_USER";      ///< Token issued to someone else.
inline constexpr std::string_view kAlreadyConnected = "ALREADY_CONNECTED"; ///< One per peer.
inline constexpr std::string_view kSessionLimit = "SESSION_LIMIT";         ///< maxSessions reached.
inline constexpr std::string_view kBusy = "BUSY";       ///< Too many greetings in progress.
inline constexpr std::string_view kClosing = "CLOSING"; ///< The acceptor is shutting down.
} // namespace refusal

/// Why a STOP was sent.
enum class StopReason {
    Stopped, ///< The user ended the session (stopprivate).
    Leaving  ///< The client is logging out or exiting.
};

/// A decoded line of the direct protocol.
struct PeerLine {
    enum class Type {
        Hello,    ///< The connector's greeting: `name` (from) and `token`.
        Accepted, ///< The acceptor took the greeting: `name` is the acceptor's user.
        Refused,  ///< The acceptor refused: `code` and `text` (a reason for people).
        Message,  ///< A private message: `text`.
        Stop      ///< The sender ends the session: `reason`.
    };

    Type type = Type::Message;
    std::string name;
    std::string token;
    std::string code;
    std::string text;
    StopReason reason = StopReason::Stopped;

    static PeerLine hello(std::string from, std::string token);
    static PeerLine accepted(std::string user);
    static PeerLine refused(std::string_view code, std::string reason);
    static PeerLine message(std::string text);
    static PeerLine stop(StopReason reason);

    /// The line without its LF. CR and LF inside a text become spaces so that a text never
    /// splits into two lines.
    std::string format() const;

    /// Decodes one line (without LF). Nothing for a line that is not one of the five forms,
    /// including a greeting of another protocol version or one without a name or token.
    static std::optional<PeerLine> parse(std::string_view line);

    bool operator==(const PeerLine&) const = default;
};

} // namespace toom::p2p::chat
