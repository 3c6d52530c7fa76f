#pragma once
// MONITOR (Toom, after IRC's MONITOR): follow the presence of given users. In the default
// profile "X logged in/out" reaches only those who share a room or group with X and those
// who follow X; MONITOR is how to hear about anyone else. The list lasts as long as the
// session (as in IRC).
//
//   MONITOR + <user>[,<user>...]   follow (all or nothing: at most MonitorService::limit())
//   MONITOR - <user>[,<user>...]   stop following
//   MONITOR C                      stop following everyone
//   MONITOR L                      what is followed
//   MONITOR S  (or MONITOR alone)  what is followed, with who is online
// The sign may touch the names ("MONITOR +yoda,luke"); names are separated by commas.
//
// Reply to +, S and alone: one DATA row per name, fields user and state (online|offline); to
// L: rows with user only; OK count=N limit=M. A user who has blocked the caller is shown
// offline, as WHO does not list them. Too many names: FAIL LIMIT_REACHED limit=M.

#include "commands/Command.h"

namespace toom {

class MonitorCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
