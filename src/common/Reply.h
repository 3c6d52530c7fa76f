#pragma once
// The reply to one request: zero or more DATA rows, then exactly one OK or FAIL line.
//
// The rows of a reply are bounded in bytes: a command that lists things builds each row with
// newRow(), offers it with add(), and stops at the first refusal, saying in its final line how
// much it left out (`more=`). So no reply, however large the board or the user list, can outgrow
// the connection's send queue (toom.max_reply_bytes; see ServerSettings).

#include "common/ServerLine.h"

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace toom {

class Reply {
public:
    static constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();

    /// `verb` is the command's canonical name, repeated on every line of the reply. The rows may
    /// take at most `rowBudget` bytes on the wire (newlines included); the final line is not
    /// counted.
    explicit Reply(std::string verb, std::size_t rowBudget = kUnlimited);

    /// A DATA line of this reply's verb, not yet part of it: fill it in, then add() it.
    ServerLine newRow() const;

    /// Appends `row` when it fits in what is left of the byte budget and returns true. A row
    /// that does not fit is dropped, counted in leftOut(), and every later row is refused too,
    /// so the rows shown are always a prefix of what the command meant to list. The first row
    /// is always taken, however long, so that every reply makes progress.
    bool add(ServerLine row);

    /// Rows refused by add() because the budget was spent.
    std::size_t leftOut() const { return _leftOut; }

    /// True once add() has refused a row.
    bool full() const { return _leftOut > 0; }

    /// Bytes the rows take on the wire so far.
    std::size_t rowBytes() const { return _rowBytes; }

    /// Makes the reply a success and returns its final line (OK unless set otherwise).
    ServerLine& ok();

    /// Makes the reply a failure with `code`; rows added so far are dropped, since a failed
    /// request returns no data (and so is the count of rows left out).
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
    std::size_t _rowBudget;
    std::vector<ServerLine> _rows;
    std::size_t _rowBytes = 0;
    std::size_t _leftOut = 0;
    ServerLine _final;
};

} // namespace toom
