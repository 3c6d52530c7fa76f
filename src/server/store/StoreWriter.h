#pragma once
// The one thread that writes the store and the seed text logs: group commit.
//
// Any thread submits a write (a job that calls SqliteStore's write methods, or lines for a text
// log) and gets a ticket, numbered in submission order. The writer takes everything submitted
// since its last turn, runs the jobs inside one transaction (each a savepoint: a failing job is
// undone alone), commits once, writes the log lines of the batch (one write per file), and only
// then counts the batch's tickets as committed and tells who waits for them. So "committed"
// means in the database and in the text logs, and a reply held until its request's tickets are
// committed is an acknowledgement that survives kill -9.
//
// There is no timer: while one batch commits, the next one gathers, so a quiet server commits
// each write at once and a busy one commits many per transaction (the SQLite work per write,
// the journal checks and locks of a transaction, is paid once per batch).
//
// Bounded: at most Limits::maxJobs writes or Limits::maxBytes bytes wait. submit() blocks
// beyond that, so an overloaded server slows its event loops (and TCP pushes back on the
// clients) instead of growing the queue.

#include "common/Mutex.h"
#include "server/store/LineAppender.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace Poco {
class Logger;
}

namespace toom {

class SqliteStore;

class StoreWriter final : public LineAppender {
public:
    using Ticket = std::uint64_t;
    using Job = std::function<void(SqliteStore&)>;
    /// Told once the tickets it waits for are committed: `ok` is false when one of them failed
    /// (its write was rolled back, or the batch's commit failed).
    using CommitCallback = std::function<void(bool ok)>;

    struct Limits {
        std::size_t maxJobs = 100'000;           ///< Writes waiting, at most.
        std::size_t maxBytes = 64 * 1024 * 1024; ///< Their bytes (as submitted), at most.
        std::size_t maxBatch = 8192;             ///< Writes per transaction, at most.
    };

    struct Stats {
        std::uint64_t batches = 0;  ///< Transactions committed (or attempted).
        std::uint64_t writes = 0;   ///< Jobs and log writes done.
        std::uint64_t failures = 0; ///< Jobs that threw, plus the writes of failed commits.
    };

    /// Starts the thread. `store` must outlive the writer.
    StoreWriter(SqliteStore& store, Poco::Logger& log, Limits limits);
    explicit StoreWriter(SqliteStore& store, Poco::Logger& log)
        : StoreWriter(store, log, Limits{}) {}
    /// Commits what is queued, then stops.
    ~StoreWriter() override;

    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    /// Queues `job` (`bytes`: roughly what it holds, for the byte bound). Blocks while the queue
    /// is full. Returns its ticket, also remembered as this thread's last (lastOnThisThread).
    /// After stop(), runs the job at once on the caller's thread, alone in its transaction.
    Ticket submit(Job job, std::size_t bytes = 0) TOOM_EXCLUDES(_mutex);

    // LineAppender: queued like a job, written after the batch's commit. Tickets as submit().
    void append(const std::string& path, std::string lines) override;
    void replace(const std::string& path, std::string content) override;

    /// Blocks until every write submitted before the call is committed.
    void flush() TOOM_EXCLUDES(_mutex);

    /// Blocks until `ticket` is committed. Not on the writer's own thread (a job must not wait).
    void waitFor(Ticket ticket) TOOM_EXCLUDES(_mutex);

    /// Calls `callback` once every ticket up to `last` is committed, with ok = no ticket in
    /// (after, last] failed (a failure of another thread's write in that range counts too: the
    /// callback errs on the side of "not saved"). Called on the writer's thread, or at once on
    /// the caller's when `last` is committed already. Must not block.
    void whenCommitted(Ticket after, Ticket last, CommitCallback callback) TOOM_EXCLUDES(_mutex);

    /// The last committed ticket: every ticket up to it is committed.
    Ticket committed() const { return _committed.load(); }

    /// The ticket of the last write this thread submitted (0 for none), so that a caller can see
    /// whether some code it ran wrote anything, and what to wait for: compare before and after.
    static Ticket lastOnThisThread();

    /// Commits what is queued and stops the thread; later submits run at once. Idempotent.
    void stop() TOOM_EXCLUDES(_mutex);

    Stats stats() const TOOM_EXCLUDES(_mutex);

private:
    struct Entry {
        enum class Kind { Job, Append, Replace } kind = Kind::Job;
        Ticket ticket = 0;
        Job job;
        std::string path;
        std::string text;
        std::size_t bytes = 0;
    };
    struct Waiter {
        Ticket after;
        CommitCallback callback;
    };

    Ticket enqueue(Entry entry) TOOM_EXCLUDES(_mutex);
    void enqueueFileWrite(Entry::Kind kind, const std::string& path, std::string text);
    void run() TOOM_EXCLUDES(_mutex);
    /// Runs one batch; returns the tickets that failed.
    std::vector<Ticket> write(std::vector<Entry>& batch);
    bool failedBetween(Ticket after, Ticket last) const TOOM_REQUIRES(_mutex);

    SqliteStore& _store;
    Poco::Logger& _log;
    const Limits _limits;

    mutable Mutex _mutex;
    CondVar _wake;           ///< The writer: work arrived, or stop.
    CondVar _space;          ///< Submitters: the queue has room.
    CondVar _batchCommitted; ///< waitFor(): a batch committed.
    std::deque<Entry> _queue TOOM_GUARDED_BY(_mutex);
    std::size_t _queuedBytes TOOM_GUARDED_BY(_mutex) = 0;
    Ticket _lastTicket TOOM_GUARDED_BY(_mutex) = 0;
    bool _stopping TOOM_GUARDED_BY(_mutex) = false;
    bool _stopped TOOM_GUARDED_BY(_mutex) = false;
    std::multimap<Ticket, Waiter> _waiters TOOM_GUARDED_BY(_mutex); ///< By last ticket.
    /// Recent failed tickets (bounded), for whenCommitted's ok.
    std::deque<Ticket> _failed TOOM_GUARDED_BY(_mutex);
    Stats _stats TOOM_GUARDED_BY(_mutex);
    std::atomic<Ticket> _committed{0};
    /// Serialises the writes made on callers' threads after stop().
    Mutex _inlineMutex;
    std::thread _thread;
};

} // namespace toom
