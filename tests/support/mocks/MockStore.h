#pragma once
// A GoogleMock of the durable Store, for services that sit on top of it (OnlinePresence,
// StoredAccounts) when a test wants to check calls rather than use a real SQLite file.

#include "server/services/Store.h"

#include <gmock/gmock.h>

namespace toom {

class MockStore : public Store {
public:
    MockStore();
    ~MockStore() override; // Out of line: see MockServices.h.

    // Accounts.
    MOCK_METHOD(std::optional<Account>, findAccount, (const std::string& username), (override));
    MOCK_METHOD(bool, insertAccount, (const Account& account), (override));
    MOCK_METHOD(bool, updateAccountPassword, (const Account& account), (override));
    MOCK_METHOD(std::size_t, accountCount, (), (override));

    // Login history.
    MOCK_METHOD(std::int64_t, recordLogin, (const LoginRecord& login), (override));
    MOCK_METHOD(void, recordLogout, (std::int64_t id, Poco::Timestamp at), (override));
    MOCK_METHOD(std::vector<LoginRecord>, loginsSince, (Poco::Timestamp since), (override));
    MOCK_METHOD(std::size_t, closeOpenLogins, (Poco::Timestamp at), (override));
    MOCK_METHOD(std::size_t, pruneLoginsBefore, (Poco::Timestamp before), (override));

    // Public board.
    MOCK_METHOD(std::int64_t, insertBoardPost, (const BoardPost& post), (override));
    MOCK_METHOD(bool, updateBoardPost, (const BoardPost& post), (override));
    MOCK_METHOD(bool, deleteBoardPost, (std::int64_t id), (override));
    MOCK_METHOD(std::vector<BoardPost>, boardPosts, (), (override));

    // Offline private messages.
    MOCK_METHOD(std::int64_t, insertOfflineMessage, (const PrivateMessage& message), (override));
    MOCK_METHOD(std::vector<PrivateMessage>, offlineMessagesFor, (const std::string& recipient),
                (override));
    MOCK_METHOD(std::size_t, offlineMessageCount, (const std::string& recipient), (override));
    MOCK_METHOD(void, deleteOfflineMessages, (const std::vector<std::int64_t>& ids), (override));

    // Blocks.
    using BlockPair = std::pair<std::string, std::string>;
    MOCK_METHOD(bool, insertBlock, (const std::string& blocker, const std::string& blocked),
                (override));
    MOCK_METHOD(bool, deleteBlock, (const std::string& blocker, const std::string& blocked),
                (override));
    MOCK_METHOD(std::vector<BlockPair>, blocks, (), (override));

    // Rooms and groups.
    MOCK_METHOD(std::int64_t, insertRoom, (const Room& room), (override));
    MOCK_METHOD(void, upsertRoomMember, (std::int64_t roomId, const RoomMember& member),
                (override));
    MOCK_METHOD(bool, deleteRoomMember, (std::int64_t roomId, const std::string& username),
                (override));
    MOCK_METHOD(std::vector<Room>, rooms, (), (override));
    MOCK_METHOD(std::int64_t, insertRoomMessage, (const RoomMessage& message), (override));
    MOCK_METHOD(std::vector<RoomMessage>, roomMessages,
                (std::int64_t roomId, std::int64_t fromMicros, std::size_t limit), (override));
    MOCK_METHOD(int, lastRoomMessageNumber, (std::int64_t roomId), (override));
};

} // namespace toom
