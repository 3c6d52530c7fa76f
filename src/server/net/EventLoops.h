#pragma once
// The server's fixed set of event loops (one per core by default) and the round-robin choice
// of the loop that serves a new connection.

#include "server/net/EventLoop.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace Poco {
class Logger;
}

namespace toom {

class EventLoops {
public:
    /// `count` loops; 0 means one per core.
    EventLoops(std::size_t count, Poco::Logger& log);
    ~EventLoops();

    EventLoops(const EventLoops&) = delete;
    EventLoops& operator=(const EventLoops&) = delete;

    void start();
    /// Stops every loop; connections still open are abandoned. Idempotent.
    void stop();

    /// Hands `connection` to the next loop in turn; false (and it is abandoned) once stopping.
    bool adopt(std::unique_ptr<LoopConnection> connection);

    std::size_t size() const { return _loops.size(); }
    EventLoop& at(std::size_t index) { return *_loops.at(index); }
    /// Connections served now, over all loops.
    std::size_t connectionCount() const;

private:
    std::vector<std::unique_ptr<EventLoop>> _loops;
    std::atomic<std::size_t> _next{0};
};

} // namespace toom
