#pragma once
// GoogleMock mocks of the server services, a recording FakeOutbox, and CommandHarness: one place
// that wires every service into a `Services` struct and a registry with the core commands, so
// a command test is `CommandHarness h; Reply r = h.run("ATU");` plus expectations.
//
// Adding a service: give it a Mock* class here, a NiceMock member in CommandHarness and a line
// in CommandHarness's `services` initialiser. Nothing else needs to change.
//
// Every mock's constructor and destructor is defined in MockServices.cpp, not here: that puts
// each mock's vtable and virtual mock methods in one object file instead of every test's,
// which is most of what GoogleMock costs to compile (gMock cookbook, "Making the Compilation
// Faster"). Keep it that way when adding a mock.

#include "commands/CommandRegistry.h"
#include "commands/CoreCommands.h"
#include "commands/SessionControl.h"
#include "common/ServerLine.h"
#include "services/AccountService.h"
#include "services/BlockPolicy.h"
#include "services/BlockService.h"
#include "services/BoardService.h"
#include "services/Clock.h"
#include "services/Messenger.h"
#include "services/MonitorService.h"
#include "services/Outbox.h"
#include "services/PeerBroker.h"
#include "services/PresenceService.h"
#include "services/PrivateMessageService.h"
#include "services/RoomService.h"
#include "services/ServerSettings.h"
#include "services/Services.h"
#include "support/ManualClock.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include <gmock/gmock.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom {

class MockAccountService : public AccountService {
public:
    MockAccountService();
    ~MockAccountService() override;

    MOCK_METHOD(bool, exists, (const std::string& username), (override));
    /// By default the name itself when exists() says yes (an exact-case service); tests of
    /// case-insensitive names set their own answers.
    MOCK_METHOD(std::optional<std::string>, storedName, (const std::string& username), (override));
    MOCK_METHOD(bool, verify, (const std::string& username, const std::string& password),
                (override));
    MOCK_METHOD(bool, registerAccount, (const std::string& username, const std::string& password),
                (override));
};

class MockPresenceService : public PresenceService {
public:
    MockPresenceService();
    ~MockPresenceService() override;

    MOCK_METHOD(bool, enter, (const OnlineUser& user, std::shared_ptr<Outbox> outbox), (override));
    MOCK_METHOD(std::shared_ptr<Outbox>, takeOver,
                (const OnlineUser& user, std::shared_ptr<Outbox> outbox), (override));
    MOCK_METHOD(void, leave, (const std::string& username, CloseReason reason), (override));
    MOCK_METHOD(void, leaveSession,
                (const std::string& username, const Outbox& session, CloseReason reason),
                (override));
    MOCK_METHOD(void, setUdpPort, (const std::string& username, int udpPort), (override));
    MOCK_METHOD(void, setChatPort, (const std::string& username, int chatPort), (override));
    MOCK_METHOD(std::vector<OnlineUser>, online, (), (const, override));
    MOCK_METHOD(std::optional<OnlineUser>, find, (const std::string& username), (const, override));
    MOCK_METHOD(std::vector<std::string>, seenSince, (Poco::Timestamp since), (const, override));
    MOCK_METHOD(std::optional<Poco::Timestamp>, lastLogout, (const std::string& username),
                (const, override));
};

class MockMessenger : public Messenger {
public:
    MockMessenger();
    ~MockMessenger() override;

    MOCK_METHOD(bool, sendTo, (const std::string& username, const ServerLine& event), (override));
    MOCK_METHOD(std::size_t, broadcast,
                (const ServerLine& event, const std::string& except,
                 const std::function<bool(const std::string&)>& accept),
                (override));
};

/// Mocks `isBlocking(blocker, target)`; the non-virtual maySee() goes through it.
class MockBlockPolicy : public BlockPolicy {
public:
    MockBlockPolicy();
    ~MockBlockPolicy() override;

    MOCK_METHOD(bool, isBlocking, (const std::string& blocker, const std::string& target),
                (const, override));
};

/// Mocks the block lists; isBlocking is mocked like MockBlockPolicy's.
class MockBlockService : public BlockService {
public:
    MockBlockService();
    ~MockBlockService() override;

    MOCK_METHOD(bool, isBlocking, (const std::string& blocker, const std::string& target),
                (const, override));
    MOCK_METHOD(BlockResult, block, (const std::string& blocker, const std::string& target),
                (override));
    MOCK_METHOD(bool, unblock, (const std::string& blocker, const std::string& target), (override));
    MOCK_METHOD(std::vector<std::string>, blockedBy, (const std::string& blocker),
                (const, override));
};

class MockBoardService : public BoardService {
public:
    MockBoardService();
    ~MockBoardService() override;

