#include "p2p/chat/Notices.h"

#include <utility>

namespace toom::p2p::chat {

Notices::Notices(Printer print)
    : _print(std::move(print)) {}

void Notices::queue(std::string line) {
    MutexLock lock(_mutex);
    _lines.push_back(std::move(line));
    ++_queuedCount;
}

void Notices::flush() {
    MutexLock lock(_mutex);
    const std::uint64_t target = _queuedCount;
    while (_printedCount < target) {
        if (_printing) {
            // Another thread is printing a batch; ours follow it, in order.
            _printed.wait(_mutex);
            continue;
        }
        // One printer at a time, batches taken oldest first: the order of queue() is kept.
        _printing = true;
        std::deque<std::string> batch;
        batch.swap(_lines);
        lock.unlock();
        for (const auto& line : batch) {
            try {
                _print(line);
            } catch (...) {
                // A printer that throws loses its line, not the ones after it.
            }
        }
        lock.lock();
        _printedCount += batch.size();
        _printing = false;
        _printed.notifyAll();
    }
}

} // namespace toom::p2p::chat
