#include "server/net/EventLoops.h"

#include <algorithm>
#include <string>
#include <thread>

namespace toom {

EventLoops::EventLoops(std::size_t count, Poco::Logger& log) {
    if (count == 0)
        count = std::max(1U, std::thread::hardware_concurrency());
    for (std::size_t i = 0; i < count; ++i)
        _loops.push_back(std::make_unique<EventLoop>("toom-loop-" + std::to_string(i), log));
}

EventLoops::~EventLoops() {
    stop();
}

void EventLoops::start() {
    for (auto& loop : _loops)
        loop->start();
}

void EventLoops::stop() {
    for (auto& loop : _loops)
        loop->stop();
}

bool EventLoops::adopt(std::unique_ptr<LoopConnection> connection) {
    // Round robin, not "least loaded": connections come and go at random, so the loops stay
    // within a few percent of each other, and the choice costs one atomic increment.
    const std::size_t index = _next.fetch_add(1, std::memory_order_relaxed) % _loops.size();
    return _loops[index]->adopt(std::move(connection));
}

std::size_t EventLoops::connectionCount() const {
    std::size_t total = 0;
    for (const auto& loop : _loops)
        total += loop->connectionCount();
    return total;
}

} // namespace toom
