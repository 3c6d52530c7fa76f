// Out-of-line constructors and destructors of the service mocks and of CommandHarness.
//
// Why a source file for mocks: a class whose special members are all inline has its vtable,
// and so every virtual MOCK_METHOD body, emitted in each translation unit that constructs it.
// Defining the destructor here makes this file the one home of those vtables; defining
// CommandHarness's constructor and destructor here keeps NiceMock<...> instantiations out of
// the tests too. Together that cut a command test's compile time several-fold.

#include "support/mocks/MockServices.h"

#include "support/mocks/MockStores.h"

namespace toom {

MockAccountService::MockAccountService() {
    ON_CALL(*this, storedName(::testing::_))
        .WillByDefault([this](const std::string& username) -> std::optional<std::string> {
            if (exists(username))
                return username;
            return std::nullopt;
        });
}
MockAccountService::~MockAccountService() = default;
MockPresenceService::MockPresenceService() = default;
MockPresenceService::~MockPresenceService() = default;
MockMessenger::MockMessenger() = default;
MockMessenger::~MockMessenger() = default;
MockBlockPolicy::MockBlockPolicy() = default;
MockBlockPolicy::~MockBlockPolicy() = default;
MockBlockService::MockBlockService() = default;
MockBlockService::~MockBlockService() = default;
MockBoardService::MockBoardService() = default;
MockBoardService::~MockBoardService() = default;
MockPrivateMessageService::MockPrivateMessageService() = default;
MockPrivateMessageService::~MockPrivateMessageService() = default;
MockRoomService::MockRoomService() = default;
MockRoomService::~MockRoomService() = default;
MockMonitorService::MockMonitorService() = default;
MockMonitorService::~MockMonitorService() = default;
MockPeerBroker::MockPeerBroker() = default;
MockPeerBroker::~MockPeerBroker() = default;
MockOutbox::MockOutbox() = default;
MockOutbox::~MockOutbox() = default;
MockAccountStore::MockAccountStore() = default;
MockAccountStore::~MockAccountStore() = default;
MockLoginHistory::MockLoginHistory() = default;
MockLoginHistory::~MockLoginHistory() = default;
MockBoardStore::MockBoardStore() = default;
MockBoardStore::~MockBoardStore() = default;
MockPrivateMessageStore::MockPrivateMessageStore() = default;
MockPrivateMessageStore::~MockPrivateMessageStore() = default;
MockBlockStore::MockBlockStore() = default;
MockBlockStore::~MockBlockStore() = default;
MockRoomStore::MockRoomStore() = default;
MockRoomStore::~MockRoomStore() = default;

MockSessionControl::MockSessionControl() {
    using ::testing::ReturnRef;
    ON_CALL(*this, loggedIn()).WillByDefault([this] { return state.loggedIn; });
    ON_CALL(*this, username()).WillByDefault(ReturnRef(state.username));
    ON_CALL(*this, address()).WillByDefault([this] { return state.address; });
    ON_CALL(*this, udpPort()).WillByDefault([this] { return state.udpPort; });
    ON_CALL(*this, setUdpPort(::testing::_)).WillByDefault([this](int port) {
        state.udpPort = port;
    });
    ON_CALL(*this, chatPort()).WillByDefault([this] { return state.chatPort; });
    ON_CALL(*this, setChatPort(::testing::_)).WillByDefault([this](int port) {
        state.chatPort = port;
    });
}

MockSessionControl::~MockSessionControl() = default;

CommandHarness::CommandHarness() {
    session.state = {true, "yoda", "127.0.0.1", 8001};
    registerCoreCommands(registry);
}

CommandHarness::~CommandHarness() = default;

} // namespace toom