    MOCK_METHOD(BoardPost, post, (const std::string& author, const std::string& text), (override));
    MOCK_METHOD(Change, edit,
                (const std::string& user, int number, std::optional<std::int64_t> epochSeconds,
                 const std::string& text),
                (override));
    MOCK_METHOD(Change, remove,
                (const std::string& user, int number, std::optional<std::int64_t> epochSeconds),
                (override));
    MOCK_METHOD(Page, since, (std::int64_t epochSeconds, std::size_t limit), (const, override));
    MOCK_METHOD(Page, latest, (Poco::Timestamp after, std::size_t limit, const AuthorFilter& shown),
                (const, override));
    MOCK_METHOD(Page, latest, (std::size_t limit), (const, override));
};

class MockPrivateMessageService : public PrivateMessageService {
public:
    MockPrivateMessageService();
    ~MockPrivateMessageService() override;

    MOCK_METHOD(Outcome, send, (const PrivateMessage& message), (override));
    MOCK_METHOD(StoredDelivery, deliverStored, (const std::string& recipient, std::size_t maxBytes),
                (override));
    MOCK_METHOD(Conversation, conversation,
                (const std::string& user, const std::string& other, std::size_t limit), (override));
};

class MockRoomService : public RoomService {
public:
    MockRoomService();
    ~MockRoomService() override;

    MOCK_METHOD(Created, createSeparate,
                (const std::string& creator, const std::vector<std::string>& others), (override));
    MOCK_METHOD(Created, createGroup,
                (const std::string& creator, const std::string& name,
                 const std::vector<std::string>& invitees),
                (override));
    MOCK_METHOD(Created, createOpenGroup, (const std::string& creator, const std::string& name),
                (override));
    MOCK_METHOD(std::optional<Room>, separateRoom, (int number), (const, override));
    MOCK_METHOD(std::optional<Room>, group, (const std::string& name), (const, override));
    MOCK_METHOD(Room, join, (const std::string& name, const std::string& username), (override));
    MOCK_METHOD(std::optional<Room>, setTopic, (const std::string& name, const RoomTopic& topic),
                (override));
    MOCK_METHOD(bool, leave, (std::int64_t roomId, const std::string& username), (override));
    MOCK_METHOD(std::vector<Room>, roomsOf, (const std::string& username), (const, override));
    MOCK_METHOD(RoomMessage, post,
                (const Room& room, const std::string& sender, const std::string& text), (override));
    MOCK_METHOD(Page, messagesSince,
                (const Room& room, std::int64_t epochSeconds, std::size_t limit),
                (const, override));
    MOCK_METHOD(Latest, latestMessages,
                (const Room& room, Poco::Timestamp after, std::size_t limit,
                 const SenderFilter& shown),
                (const, override));
    MOCK_METHOD(Page, latestMessages, (const Room& room, std::size_t limit), (const, override));
};

class MockMonitorService : public MonitorService {
public:
    MockMonitorService();
    ~MockMonitorService() override;

    MOCK_METHOD(std::size_t, limit, (), (const, override));
    MOCK_METHOD(bool, add, (const std::string& watcher, const std::vector<std::string>& targets),
                (override));
    MOCK_METHOD(void, remove, (const std::string& watcher, const std::vector<std::string>& targets),
                (override));
    MOCK_METHOD(void, clear, (const std::string& watcher), (override));
    MOCK_METHOD(std::vector<std::string>, followedBy, (const std::string& watcher),
                (const, override));
    MOCK_METHOD(std::vector<std::string>, followersOf, (const std::string& target),
                (const, override));
};

class MockPeerBroker : public PeerBroker {
public:
    MockPeerBroker();
    ~MockPeerBroker() override;

    MOCK_METHOD(std::string, newToken, (), (override));
    MOCK_METHOD(AskOutcome, ask, (const std::string& requester, const std::string& target),
                (override));
    MOCK_METHOD(std::optional<Answer>, answer,
                (const std::string& target, const std::string& requester, bool accept), (override));
    MOCK_METHOD(bool, close, (const std::string& a, const std::string& b), (override));
    MOCK_METHOD(bool, isOpen, (const std::string& a, const std::string& b), (const, override));
    MOCK_METHOD(void, userLeft, (const std::string& username, CloseReason reason), (override));
};

class MockOutbox : public Outbox {
public:
    MockOutbox();
    ~MockOutbox() override;

    MOCK_METHOD(bool, push, (std::string_view lines), (override));
    MOCK_METHOD(void, requestClose, (CloseReason reason), (override));
};

/// A session whose getters default to the values in `state` (so a test sets `state.loggedIn`
/// instead of writing ON_CALLs), and whose setUdpPort() stores into `state.udpPort`.
/// Expectations can still be set on every method.
class MockSessionControl : public SessionControl {
public:
    struct State {
        bool loggedIn = false;
        std::string username;
        std::string address = "127.0.0.1";
        int udpPort = 0;
        int chatPort = 0;
    };

