#pragma once
// Everything a command may use. Commands never touch sockets: they run against these services,
// which is what lets every command be unit-tested with GoogleMock.

#include "AccountService.h"
#include "BlockService.h"
#include "BoardService.h"
#include "Clock.h"
#include "Messenger.h"
#include "PeerBroker.h"
#include "PresenceService.h"
#include "PrivateMessageService.h"
#include "RoomService.h"
#include "Settings.h"

namespace Poco {
class Logger;
}

namespace toom {

struct Services {
    const Settings& settings;
    Clock& clock;
    AccountService& accounts;
    PresenceService& presence;
    Messenger& messenger;
    BlockService& blocks; ///< Block lists; also the BlockPolicy every delivery asks.
    BoardService& board;
    PrivateMessageService& privateMessages;
    RoomService& rooms;
    PeerBroker& peers; ///< Tokens and direct private chats between clients.
    Poco::Logger& audit; ///< Per-command audit lines (the seeds' server console output).
};

} // namespace toom
