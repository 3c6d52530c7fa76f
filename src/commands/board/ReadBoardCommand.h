#pragma once
// RDM (B and C), READ (Toom): posts later than a timestamp, or the latest.
//   RDM <timestamp>             board posts (B)
//   RDM b <timestamp>           board posts (C)
//   RDM s [<room>] <timestamp>  messages of every separate room you are in, grouped by room,
//                               or of one room (C)
//   READ, READ b, READ s [<room>]  without the timestamp, where short forms are allowed (the
//                               default profile): the latest board.recent_rows posts (or
//                               messages of each room), in order
// Timestamps are "d Mmm yyyy hh:mm:ss" (day padded or not); "later" is strictly later, to the
// second. At most board.max_read_rows rows; the reply says how many more matched (for the
// latest: how many earlier ones were left out).
//
// Reply: DATA READ n= user= ts= edited= text= per post; OK count= more=; "no new message".

#include "commands/Command.h"

namespace toom {

class ReadBoardCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