    MockSessionControl();
    ~MockSessionControl() override;

    State state;

    MOCK_METHOD(bool, loggedIn, (), (const, override));
    MOCK_METHOD(const std::string&, username, (), (const, override));
    MOCK_METHOD(std::string, address, (), (const, override));
    MOCK_METHOD(int, udpPort, (), (const, override));
    MOCK_METHOD(void, setUdpPort, (int port), (override));
    MOCK_METHOD(int, chatPort, (), (const, override));
    MOCK_METHOD(void, setChatPort, (int port), (override));
    MOCK_METHOD(void, touch, (), (override));
    MOCK_METHOD(void, closeAfterReply, (CloseReason reason), (override));
};

/// An Outbox that records what is pushed to it. Thread-safe. `refuse = true` makes push()
/// return false (and record nothing), as a closing connection does.
class FakeOutbox : public Outbox {
public:
    bool push(std::string_view lines) override {
        std::lock_guard lock(_mutex);
        if (refuse)
            return false;
        _pushed.append(lines);
        return true;
    }

    void requestClose(CloseReason reason) override {
        std::lock_guard lock(_mutex);
        _closeReasons.push_back(reason);
    }

    /// Every pushed line, without its '\n', in push order.
    std::vector<std::string> lines() const {
        std::lock_guard lock(_mutex);
        std::vector<std::string> out;
        std::size_t start = 0;
        while (start < _pushed.size()) {
            std::size_t end = _pushed.find('\n', start);
            if (end == std::string::npos)
                end = _pushed.size();
            out.push_back(_pushed.substr(start, end - start));
            start = end + 1;
        }
        return out;
    }

    /// lines(), parsed; a line that does not parse becomes a default ServerLine.
    std::vector<ServerLine> events() const {
        std::vector<ServerLine> out;
        for (const auto& line : lines())
            out.push_back(ServerLine::parse(line).value_or(ServerLine()));
        return out;
    }

    /// The raw bytes pushed so far.
    std::string bytes() const {
        std::lock_guard lock(_mutex);
        return _pushed;
    }

    std::vector<CloseReason> closeReasons() const {
        std::lock_guard lock(_mutex);
        return _closeReasons;
    }

    void clear() {
        std::lock_guard lock(_mutex);
        _pushed.clear();
        _closeReasons.clear();
    }

    bool refuse = false;

private:
    mutable std::mutex _mutex;
    std::string _pushed;
    std::vector<CloseReason> _closeReasons;
};

/// A logger for Services::audit that prints nothing.
inline Poco::Logger& quietLogger(const std::string& name = "test.audit") {
    Poco::Logger& logger = Poco::Logger::get(name);
    logger.setLevel(0); // 0 turns the logger off.
    return logger;
}

/// A fixed start time for ManualClocks: 2023-06-01T05:00:01Z.
inline Poco::Timestamp testEpoch() {
    return Poco::Timestamp::fromEpochTime(1685595601);
}

/// Runs command lines through a real CommandRegistry (with the core commands) against NiceMock
/// services, as the logged-in user "yoda" from 127.0.0.1 (UDP port 8001).
///
/// Every member is public: set ON_CALL/EXPECT_CALL on the mocks, change `settings` (the
/// services see it by reference), move `clock`, register extra commands on `registry`, or
/// change `session.state` (see logOut()).
struct CommandHarness {
    CommandHarness();
    ~CommandHarness();

    /// Dispatches one request line as the session and returns the reply.
    Reply run(std::string_view line) { return registry.dispatch(line, services, session); }

    /// Makes the session a connection that has not logged in.
    void logOut() {
        session.state.loggedIn = false;
        session.state.username.clear();
    }

    ServerSettings settings;
    ManualClock clock{testEpoch()};
    ::testing::NiceMock<MockAccountService> accounts;
    ::testing::NiceMock<MockPresenceService> presence;
    ::testing::NiceMock<MockMessenger> messenger;
    ::testing::NiceMock<MockBlockService> blocks;
    ::testing::NiceMock<MockBoardService> board;
    ::testing::NiceMock<MockPrivateMessageService> privateMessages;
    ::testing::NiceMock<MockRoomService> rooms;
    ::testing::NiceMock<MockPeerBroker> peers;
    ::testing::NiceMock<MockMonitorService> monitors;
    Poco::Logger& audit = quietLogger();
    Services services{settings, clock,           accounts, presence, messenger, blocks,
                      board,    privateMessages, rooms,    peers,    monitors,  audit};
    ::testing::NiceMock<MockSessionControl> session;
    CommandRegistry registry;
};

} // namespace toom
