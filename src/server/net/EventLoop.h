#pragma once
// One event-loop thread serving many connections through epoll (muduo's one loop per thread).
//
// A connection belongs to one loop for its whole life, and only that loop's thread calls it
// (LoopConnection::handle), so a connection's state needs no lock. Other threads reach a
// connection only through its Session: a push or a close request tells the owning loop
// (SessionOwner::sessionReady), which queues the session in its inbox and wakes the loop with
// one eventfd write when the inbox was empty, so a burst of deliveries from another loop costs
// one wake-up, not one per message. A push made on the loop's own thread (a message from one
// of its users to another) skips the inbox and the wake-up.
//
// One turn: wait in epoll_wait (until the earliest wake-up time a connection asked for); note
// what each ready descriptor reported; take the inbox (new connections, notified sessions);
// note the timers that are due; then call each connection that something happened to, once,
// with everything that happened to it. A connection writes what it has in that call, so all
// the lines queued for it during a turn leave in one send().

#include "common/Mutex.h"
#include "common/WakeUp.h"
#include "server/net/LoopConnection.h"
#include "server/net/Session.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace Poco {
class Logger;
}

namespace toom {

class EventLoop final : public SessionOwner {
public:
    /// `name` names the thread (for top -H and logs).
    EventLoop(std::string name, Poco::Logger& log);
    /// Stops the loop (see stop()).
    ~EventLoop() override;

    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    /// Starts the thread. Throws std::system_error if epoll is not available.
    void start();

    /// Ends the thread: connections still open are abandoned (LoopConnection::abandon) and
    /// destroyed on it. Any thread but the loop's own; idempotent.
    void stop() TOOM_EXCLUDES(_inboxMutex);

    /// Hands `connection` to this loop; from here on only the loop's thread touches it. Any
    /// thread. Its session is told to report to this loop. Refused (destroyed here) once the
    /// loop is stopping: returns false then.
    bool adopt(std::unique_ptr<LoopConnection> connection) TOOM_EXCLUDES(_inboxMutex);

    // SessionOwner (any thread).
    void sessionReady(Session& session) override TOOM_EXCLUDES(_inboxMutex);

    /// Connections this loop serves now (adopted and not finished).
    std::size_t connectionCount() const { return _connectionCount.load(); }

    /// The loop turns run so far, and the times a thread woke the loop (for tests of batching).
    std::uint64_t turns() const { return _turns.load(); }
    std::uint64_t wakeUps() const { return _wakeUps.load(); }

private:
    using SteadyTime = std::chrono::steady_clock::time_point;

    /// One connection and what the loop knows of it.
    struct Slot {
        std::unique_ptr<LoopConnection> connection;
        LoopEvents pending;        ///< Collected this turn, not yet handed over.
        bool touched = false;      ///< In _touched this turn.
        std::uint32_t watched = 0; ///< The epoll events registered now.
        std::optional<SteadyTime> wakeAt;
    };

    void run();
    /// One turn; false when the loop should end.
    bool turn();
    int timeoutMillis(SteadyTime now) const;
    void takeInbox() TOOM_EXCLUDES(_inboxMutex);
    void adoptNow(std::unique_ptr<LoopConnection> connection);
    /// Queues `slot` for this turn's calls (once per turn).
    void touch(Slot& slot);
    void noticeSession(Session* session);
    void callTouched(SteadyTime now);
    /// Applies what the connection asked for; destroys it when finished.
    void apply(Slot& slot, const LoopInterest& interest);
    void destroy(Slot& slot);
    void abandonAll();

    const std::string _name;
    Poco::Logger& _log;
    int _epoll = -1;
    WakeUp _wake;
    std::thread _thread;
    std::atomic<bool> _running{false};

    Mutex _inboxMutex;
    std::vector<std::unique_ptr<LoopConnection>> _arriving TOOM_GUARDED_BY(_inboxMutex);
    /// Sessions that pushed or asked to close since the last turn took the inbox. Raw pointers
    /// used only as keys: a session that is gone by the time the loop looks is not in
    /// _bySession any more, and one that came back at the same address only gets a spare call.
    std::vector<Session*> _ready TOOM_GUARDED_BY(_inboxMutex);
    bool _stopping TOOM_GUARDED_BY(_inboxMutex) = false;

    // The loop thread's own.
    std::unordered_map<LoopConnection*, std::unique_ptr<Slot>> _slots;
    std::unordered_map<Session*, Slot*> _bySession;
    /// Connections to call this turn, by key (see callTouched).
    std::vector<LoopConnection*> _touched;
    std::vector<Session*> _readyTaken;
    std::set<std::pair<SteadyTime, Slot*>> _timers;
    std::atomic<std::size_t> _connectionCount{0};
    std::atomic<std::uint64_t> _turns{0};
    std::atomic<std::uint64_t> _wakeUps{0};
};

} // namespace toom
