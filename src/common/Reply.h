#pragma once
// The reply to one request: zero or more DATA rows, then exactly one OK or FAIL line.

#include "common/ServerLine.h"

#include <string>
#include <string_view>
#include <vector>

namespace toom {

class Reply {
public:
    /// `verb` is the command's canonical name, repeated on every line of the reply.
    explicit Reply(std::string verb);

    /// Appends a DATA row and returns it for fields and text.
    ServerLine& row();

    /// Makes the reply a success and returns its final line (OK unless set otherwise).
    ServerLine& ok();

    /// Makes the reply a failure with `code`; rows added so far are dropped, since a failed
    /// request returns no data.
    ServerLine& fail(std::string_view code);

    bool failed() const { return _final.kind() == LineKind::Fail; }
    const std::string& verb() const { return _verb; }
    const std::vector<ServerLine>& rows() const { return _rows; }
    const ServerLine& final() const { return _final; }

    /// Rows then the final line.
    std::vector<ServerLine> lines() const;

    /// The reply as sent: every line followed by '\n'.
    std::string wire() const;

private:
    std::string _verb;
    std::vector<ServerLine> _rows;
    ServerLine _final;
};

} // namespace toom
