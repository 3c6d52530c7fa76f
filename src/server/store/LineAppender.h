#pragma once
// Where the seed text logs (messagelog.txt, room logs, boardlog.txt) send their writes.
//
// The logs only format lines; an appender decides when they reach the disk. In the server that
// is the StoreWriter, which writes them right after the database commit that stored the same
// messages, all lines of one batch for one file in one write. direct() writes at once, for the
// tools and the tests that use a log on its own.

#include <string>

namespace toom {

class LineAppender {
public:
    virtual ~LineAppender() = default;

    /// Appends `lines` (complete lines, each ending in '\n'; may be empty, which only creates
    /// the file) to the file at `path`. Writes to one path keep their order.
    virtual void append(const std::string& path, std::string lines) = 0;

    /// Replaces the whole file at `path` with `content`, through a temporary file renamed over
    /// it (a reader sees the old file or the new one, never half). Ordered with the appends.
    virtual void replace(const std::string& path, std::string content) = 0;

    /// An appender that writes at once, on the caller's thread.
    static LineAppender& direct();

    /// The two writes themselves, for appenders that do them later.
    static void appendNow(const std::string& path, const std::string& lines);
    static void replaceNow(const std::string& path, const std::string& content);
};

} // namespace toom
