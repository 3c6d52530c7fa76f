// EventLoop: connections called on the loop's thread, pushes from other threads batched into
// one wake-up, pushes on the loop's own thread served in the same turn, and a stopped loop
// that refuses new connections.

#include "server/net/EventLoop.h"

#include "support/ManualClock.h"
#include "support/mocks/MockServices.h"

#include <Poco/Logger.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace toom {
namespace {

using namespace std::chrono_literals;

/// Polls `condition` for up to two seconds (the loop runs on its own thread).
template <typename Condition>
bool eventually(Condition condition) {
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition())
            return true;
        std::this_thread::sleep_for(1ms);
    }
    return condition();
}

/// What a fake connection saw, readable from the test thread.
struct Seen {
    std::atomic<int> calls{0};
    std::atomic<int> opened{0};
    std::atomic<int> notified{0};
    std::atomic<int> timers{0};
    std::atomic<int> abandoned{0};
    std::atomic<int> destroyed{0};
    std::atomic<bool> onLoopThread{true};
    std::thread::id loopThread;
    /// Set by the test: the next notified call blocks the loop (holding) until released.
    std::atomic<bool> holdNextNotice{false};
    std::atomic<bool> holding{false};
    std::atomic<bool> release{false};
    std::atomic<std::size_t> bytesTaken{0};
};

/// A connection over one end of a socketpair that takes its session's bytes and says it
/// wants to read; it can push to another session from inside handle().
class FakeConnection final : public LoopConnection {
public:
    FakeConnection(int fd, Session& session, Seen& seen)
        : _fd(fd)
        , _session(session)
        , _seen(seen) {}
    ~FakeConnection() override {
        ::close(_fd);
        _seen.destroyed.fetch_add(1);
    }

    int fd() const override { return _fd; }
    Session& session() override { return _session; }

    LoopInterest handle(const LoopEvents& events, std::chrono::steady_clock::time_point) override {
        _session.takeNotice();
        _seen.calls.fetch_add(1);
        if (events.opened) {
            _seen.loopThread = std::this_thread::get_id(); // Published by the increment.
            _seen.opened.fetch_add(1);
        } else if (std::this_thread::get_id() != _seen.loopThread) {
            _seen.onLoopThread.store(false);
        }
        if (events.notified)
            _seen.notified.fetch_add(1);
        if (events.notified && _seen.holdNextNotice.exchange(false)) {
            _seen.holding.store(true);
            while (!_seen.release.load())
                std::this_thread::sleep_for(1ms);
        }
        if (events.timer)
            _seen.timers.fetch_add(1);
        std::string bytes;
        _session.takePending(bytes);
        _seen.bytesTaken.fetch_add(bytes.size());
        if (!bytes.empty() && relayTo && bytes.find("relay") != std::string::npos)
            relayTo->push("relayed\n");
        LoopInterest interest;
        interest.read = true;
        if (wakeIn.count() > 0 && events.opened)
            interest.wakeAt = std::chrono::steady_clock::now() + wakeIn;
        interest.finished = _session.closeRequested() != CloseReason::None;
        return interest;
    }

    void abandon() override { _seen.abandoned.fetch_add(1); }

    Session* relayTo = nullptr;
    std::chrono::milliseconds wakeIn{0};

private:
    int _fd;
    Session& _session;
    Seen& _seen;
};

class EventLoopTest : public ::testing::Test {
protected:
    void TearDown() override {
        loop.stop();
        for (int fd : peers)
            ::close(fd);
    }

    /// A connection on a fresh socketpair (the test keeps the other end open).
    std::unique_ptr<FakeConnection> connection(Session& session, Seen& seen) {
        int fds[2];
        EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        peers.push_back(fds[1]);
        return std::make_unique<FakeConnection>(fds[0], session, seen);
    }

    /// Sessions and records outlive the loop (declared before it): a connection still open at
    /// the end of a test is abandoned by loop.stop() in TearDown, and touches them then.
    Session& newSession() {
        sessions.push_back(std::make_unique<Session>("127.0.0.1", 1 << 20, clock));
        return *sessions.back();
    }
    Seen& newSeen() {
        seens.push_back(std::make_unique<Seen>());
        return *seens.back();
    }

    ManualClock clock{testEpoch()};
    std::vector<std::unique_ptr<Session>> sessions;
    std::vector<std::unique_ptr<Seen>> seens;
    EventLoop loop{"test-loop", Poco::Logger::get("test.loop")};
    std::vector<int> peers;
};

TEST_F(EventLoopTest, AdoptedConnectionIsOpenedOnTheLoopThread) {
    Session& session = newSession();
    Seen& seen = newSeen();
    loop.start();
    ASSERT_TRUE(loop.adopt(connection(session, seen)));
    ASSERT_TRUE(eventually([&] { return seen.opened.load() == 1; }));
    EXPECT_NE(seen.loopThread, std::this_thread::get_id());
    EXPECT_EQ(loop.connectionCount(), 1u);
}

