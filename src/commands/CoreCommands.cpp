#include "commands/CoreCommands.h"

#include "commands/AuditTrail.h"
#include "commands/blocks/BlockCommand.h"
#include "commands/blocks/BlockListCommand.h"
#include "commands/blocks/UnblockCommand.h"
#include "commands/board/DeletePostCommand.h"
#include "commands/board/EditPostCommand.h"
#include "commands/board/PostCommand.h"
#include "commands/board/ReadBoardCommand.h"
#include "commands/messages/PrivateMessageCommand.h"
#include "commands/peer/AnswerPrivateCommand.h"
#include "commands/peer/PrivateCommand.h"
#include "commands/peer/SendFileCommand.h"
#include "commands/peer/StartPrivateCommand.h"
#include "commands/peer/StopPrivateCommand.h"
#include "commands/presence/MonitorCommand.h"
#include "commands/presence/WhoCommand.h"
#include "commands/presence/WhoElseSinceCommand.h"
#include "commands/rooms/CreateGroupCommand.h"
#include "commands/rooms/CreateRoomCommand.h"
#include "commands/rooms/GroupMessageCommand.h"
#include "commands/rooms/JoinCommand.h"
#include "commands/rooms/JoinGroupCommand.h"
#include "commands/rooms/LeaveRoomCommand.h"
#include "commands/rooms/RoomHistoryCommand.h"
#include "commands/rooms/RoomMessageCommand.h"
#include "commands/rooms/RoomsCommand.h"
#include "commands/rooms/TopicCommand.h"
#include "commands/session/HelpCommand.h"
#include "commands/session/LogoutCommand.h"
#include "commands/session/UdpPortCommand.h"

namespace toom {

void registerCoreCommands(CommandRegistry& registry) {
    registry.addObserver(std::make_unique<AuditTrail>());
    // Session.
    registry.add<UdpPortCommand>();
    registry.add<LogoutCommand>();
    registry.add<HelpCommand>(&registry);
    // Presence.
    registry.add<WhoCommand>();
    registry.add<WhoElseSinceCommand>();
    registry.add<MonitorCommand>();
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
    registry.add<JoinCommand>();
    registry.add<TopicCommand>();
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
