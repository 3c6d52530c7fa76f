#pragma once
// JOIN (Toom; an IRC user's JOIN #name is this request): join a group by its name, as IRC's
// JOIN joins a channel. A group you were invited to, or an open one, is joined; a name no group
// has yet makes an open group with you in it, its creator (the operator of the IRC channel).
// Variant D's invite-only groups stay closed to the uninvited.
//
// Reply: OK JOIN group= open= creator= members= topic= [topic_by= topic_at=] created=0/1
//        already=0/1 :Joined the group chat <name>
// Errors: INVALID_ARGUMENT argument=name (not a group name), NOT_INVITED (an invite-only
//         group), LIMIT_REACHED max= (the group is full).
// The group's other joined members get EVENT GROUP action=joined.

#include "commands/Command.h"

namespace toom {

class JoinCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