TEST_F(EventLoopTest, ManyPushesFromAnotherThreadCostOneWakeUpPerBatch) {
    Session& session = newSession();
    Seen& seen = newSeen();
    loop.start();
    ASSERT_TRUE(loop.adopt(connection(session, seen)));
    ASSERT_TRUE(eventually([&] { return seen.opened.load() == 1; }));
    // The first push wakes the loop, which takes notice and is held inside the call.
    seen.holdNextNotice.store(true);
    session.push("first\n");
    ASSERT_TRUE(eventually([&] { return seen.holding.load(); }));
    const auto wakeUpsBefore = loop.wakeUps();
    // While the loop is busy, a thousand pushes tell it once (the first finds the inbox empty
    // and wakes it; the rest find the notice pending and only add their bytes).
    for (int i = 0; i < 1000; ++i)
        session.push("x\n");
    EXPECT_EQ(loop.wakeUps() - wakeUpsBefore, 1u);
    seen.release.store(true);
    // One more call takes the whole batch.
    ASSERT_TRUE(eventually([&] { return seen.notified.load() == 2; }));
    EXPECT_EQ(seen.bytesTaken.load(), 6u + 2000u);
    EXPECT_TRUE(seen.onLoopThread.load());
}

TEST_F(EventLoopTest, APushOnTheLoopThreadIsServedInTheSameTurnWithoutAWakeUp) {
    Session& sender = newSession();
    Session& receiver = newSession();
    Seen& sendSeen = newSeen();
    Seen& receiveSeen = newSeen();
    loop.start();
    auto senderConnection = connection(sender, sendSeen);
    senderConnection->relayTo = &receiver;
    ASSERT_TRUE(loop.adopt(std::move(senderConnection)));
    ASSERT_TRUE(loop.adopt(connection(receiver, receiveSeen)));
    ASSERT_TRUE(eventually([&] { return receiveSeen.opened == 1 && sendSeen.opened == 1; }));

    const auto turnsBefore = loop.turns();
    const auto wakeUpsBefore = loop.wakeUps();
    sender.push("relay\n"); // One wake-up (from this thread) for the sender...
    ASSERT_TRUE(eventually([&] { return receiveSeen.notified.load() == 1; }));
    // ...and none for the receiver: the sender's handle() pushed on the loop's own thread.
    EXPECT_EQ(loop.wakeUps() - wakeUpsBefore, 1u);
    EXPECT_LE(loop.turns() - turnsBefore, 2u); // The turn that served both (and perhaps one idle).
}

TEST_F(EventLoopTest, AConnectionThatFinishesIsDestroyedAndOthersGoOn) {
    Session& first = newSession();
    Session& second = newSession();
    Seen& firstSeen = newSeen();
    Seen& secondSeen = newSeen();
    loop.start();
    ASSERT_TRUE(loop.adopt(connection(first, firstSeen)));
    ASSERT_TRUE(loop.adopt(connection(second, secondSeen)));
    ASSERT_TRUE(eventually([&] { return firstSeen.opened == 1 && secondSeen.opened == 1; }));
    // Both touched in one turn; the first finishes, and the second is still called.
    first.requestClose(CloseReason::Logout);
    second.push("after\n");
    ASSERT_TRUE(eventually([&] { return firstSeen.destroyed.load() == 1; }));
    ASSERT_TRUE(eventually([&] { return secondSeen.notified.load() == 1; }));
    EXPECT_EQ(loop.connectionCount(), 1u);
    EXPECT_EQ(firstSeen.abandoned.load(), 0);
}

TEST_F(EventLoopTest, TheWakeUpTimeAConnectionAskedForCallsIt) {
    Session& session = newSession();
    Seen& seen = newSeen();
    loop.start();
    auto c = connection(session, seen);
    c->wakeIn = 20ms;
    ASSERT_TRUE(loop.adopt(std::move(c)));
    ASSERT_TRUE(eventually([&] { return seen.timers.load() == 1; }));
}

TEST_F(EventLoopTest, StopAbandonsOpenConnectionsAndRefusesNewOnes) {
    Session& session = newSession();
    Seen& seen = newSeen();
    loop.start();
    ASSERT_TRUE(loop.adopt(connection(session, seen)));
    ASSERT_TRUE(eventually([&] { return seen.opened.load() == 1; }));
    loop.stop();
    EXPECT_EQ(seen.abandoned.load(), 1);
    EXPECT_EQ(seen.destroyed.load(), 1);
    EXPECT_EQ(loop.connectionCount(), 0u);

    Session& late = newSession();
    Seen& lateSeen = newSeen();
    EXPECT_FALSE(loop.adopt(connection(late, lateSeen)));
    EXPECT_EQ(lateSeen.abandoned.load(), 1);
    EXPECT_EQ(lateSeen.destroyed.load(), 1);
    EXPECT_EQ(lateSeen.calls.load(), 0);
    // A push to a session whose loop is gone is harmless.
    session.push("x\n");
}

} // namespace
} // namespace toom
