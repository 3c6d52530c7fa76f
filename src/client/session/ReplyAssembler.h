#pragma once
// Sorts the parsed server lines into complete replies and events: DATA rows are collected until
// the OK/FAIL line that ends them; EVENT lines pass straight through.

#include "client/session/ServerReply.h"

#include <optional>
#include <variant>

namespace toom::client {

/// Incremental reply assembly; feed every server line in arrival order.
class ReplyAssembler {
public:
    /// Nothing yet (a DATA row was stored), a finished reply, or an event to route now.
    using Output = std::variant<std::monostate, ServerReply, ServerLine>;

    /// Consumes one line. HELLO, OK and FAIL finish a reply (with the rows collected so far);
    /// DATA is stored; EVENT is returned as is, even in the middle of DATA rows.
    Output feed(ServerLine line);

    /// DATA rows waiting for their final line.
    std::size_t pendingRows() const { return _rows.size(); }

private:
    std::vector<ServerLine> _rows;
};

} // namespace toom::client
