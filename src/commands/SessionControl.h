#pragma once
// What a command may know and change about the connection that issued it.

#include "services/Outbox.h"

#include <string>

namespace toom {

class SessionControl {
public:
    virtual ~SessionControl() = default;

    virtual bool loggedIn() const = 0;
    /// The logged-in user's name (empty before login).
    virtual const std::string& username() const = 0;
    /// The client's IP address as the server sees it.
    virtual std::string address() const = 0;
    /// The P2P UDP port the client announced (0 if none).
    virtual int udpPort() const = 0;
    virtual void setUdpPort(int port) = 0;
    /// The TCP port the client listens on for direct private chat (0 if none).
    virtual int chatPort() const = 0;
    virtual void setChatPort(int port) = 0;
    /// Records that a valid command was issued (resets the inactivity timer).
    virtual void touch() = 0;
    /// Ends the session once the current reply has been sent.
    virtual void closeAfterReply(CloseReason reason) = 0;
};

} // namespace toom
