#pragma once
// One complete reply from the server: the DATA rows of a request followed by its final OK or
// FAIL line (or the HELLO greeting, which answers the connection itself).

#include "common/ServerLine.h"

#include <string>
#include <vector>

namespace toom::client {

struct ServerReply {
    std::vector<ServerLine> rows; ///< DATA lines, in order.
    ServerLine final;             ///< The OK, FAIL or HELLO line that ends the reply.

    /// True for an OK (or HELLO) final line.
    bool ok() const { return final.kind() == LineKind::Ok || final.kind() == LineKind::Hello; }

    /// True for a FAIL final line.
    bool failed() const { return final.kind() == LineKind::Fail; }

    /// The final line's verb ("USER", "LOGOUT", ...).
    const std::string& verb() const { return final.verb(); }

    /// The FAIL code, empty for OK.
    const std::string& code() const { return final.code(); }

    /// Lines to show the user: each DATA text, then the final text, skipping empty ones.
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& row : rows) {
            if (!row.text().empty())
                out.push_back(row.text());
        }
        if (!final.text().empty())
            out.push_back(final.text());
        return out;
    }
};

} // namespace toom::client
