#pragma once
// GoogleMock mocks of the store's slices, for services that sit on top of them when a test
// wants to check calls rather than use a real SQLite file. One mock per slice, so a test
// names only the slice the service under test depends on.

#include "server/store/AccountStore.h"
#include "server/store/BlockStore.h"
#include "server/store/BoardStore.h"
#include "server/store/LoginHistory.h"
#include "server/store/PrivateMessageStore.h"
#include "server/store/RoomStore.h"

#include <gmock/gmock.h>

namespace toom {

class MockAccountStore : public AccountStore {
public:
    MockAccountStore();
    ~MockAccountStore() override; // Out of line: see MockServices.h.

    MOCK_METHOD(std::optional<Account>, findAccount, (const std::string& username), (override));
    MOCK_METHOD(bool, insertAccount, (const Account& account), (override));
    MOCK_METHOD(bool, updateAccountPassword, (const Account& account), (override));
    MOCK_METHOD(std::size_t, accountCount, (), (override));
};

class MockLoginHistory : public LoginHistory {
public:
    MockLoginHistory();
    ~MockLoginHistory() override; // Out of line: see MockServices.h.

    MOCK_METHOD(std::int64_t, recordLogin, (const LoginRecord& login), (override));
    MOCK_METHOD(void, recordLogout, (std::int64_t id, Poco::Timestamp at), (override));
    MOCK_METHOD(std::vector<LoginRecord>, loginsSince, (Poco::Timestamp since), (override));
    MOCK_METHOD(std::optional<Poco::Timestamp>, lastLogout, (const std::string& username),
                (override));
    MOCK_METHOD(std::size_t, closeOpenLogins, (Poco::Timestamp at), (override));
    MOCK_METHOD(std::size_t, pruneLoginsBefore, (Poco::Timestamp before), (override));
};

class MockBoardStore : public BoardStore {
public:
    MockBoardStore();
    ~MockBoardStore() override; // Out of line: see MockServices.h.

    MOCK_METHOD(std::int64_t, insertBoardPost, (const BoardPost& post), (override));
    MOCK_METHOD(bool, updateBoardPost, (const BoardPost& post), (override));
    MOCK_METHOD(bool, deleteBoardPost, (std::int64_t id), (override));
    MOCK_METHOD(std::vector<BoardPost>, boardPosts, (), (override));
};

class MockPrivateMessageStore : public PrivateMessageStore {
public:
    MockPrivateMessageStore();
    ~MockPrivateMessageStore() override; // Out of line: see MockServices.h.

    using CountByRecipient = std::map<std::string, std::size_t>;
    MOCK_METHOD(std::int64_t, insertDeliveredMessage, (const PrivateMessage& message), (override));
    MOCK_METHOD(std::int64_t, insertOfflineMessage, (const PrivateMessage& message), (override));
    MOCK_METHOD(std::vector<PrivateMessage>, offlineMessagesFor, (const std::string& recipient),
                (override));
    MOCK_METHOD(std::size_t, offlineMessageCount, (const std::string& recipient), (override));
    MOCK_METHOD(CountByRecipient, offlineMessageCounts, (), (override));
    MOCK_METHOD(void, markOfflineMessagesDelivered, (const std::vector<std::int64_t>& ids),
                (override));
    MOCK_METHOD(std::vector<PrivateMessage>, latestBetween,
                (const std::string& a, const std::string& b, std::size_t limit), (override));
};

class MockBlockStore : public BlockStore {
public:
    MockBlockStore();
    ~MockBlockStore() override; // Out of line: see MockServices.h.

    using BlockPair = std::pair<std::string, std::string>;
    MOCK_METHOD(bool, insertBlock, (const std::string& blocker, const std::string& blocked),
                (override));
    MOCK_METHOD(bool, deleteBlock, (const std::string& blocker, const std::string& blocked),
                (override));
    MOCK_METHOD(std::vector<BlockPair>, blocks, (), (override));
};

class MockRoomStore : public RoomStore {
public:
    MockRoomStore();
    ~MockRoomStore() override; // Out of line: see MockServices.h.

    MOCK_METHOD(std::int64_t, insertRoom, (const Room& room), (override));
    MOCK_METHOD(void, upsertRoomMember, (std::int64_t roomId, const RoomMember& member),
                (override));
    MOCK_METHOD(bool, deleteRoomMember, (std::int64_t roomId, const std::string& username),
                (override));
    MOCK_METHOD(void, updateRoomTopic, (std::int64_t roomId, const RoomTopic& topic), (override));
    MOCK_METHOD(std::vector<Room>, rooms, (), (override));
    MOCK_METHOD(std::int64_t, insertRoomMessage, (const RoomMessage& message), (override));
    MOCK_METHOD(std::vector<RoomMessage>, roomMessages,
                (std::int64_t roomId, std::int64_t fromMicros, std::size_t limit), (override));
    MOCK_METHOD(std::vector<RoomMessage>, latestRoomMessages,
                (std::int64_t roomId, std::int64_t fromMicros, int beforeNumber, std::size_t limit),
                (override));
    using SenderCounts = std::vector<std::pair<std::string, std::size_t>>;
    MOCK_METHOD(SenderCounts, roomMessageCounts, (std::int64_t roomId, std::int64_t fromMicros),
                (override));
    MOCK_METHOD(std::vector<RoomMessage>, latestRoomMessages,
                (std::int64_t roomId, std::size_t limit), (override));
};

} // namespace toom
