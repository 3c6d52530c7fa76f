#include "server/store/StoreWriter.h"

#include "server/store/SqliteStore.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <exception>
#include <utility>

namespace toom {

namespace {
thread_local StoreWriter::Ticket tLastTicket = 0;

// How many failed tickets are remembered for whenCommitted(). A waiter is answered in the
// batch that commits its last ticket, so only failures of the last few batches matter.
constexpr std::size_t kFailuresKept = 1024;

/// What one batch does to one text file: an optional replacement, then lines to append.
struct FileWrite {
    bool replace = false;
    std::string text;
};
} // namespace

StoreWriter::StoreWriter(SqliteStore& store, Poco::Logger& log, Limits limits)
    : _store(store)
    , _log(log)
    , _limits(limits)
    , _thread([this] { run(); }) {}

StoreWriter::~StoreWriter() {
    stop();
}

StoreWriter::Ticket StoreWriter::lastOnThisThread() {
    return tLastTicket;
}

StoreWriter::Ticket StoreWriter::submit(Job job, std::size_t bytes) {
    Entry entry;
    entry.kind = Entry::Kind::Job;
    entry.job = std::move(job);
    entry.bytes = bytes;
    return enqueue(std::move(entry));
}

void StoreWriter::append(const std::string& path, std::string lines) {
    enqueueFileWrite(Entry::Kind::Append, path, std::move(lines));
}

void StoreWriter::replace(const std::string& path, std::string content) {
    enqueueFileWrite(Entry::Kind::Replace, path, std::move(content));
}

void StoreWriter::enqueueFileWrite(Entry::Kind kind, const std::string& path, std::string text) {
    Entry entry;
    entry.kind = kind;
    entry.path = path;
    entry.bytes = text.size();
    entry.text = std::move(text);
    enqueue(std::move(entry));
}

StoreWriter::Ticket StoreWriter::enqueue(Entry entry) {
    MutexLock lock(_mutex);
    if (_stopped) {
        // Nothing runs any more to take it: do it here, alone (the shutdown's last writes).
        entry.ticket = ++_lastTicket;
        std::vector<Entry> batch;
        batch.push_back(std::move(entry));
        const Ticket ticket = batch.back().ticket;
        lock.unlock();
        {
            // One batch at a time on the store, as the writer's thread did.
            MutexLock inline_(_inlineMutex);
            write(batch);
        }
        Ticket seen = _committed.load();
        while (seen < ticket && !_committed.compare_exchange_weak(seen, ticket)) {
        }
        tLastTicket = ticket;
        return ticket;
    }
    // Back-pressure: wait for room, unless the queue is empty (one write larger than the byte
    // bound must still go through).
    while (!_queue.empty() &&
           (_queue.size() >= _limits.maxJobs || _queuedBytes + entry.bytes > _limits.maxBytes))
        _space.wait(_mutex);
    entry.ticket = ++_lastTicket;
    const Ticket ticket = entry.ticket;
    _queuedBytes += entry.bytes;
    const bool wasEmpty = _queue.empty();
    _queue.push_back(std::move(entry));
    if (wasEmpty)
        _wake.notifyOne();
    tLastTicket = ticket;
    return ticket;
}

void StoreWriter::flush() {
    Ticket last = 0;
    {
        MutexLock lock(_mutex);
        last = _lastTicket;
    }
    waitFor(last);
}

void StoreWriter::waitFor(Ticket ticket) {
    if (_committed.load() >= ticket)
        return;
    MutexLock lock(_mutex);
    while (_committed.load() < ticket)
        _batchCommitted.wait(_mutex);
}

void StoreWriter::whenCommitted(Ticket after, Ticket last, CommitCallback callback) {
    MutexLock lock(_mutex);
    if (_committed.load() >= last) {
        const bool ok = !failedBetween(after, last);
        lock.unlock();
        callback(ok);
        return;
    }
    _waiters.emplace(last, Waiter{after, std::move(callback)});
}

bool StoreWriter::failedBetween(Ticket after, Ticket last) const {
    return std::any_of(_failed.begin(), _failed.end(),
                       [&](Ticket failed) { return failed > after && failed <= last; });
}

void StoreWriter::stop() {
    {
        MutexLock lock(_mutex);
        if (_stopping)
            return;
        _stopping = true;
        _wake.notifyAll();
    }
    if (_thread.joinable())
        _thread.join();
}

StoreWriter::Stats StoreWriter::stats() const {
    MutexLock lock(_mutex);
    return _stats;
}

void StoreWriter::run() {
    std::vector<Entry> batch;
    for (;;) {
        std::vector<std::pair<Waiter, bool>> answered;
        {
            MutexLock lock(_mutex);
            while (_queue.empty() && !_stopping)
                _wake.wait(_mutex);
            if (_queue.empty()) {
                _stopped = true; // Stopping, and everything before is committed.
                return;
            }
            const std::size_t count = std::min(_queue.size(), _limits.maxBatch);
            batch.clear();
            for (std::size_t i = 0; i < count; ++i) {
                _queuedBytes -= _queue.front().bytes;
                batch.push_back(std::move(_queue.front()));
                _queue.pop_front();
            }
            _space.notifyAll();
        }

        const std::vector<Ticket> failed = write(batch);
        const Ticket last = batch.back().ticket;

        MutexLock lock(_mutex);
        _stats.batches += 1;
        _stats.writes += batch.size();
        _stats.failures += failed.size();
        for (Ticket ticket : failed) {
            _failed.push_back(ticket);
            if (_failed.size() > kFailuresKept)
                _failed.pop_front();
        }
        _committed.store(last);
        _batchCommitted.notifyAll();
        const auto end = _waiters.upper_bound(last);
        for (auto it = _waiters.begin(); it != end; ++it) {
            const bool ok = !failedBetween(it->second.after, it->first);
            answered.emplace_back(std::move(it->second), ok);
        }
        _waiters.erase(_waiters.begin(), end);
        lock.unlock();
        // Outside the lock: a callback may submit, or take its own locks.
        for (auto& [waiter, ok] : answered)
            waiter.callback(ok);
    }
}

std::vector<StoreWriter::Ticket> StoreWriter::write(std::vector<Entry>& batch) {
    std::vector<Ticket> failed;
    const bool anyJob = std::any_of(batch.begin(), batch.end(),
                                    [](const Entry& e) { return e.kind == Entry::Kind::Job; });
    if (anyJob) {
        try {
            _store.beginBatch();
            for (Entry& entry : batch) {
                if (entry.kind != Entry::Kind::Job)
                    continue;
                _store.beginWrite();
                bool keep = true;
                try {
                    entry.job(_store);
                } catch (const std::exception& e) {
                    // Undone alone (its savepoint); the rest of the batch goes on.
                    keep = false;
                    failed.push_back(entry.ticket);
                    _log.error("store write %Lu failed: %s", entry.ticket, std::string(e.what()));
                }
                _store.endWrite(keep);
                entry.job = nullptr; // Frees what it captured now, not at the next batch.
            }
            _store.commitBatch();
        } catch (const std::exception& e) {
            // The batch could not be opened or committed (commitBatch rolled it back): none of
            // its writes is durable.
            _log.error("store batch of %z writes failed: %s", batch.size(), std::string(e.what()));
            failed.clear();
            for (const Entry& entry : batch) {
                if (entry.kind == Entry::Kind::Job)
                    failed.push_back(entry.ticket);
            }
        }
    }

    // The text logs after the commit: a line is never on disk for a message the store lost.
    // One write per file per batch, in the order the writes were submitted.
    std::vector<std::pair<std::string, FileWrite>> files;
    for (Entry& entry : batch) {
        if (entry.kind == Entry::Kind::Job)
            continue;
        auto it = std::find_if(files.begin(), files.end(),
                               [&](const auto& file) { return file.first == entry.path; });
        if (it == files.end()) {
            files.emplace_back(entry.path, FileWrite{});
            it = files.end() - 1;
        }
        if (entry.kind == Entry::Kind::Replace) {
            it->second.replace = true;
            it->second.text = std::move(entry.text);
        } else {
            it->second.text += entry.text;
        }
    }
    for (const auto& [path, file] : files) {
        try {
            if (file.replace)
                replaceNow(path, file.text);
            else
                appendNow(path, file.text);
        } catch (const std::exception& e) {
            _log.error("writing %s failed: %s", path, std::string(e.what()));
        }
    }
    return failed;
}

} // namespace toom
