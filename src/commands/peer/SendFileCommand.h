#pragma once
// UPD (B, C), /p2pvideo (D), SENDFILE (Toom): <user> <file> [<size> <sha256>] offers a file to
// an online user. The server never sees the file: toom-client reads its size and SHA-256 and
// sends them along; the server checks the audience, mints a one-time token bound to presenter,
// audience, file name and size, tells the audience (FILE_OFFER event), and answers with where
// to send it. The audience's client accepts datagrams only for offers announced this way.
//
// Reply: OK to= address= udp_port= file= size= token=  "Sending <file> to <user>"
// Event to the audience: FILE_OFFER from= file= size= sha256= token= address=
// Errors: UNKNOWN_USER, SELF, USER_OFFLINE ("obiwan is offline"), BLOCKED, NO_PEER_PORT,
//         INVALID_ARGUMENT (file name, size or digest), NEEDS_CLIENT (no size/digest: typed
//         by hand), FILE_TOO_LARGE (over p2p.max_file_mb).

#include "commands/Command.h"

namespace toom {

class SendFileCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

/// True for a file name the audience can save: not empty, at most 255 bytes, no '/' or '\',
/// not "." or "..", no control characters.
bool isPlainFileName(const std::string& name);

} // namespace toom
