#pragma once
// EDT (B), EDIT (Toom): EDT <n> <timestamp> <message> replaces the text of board post n.
// Only its author may, giving the post's current timestamp; the number stays, the time
// becomes now and the post is marked edited. Others online see the change.
// Where short forms are allowed (the default profile), EDIT <n> <message> does the same
// without the timestamp; a text that starts with a time reads as the timestamped form.
//
// Reply: OK n= ts= :Message #3 edited at <time>.
// Errors: UNKNOWN_MESSAGE, FORBIDDEN ("Unauthorised to edit Message #3."), TIMESTAMP_MISMATCH,
//         BAD_TIMESTAMP, INVALID_ARGUMENT (the number).

#include "commands/Command.h"

namespace toom {

class EditPostCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
