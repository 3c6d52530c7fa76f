#pragma once
// The checks every brokered peer-to-peer command makes on the user named as the other end:
// it exists, is not the caller, is online, has not blocked the caller, and announced the port
// the feature needs. One place, so UPD and startprivate refuse alike.

#include "commands/Command.h"
#include "models/Presence.h"

#include <optional>
#include <string>

namespace toom {

/// Which of the peer's announced ports the command needs.
enum class PeerPort {
    Udp, ///< file transfer
    Chat ///< direct private chat (TCP)
};

/// The wording of the refusals, which differs between the features.
struct PeerRefusals {
    std::string self;    ///< e.g. "Error. Cannot send a file to yourself"
    std::string blocked; ///< e.g. "Your file could not be sent as obiwan has blocked you"
    std::string noPort;  ///< e.g. "obiwan's client cannot receive files"
    std::string offline; ///< e.g. "obiwan is offline"
};

/// The online entry of `name` when the caller may reach them over `port`; otherwise fills
/// ctx.reply with the refusal (UNKNOWN_USER, SELF, USER_OFFLINE, BLOCKED, NO_PEER_PORT) and
/// returns nothing.
std::optional<OnlineUser> reachablePeer(CommandContext& ctx, const std::string& typed,
                                        PeerPort port, const PeerRefusals& refusals);

} // namespace toom
