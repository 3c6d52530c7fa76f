#pragma once
// Limits and timeouts of direct private messaging (PrivateChats). The defaults suit a chat
// between people; tests shorten the timeouts.

#include "p2p/chat/GreetingSlots.h"

#include <chrono>
#include <cstddef>

namespace toom::p2p::chat {

struct ChatSettings {
    /// Direct sessions open at once (connecting, accepting or open); more are refused.
    std::size_t maxSessions = 8;

    /// Incoming connections still in their handshake: at most 16 in all and 4 per peer
    /// address, and a silent one gives its place up to a newcomer from its own address
    /// (GreetingSlots), so that connections that say nothing cannot lock real peers out.
    GreetingSlots::Limits greetingSlots;

    /// How long an incoming connection may take to send its greeting. Short: the connector
    /// sends it the moment it is connected.
    std::chrono::milliseconds greetingTimeout{2000};

    /// How long a connector waits for the answer to its greeting, on top of `tokenWait`.
    std::chrono::milliseconds handshakeTimeout{5000};

    /// How long an incoming greeting waits for its token to be registered with expect(): the
    /// server tells the requester and us at the same moment, so the requester may connect first.
    std::chrono::milliseconds tokenWait{10000};

    /// How long a token registered with expect() stays usable if nobody presents it.
    std::chrono::milliseconds tokenLifetime{60000};

    /// Longest line accepted from a peer (without its LF); a longer one closes the connection.
    std::size_t maxLineBytes = 4096;

    /// How long connect() may take to reach the peer.
    std::chrono::milliseconds connectTimeout{5000};

    /// How long one send() may wait for a peer that does not read before the session is given up.
    std::chrono::milliseconds sendTimeout{5000};

    /// Messages typed for a chat that is accepted but not connected yet wait for the connection
    /// (SetupQueue): at most this many per chat, and at most maxWaitingBytes of them (as they
    /// go on the wire). Small on purpose: they are written before the session's messages are
    /// read, so they must fit in the sockets' buffers however slowly the peer reads.
    std::size_t maxWaitingMessages = 16;
    std::size_t maxWaitingBytes = 16384;
};

} // namespace toom::p2p::chat
