#pragma once
// Everything a command may use. Commands never touch sockets: they run against these services,
// which is what lets every command be unit-tested with GoogleMock.

#include "services/AccountService.h"
#include "services/BlockService.h"
#include "services/BoardService.h"
#include "services/Clock.h"
#include "services/Messenger.h"
#include "services/MonitorService.h"
#include "services/PeerBroker.h"
#include "services/PresenceService.h"
#include "services/PrivateMessageService.h"
#include "services/RoomService.h"
#include "services/ServerSettings.h"

namespace Poco {
class Logger;
}

namespace toom {

struct Services {
    const ServerSettings& settings;
    Clock& clock;
    AccountService& accounts;
    PresenceService& presence;
    Messenger& messenger;
    BlockService& blocks; ///< Block lists; also the BlockPolicy every delivery asks.
    BoardService& board;
    PrivateMessageService& privateMessages;
    RoomService& rooms;
    PeerBroker& peers;        ///< Tokens and direct private chats between clients.
    MonitorService& monitors; ///< Who follows whose presence (MONITOR).
    Poco::Logger& audit;      ///< Per-command audit lines (the seeds' server console output).
};

} // namespace toom
