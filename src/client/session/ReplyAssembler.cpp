#include "client/session/ReplyAssembler.h"

namespace toom::client {

ReplyAssembler::Output ReplyAssembler::feed(ServerLine line) {
    switch (line.kind()) {
    case LineKind::Event:
        // The protocol never puts an event inside a reply, but if a server did, the event is
        // still shown at once and the reply keeps collecting.
        return line;
    case LineKind::Data:
        _rows.push_back(std::move(line));
        return std::monostate{};
    case LineKind::Hello:
    case LineKind::Ok:
    case LineKind::Fail:
        break;
    }
    ServerReply reply;
    reply.rows = std::move(_rows);
    _rows.clear();
    reply.final = std::move(line);
    return reply;
}

} // namespace toom::client
