#include "CoreCommands.h"

#include "blocks/BlockCommand.h"
#include "blocks/BlockListCommand.h"
#include "blocks/UnblockCommand.h"
#include "board/DeletePostCommand.h"
#include "board/EditPostCommand.h"
#include "board/PostCommand.h"
#include "board/ReadBoardCommand.h"
#include "messages/PrivateMessageCommand.h"
#include "presence/WhoCommand.h"
#include "presence/WhoElseSinceCommand.h"
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
}

} // namespace toom
