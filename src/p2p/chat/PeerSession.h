#pragma once
// One direct session with a peer as PrivateChats tracks it: from the connect attempt (or the
// accepted greeting) until it ends.

#include "p2p/chat/PeerConnection.h"
#include "p2p/chat/SetupQueue.h"

#include <atomic>
#include <memory>
#include <string>

namespace toom::p2p::chat {

struct PeerSession {
    enum class State {
        Connecting, ///< We are connecting and greeting (connect()).
        Accepting,  ///< The peer's greeting was accepted; our OK is on its way.
        Open        ///< Messages flow both ways.
    };

    PeerSession(std::string peerName, State initial, std::shared_ptr<PeerConnection> link,
                SetupQueue waiting)
        : peer(std::move(peerName))
        , state(initial)
        , outgoing(std::move(waiting))
        , connection(std::move(link)) {}

    const std::string peer;
    State state; ///< Guarded by PrivateChats' mutex.
    /// What the user typed before the session was Open, and whether typed messages may be
    /// written at once yet. Guarded by PrivateChats' mutex.
    SetupQueue outgoing;
    const std::shared_ptr<PeerConnection> connection;

    /// Set once the session has been ended (and removed from PrivateChats): its reader then
    /// prints nothing more, not even lines already received.
    std::atomic<bool> ended{false};
};

} // namespace toom::p2p::chat
