#pragma once
// HISTORY (Toom): HISTORY <roomID | group name> <d Mmm yyyy hh:mm:ss> reads one room's
// messages later than the time (joined members only), at most board.max_read_rows.
// HISTORY <roomID | group name> alone reads its latest board.recent_rows messages, and
// HISTORY @<user> the latest private messages with that user (messages/PrivateHistory.h).
//
// Reply: DATA HISTORY room= n= from= ts= text= per message; OK count= more=0|1.

#include "commands/Command.h"

namespace toom {

class RoomHistoryCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
