#pragma once
// What every IRC connection shares: the Toom server's context (services, command table, login
// limiter, loops, workers) and the IRC door's own settings and guests. Owned by ToomServer.

#include "server/irc/GuestNicks.h"
#include "server/irc/IrcOptions.h"
#include "server/irc/IrcWelcome.h"
#include "server/net/ServerContext.h"

namespace toom {

struct IrcContext {
    ServerContext& server;
    IrcOptions options;
    GuestNicks& guests;
    IrcWelcomeFacts welcome;
};

} // namespace toom
