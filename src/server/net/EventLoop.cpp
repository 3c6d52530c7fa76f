#include "server/net/EventLoop.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <cerrno>
#include <pthread.h>
#include <sys/epoll.h>
#include <system_error>
#include <unistd.h>

namespace toom {

namespace {
constexpr int kMaxEventsPerTurn = 512;
// With nothing to wait for, the loop still looks up now and then (cheap, and a safety net).
constexpr int kIdleTimeoutMillis = 1000;

/// The loop whose thread this is, if any: a push made on it skips the inbox and the wake-up.
thread_local EventLoop* tCurrentLoop = nullptr;

std::uint32_t epollMask(const LoopInterest& interest) {
    std::uint32_t mask = 0;
    if (interest.read)
        mask |= EPOLLIN | EPOLLRDHUP;
    if (interest.write)
        mask |= EPOLLOUT;
    return mask;
}
} // namespace

EventLoop::EventLoop(std::string name, Poco::Logger& log)
    : _name(std::move(name))
    , _log(log) {}

EventLoop::~EventLoop() {
    stop();
    if (_epoll >= 0)
        ::close(_epoll);
}

void EventLoop::start() {
    if (_running.load())
        return;
    _epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (_epoll < 0)
        throw std::system_error(errno, std::generic_category(), "epoll_create1");
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.ptr = nullptr; // The wake-up descriptor is the only one without a slot.
    if (::epoll_ctl(_epoll, EPOLL_CTL_ADD, _wake.fd(), &wake) != 0)
        throw std::system_error(errno, std::generic_category(), "epoll_ctl");
    _running.store(true);
    _thread = std::thread([this] { run(); });
}

void EventLoop::stop() {
    {
        MutexLock lock(_inboxMutex);
        _stopping = true;
    }
    _wake.notify();
    if (_thread.joinable())
        _thread.join();
    _running.store(false);
    // Connections handed over after the thread ended (or to a loop never started).
    std::vector<std::unique_ptr<LoopConnection>> late;
    {
        MutexLock lock(_inboxMutex);
        late.swap(_arriving);
    }
    for (auto& connection : late)
        connection->abandon();
}

bool EventLoop::adopt(std::unique_ptr<LoopConnection> connection) {
    bool wasEmpty = false;
    {
        MutexLock lock(_inboxMutex);
        if (_stopping) {
            connection->abandon();
            return false;
        }
        connection->session().setOwner(this);
        wasEmpty = _arriving.empty() && _ready.empty();
        _arriving.push_back(std::move(connection));
    }
    if (wasEmpty) {
        _wakeUps.fetch_add(1, std::memory_order_relaxed);
        _wake.notify();
    }
    return true;
}

void EventLoop::sessionReady(Session& session) {
    if (tCurrentLoop == this) {
        noticeSession(&session); // Handled later in this same turn.
        return;
    }
    bool wasEmpty = false;
    {
        MutexLock lock(_inboxMutex);
        wasEmpty = _arriving.empty() && _ready.empty();
        _ready.push_back(&session);
    }
    // One wake-up per batch: whoever finds the inbox empty wakes the loop; the rest only queue.
    if (wasEmpty) {
        _wakeUps.fetch_add(1, std::memory_order_relaxed);
        _wake.notify();
    }
}

void EventLoop::run() {
    tCurrentLoop = this;
    ::pthread_setname_np(::pthread_self(), _name.substr(0, 15).c_str());
    try {
        while (turn()) {
        }
    } catch (const std::exception& e) {
        // A bug, not a client's doing: say so loudly; the connections are ended below.
        _log.critical("%s stopped: %s", _name, std::string(e.what()));
    }
    abandonAll();
    tCurrentLoop = nullptr;
}

int EventLoop::timeoutMillis(SteadyTime now) const {
    if (!_touched.empty())
        return 0; // Work carried over from the last turn.
    if (_timers.empty())
        return kIdleTimeoutMillis;
    const auto first = _timers.begin()->first;
    if (first <= now)
        return 0;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(first - now).count();
    return static_cast<int>(std::min<std::int64_t>(left, kIdleTimeoutMillis));
}

bool EventLoop::turn() {
    epoll_event events[kMaxEventsPerTurn];
    const int ready = ::epoll_wait(_epoll, events, kMaxEventsPerTurn,
                                   timeoutMillis(std::chrono::steady_clock::now()));
    if (ready < 0 && errno != EINTR)
        throw std::system_error(errno, std::generic_category(), "epoll_wait");
    _turns.fetch_add(1, std::memory_order_relaxed);
    for (int i = 0; i < ready; ++i) {
        const epoll_event& event = events[i];
        if (event.data.ptr == nullptr) {
            _wake.drain();
            continue;
        }
        Slot& slot = *static_cast<Slot*>(event.data.ptr);
        if (event.events & (EPOLLIN | EPOLLRDHUP))
            slot.pending.readable = true;
        if (event.events & EPOLLOUT)
            slot.pending.writable = true;
        if (event.events & EPOLLERR)
            slot.pending.broken = true;
        if ((event.events & EPOLLHUP) && !(event.events & EPOLLIN))
            slot.pending.broken = true;
        touch(slot);
    }
    takeInbox();
    {
        MutexLock lock(_inboxMutex);
        if (_stopping)
            return false;
    }
    const SteadyTime now = std::chrono::steady_clock::now();
    while (!_timers.empty() && _timers.begin()->first <= now) {
        Slot* slot = _timers.begin()->second;
        _timers.erase(_timers.begin());
        slot->wakeAt.reset();
        slot->pending.timer = true;
        touch(*slot);
    }
    callTouched(now);
    return true;
}

void EventLoop::takeInbox() {
    std::vector<std::unique_ptr<LoopConnection>> arriving;
    _readyTaken.clear();
    {
        MutexLock lock(_inboxMutex);
        arriving.swap(_arriving);
        _readyTaken.swap(_ready);
    }
    for (auto& connection : arriving)
        adoptNow(std::move(connection));
    for (Session* session : _readyTaken)
        noticeSession(session);
}

void EventLoop::adoptNow(std::unique_ptr<LoopConnection> connection) {
    auto slot = std::make_unique<Slot>();
    Slot* raw = slot.get();
    LoopConnection* key = connection.get();
    slot->connection = std::move(connection);
    epoll_event event{};
    event.events = 0; // Nothing until the connection says what it wants (after opening).
    event.data.ptr = raw;
    if (::epoll_ctl(_epoll, EPOLL_CTL_ADD, key->fd(), &event) != 0) {
        _log.error("%s: cannot watch a new connection: %s", _name,
                   std::system_category().message(errno));
        key->session().setOwner(nullptr);
        key->abandon();
        return;
    }
    _bySession[&key->session()] = raw;
    _slots.emplace(key, std::move(slot));
    _connectionCount.fetch_add(1, std::memory_order_relaxed);
    raw->pending.opened = true;
    touch(*raw);
}

void EventLoop::touch(Slot& slot) {
    if (slot.touched)
        return;
    slot.touched = true;
    _touched.push_back(slot.connection.get());
}

void EventLoop::noticeSession(Session* session) {
    const auto found = _bySession.find(session);
    if (found == _bySession.end())
        return; // Finished meanwhile.
    found->second->pending.notified = true;
    touch(*found->second);
}

void EventLoop::callTouched(SteadyTime now) {
    // Calls made here can touch more connections of this loop (one user's message to another
    // served on the same loop): they join the end of the list and are called in this turn, so
    // their bytes leave now. A connection that asks to run again waits for the next turn, so
    // one busy client cannot keep the loop from looking at the others.
    // Keys, not slots: a slot may be called twice in a turn and finish in its second call.
    std::vector<LoopConnection*> nextTurn;
    for (std::size_t i = 0; i < _touched.size(); ++i) {
        // By key: a connection called earlier in this turn may have finished since it was
        // touched (its own close request touches it a second time).
        const auto found = _slots.find(_touched[i]);
        if (found == _slots.end())
            continue;
        Slot& slot = *found->second;
        slot.touched = false;
        const LoopEvents events = slot.pending;
        slot.pending = {};
        LoopInterest interest;
        try {
            interest = slot.connection->handle(events, now);
        } catch (const std::exception& e) {
            _log.warning("connection error: %s", std::string(e.what()));
            interest = {};
            interest.finished = true;
        }
        apply(slot, interest);
        if (!interest.finished && interest.again)
            nextTurn.push_back(slot.connection.get());
    }
    _touched.clear();
    for (LoopConnection* key : nextTurn) {
        const auto found = _slots.find(key);
        if (found == _slots.end())
            continue; // Finished after it asked.
        found->second->pending.timer = true;
        touch(*found->second);
    }
}

void EventLoop::apply(Slot& slot, const LoopInterest& interest) {
    if (interest.finished) {
        destroy(slot);
        return;
    }
    const std::uint32_t mask = epollMask(interest);
    if (mask != slot.watched) {
        epoll_event event{};
        event.events = mask;
        event.data.ptr = &slot;
        if (::epoll_ctl(_epoll, EPOLL_CTL_MOD, slot.connection->fd(), &event) == 0)
            slot.watched = mask;
    }
    if (slot.wakeAt != interest.wakeAt) {
        if (slot.wakeAt)
            _timers.erase({*slot.wakeAt, &slot});
        slot.wakeAt = interest.wakeAt;
        if (slot.wakeAt)
            _timers.insert({*slot.wakeAt, &slot});
    }
}

void EventLoop::destroy(Slot& slot) {
    LoopConnection* key = slot.connection.get();
    ::epoll_ctl(_epoll, EPOLL_CTL_DEL, key->fd(), nullptr);
    if (slot.wakeAt)
        _timers.erase({*slot.wakeAt, &slot});
    key->session().setOwner(nullptr);
    _bySession.erase(&key->session());
    // If a later push in this turn touched it again, callTouched finds its key gone and skips
    // it.
    _connectionCount.fetch_sub(1, std::memory_order_relaxed);
    _slots.erase(key); // Destroys the connection, which closes its socket.
}

void EventLoop::abandonAll() {
    _timers.clear();
    _touched.clear();
    _bySession.clear();
    for (auto& [key, slot] : _slots) {
        ::epoll_ctl(_epoll, EPOLL_CTL_DEL, key->fd(), nullptr);
        key->session().setOwner(nullptr);
        try {
            key->abandon();
        } catch (const std::exception& e) {
            _log.warning("connection error at stop: %s", std::string(e.what()));
        }
    }
    _connectionCount.store(0);
    _slots.clear();
}

} // namespace toom
