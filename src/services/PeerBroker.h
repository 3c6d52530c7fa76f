#pragma once
// Peer to peer, brokered: the server introduces two clients and vouches for them with one-time
// tokens; the bytes (files over UDP, private chat over TCP) then go straight between them and
// never pass the server. This service mints the tokens and keeps the state of direct private
// chats: requests waiting for an answer and chats that are open.

#include "services/Outbox.h"

#include <optional>
#include <string>

namespace toom {

class PeerBroker {
public:
    virtual ~PeerBroker() = default;

    /// A fresh unguessable token: 128 random bits as 32 lowercase hex characters.
    virtual std::string newToken() = 0;

    enum class AskOutcome {
        Asked,        ///< Recorded; the target is to be asked.
        AlreadyAsked, ///< The same request is still waiting for an answer.
        AlreadyOpen,  ///< The two already have an open chat.
        TooMany       ///< Either side has too many chats or requests.
    };

    /// Records that `requester` asks `target` for a direct private chat.
    virtual AskOutcome ask(const std::string& requester, const std::string& target) = 0;

    /// A request that was answered. `token` is set when it was accepted: the requester presents
    /// it to the target's client on the direct connection.
    struct Answer {
        std::string requester;
        std::string token;
    };

    /// `target` answers the request of `requester` (empty: the oldest one waiting for target).
    /// Accepting opens the chat. Nothing when no such request waits (never made, expired, or
    /// withdrawn because the requester left).
    virtual std::optional<Answer> answer(const std::string& target, const std::string& requester,
                                         bool accept) = 0;

    /// Closes the chat between `a` and `b`; false when none was open.
    virtual bool close(const std::string& a, const std::string& b) = 0;

    /// True while a chat between `a` and `b` is open.
    virtual bool isOpen(const std::string& a, const std::string& b) const = 0;

    /// `username` went offline: forgets their chats and requests and tells those concerned
    /// (PRIVATE_ENDED to chat peers and to users they had asked, PRIVATE_DECLINED to users
    /// waiting for their answer). Nobody is told during a server shutdown.
    virtual void userLeft(const std::string& username, CloseReason reason) = 0;
};

} // namespace toom
