#include "CoreCommands.h"

#include "blocks/BlockCommand.h"
#include "blocks/BlockListCommand.h"
#include "blocks/UnblockCommand.h"
#include "board/DeletePostCommand.h"
#include "board/EditPostCommand.h"
#include "board/PostCommand.h"
#include "board/ReadBoardCommand.h"
#include "messages/PrivateMessageCommand.h"
#include "peer/AnswerPrivateCommand.h"
#include "peer/PrivateCommand.h"
#include "peer/SendFileCommand.h"
#include "peer/StartPrivateCommand.h"
#include "peer/StopPrivateCommand.h"
#include "presence/WhoCommand.h"
#include "presence/WhoElseSinceCommand.h"
#include "rooms/CreateGroupCommand.h"
#include "rooms/CreateRoomCommand.h"
#include "rooms/GroupMessageCommand.h"
#include "rooms/JoinGroupCommand.h"
#include "rooms/LeaveRoomCommand.h"
#include "rooms/RoomHistoryCommand.h"
#include "rooms/RoomMessageCommand.h"
#include "rooms/RoomsCommand.h"
#include "session/HelpCommand.h"
#include "session/LogoutCommand.h"
#include "session/UdpPortCommand.h"

namespace toom {

void registerCoreCommands(CommandRegistry& registry) {
    // Session.
    registry.add<UdpPortCommand>();
    registry.add<LogoutCommand>();
    registry.add<HelpCommand>(&registry);
    // Presence.
    registry.add<WhoCommand>();
    registry.add<WhoElseSinceCommand>();
    // Public board.
    registry.add<PostCommand>();
    registry.add<EditPostCommand>();
    registry.add<DeletePostCommand>();
    registry.add<ReadBoardCommand>();
    // Private messages and blocks.
    registry.add<PrivateMessageCommand>();
    registry.add<BlockCommand>();
    registry.add<UnblockCommand>();
    registry.add<BlockListCommand>();
    // Separate rooms and named groups.
    registry.add<CreateRoomCommand>();
    registry.add<RoomMessageCommand>();
    registry.add<CreateGroupCommand>();
    registry.add<JoinGroupCommand>();
    registry.add<GroupMessageCommand>();
    registry.add<RoomsCommand>();
    registry.add<LeaveRoomCommand>();
    registry.add<RoomHistoryCommand>();
    registry.add<SendFileCommand>();
    registry.add<StartPrivateCommand>();
    registry.add<AcceptPrivateCommand>();
    registry.add<DeclinePrivateCommand>();
    registry.add<PrivateCommand>();
    registry.add<StopPrivateCommand>();
}

} // namespace toom
