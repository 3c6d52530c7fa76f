#include "commands/peer/SendFileCommand.h"

#include "commands/peer/PeerTarget.h"
#include "common/ByteSize.h"
#include "common/Hex.h"
#include "common/Protocol.h"

#include <charconv>

namespace toom {

namespace {
std::optional<std::uint64_t> parseSize(const std::string& text) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

/// The digest in lower case, or nothing unless it is 64 hex digits.
std::optional<std::string> parseSha256(const std::string& text) {
    auto bytes = text.size() == 64 ? fromHex(text) : std::nullopt;
    if (!bytes)
        return std::nullopt;
    return toHex(bytes->data(), bytes->size());
}

} // namespace

bool isPlainFileName(const std::string& name) {
    if (name.empty() || name.size() > 255 || name == "." || name == "..")
        return false;
    for (unsigned char c : name) {
        if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

CommandSpec SendFileCommand::spec() {
    return {
        .canonical = "SENDFILE",
        .names = {{"SENDFILE", Dialect::Toom}, {"UPD", Dialect::B}, {"/p2pvideo", Dialect::D}},
        .syntax = "<user> <file>",
        .summary = "send a file straight to an online user's client (over UDP; the server only "
                   "introduces you)",
        .minArgs = 2,
        .maxArgs = 4,
    };
}

void SendFileCommand::execute(CommandContext& ctx) {
    std::string audience = ctx.arg(0);
    const std::string& file = ctx.arg(1);
    PeerRefusals refusals{"Error. Cannot send a file to yourself",
                          "Your file could not be sent as " + audience + " has blocked you",
                          audience + "'s client cannot receive files", audience + " is offline"};
    auto peer = reachablePeer(ctx, audience, PeerPort::Udp, refusals);
    if (!peer)
        return;
    audience = peer->username; // The stored spelling, whatever case was typed.
    if (!isPlainFileName(file)) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", "file")
            .say("Error. The file name must be a plain name, without directories");
        return;
    }
    if (ctx.argCount() < 4) {
        ctx.reply.fail(err::kNeedsClient)
            .say("Error. Sending a file needs toom-client, which reads the file and sends its "
                 "size and SHA-256 digest");
        return;
    }
    const auto size = parseSize(ctx.arg(2));
    const auto sha256 = parseSha256(ctx.arg(3));
    if (!size || !sha256) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", size ? "sha256" : "size")
            .say(size ? "Error. The digest must be 64 hex digits"
                      : "Error. The size must be a number of bytes");
        return;
    }
    if (*size > ctx.settings().maxFileOfferBytes) {
        ctx.reply.fail(err::kFileTooLarge)
            .with("max_bytes", static_cast<std::int64_t>(ctx.settings().maxFileOfferBytes))
            .say("Error. " + file + " is larger than this server allows (" +
                 formatByteSize(ctx.settings().maxFileOfferBytes) + ")");
        return;
    }

    const std::string token = ctx.services.peers.newToken();
    ServerLine offer = ServerLine::event(std::string(ev::kFileOffer));
    offer.with("from", ctx.user())
        .with("file", file)
        .with("size", static_cast<std::int64_t>(*size))
        .with("sha256", *sha256)
        .with("token", token)
        .with("address", ctx.session.address())
        .say(ctx.user() + " is sending you " + file + " (" + formatByteSize(*size) + ")");
    if (!ctx.services.messenger.sendTo(audience, offer)) {
        ctx.reply.fail(err::kUserOffline).with("user", audience).say(refusals.offline);
        return;
    }
    ctx.reply.ok()
        .with("to", audience)
        .with("address", peer->address)
        .with("udp_port", peer->udpPort)
        .with("file", file)
        .with("size", static_cast<std::int64_t>(*size))
        .with("token", token)
        .say("Sending " + file + " to " + audience);
    ctx.audit("%s sends %s (%s bytes) to %s", ctx.user(), file, std::to_string(*size), audience);
}

} // namespace toom
