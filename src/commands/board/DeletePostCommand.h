#pragma once
// DLT (B), DELETE (Toom): DLT <n> <timestamp> deletes board post n. Only its author may,
// giving the post's timestamp; later posts move up by one. Others online see the change.
// Where short forms are allowed (the default profile), DELETE <n> does the same without the
// timestamp.
//
// Reply: OK n= ts= :Message #4 deleted at <time>.
// Errors: UNKNOWN_MESSAGE, FORBIDDEN ("Unauthorised to delete Message #4."),
//         TIMESTAMP_MISMATCH, BAD_TIMESTAMP, INVALID_ARGUMENT (the number).

#include "commands/Command.h"

namespace toom {

class DeletePostCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
