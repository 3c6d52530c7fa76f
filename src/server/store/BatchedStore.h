#pragma once
// The Store the server's services use: SqliteStore's data, with the writes queued to the
// StoreWriter (group commit) instead of run on the caller's thread.
//
// Writes return at once. Those that must return an id get one numbered here, from the highest
// id the database has given (SqliteStore::lastIds), so a service can number, reply and deliver
// before the disk is touched; the row is written with that id. Writes that answer a question
// the caller cannot answer from memory (accounts: "was the name free?"; the history's prune)
// wait for their commit instead. They are rare (registration, housekeeping).
//
// Reads see every write submitted before them: a read waits until the writes of its own slice
// (accounts, logins, board, private messages, blocks, rooms) are committed, which is usually
// already so. The services keep the hot data in memory and read the store only at start, at
// login, and for history.
//
// A caller learns which writes its code made with StoreWriter::lastOnThisThread() (the event
// loops hold a request's reply until they are committed: see ClientConnection).

#include "server/store/SqliteStore.h"
#include "server/store/Store.h"
#include "server/store/StoreWriter.h"

#include <array>
#include <atomic>

namespace toom {

class BatchedStore final : public Store {
public:
    /// `sqlite` and `writer` (which writes to `sqlite`) must outlive this.
    BatchedStore(SqliteStore& sqlite, StoreWriter& writer);

    std::optional<Account> findAccount(const std::string& username) override;
    /// Waits for the commit (the answer depends on it).
    bool insertAccount(const Account& account) override;
    /// Waits for the commit.
    bool updateAccountPassword(const Account& account) override;
    std::size_t accountCount() override;

    std::int64_t recordLogin(const LoginRecord& login) override;
    void recordLogout(std::int64_t id, Poco::Timestamp at) override;
    std::vector<LoginRecord> loginsSince(Poco::Timestamp since) override;
    /// Does not wait for queued login writes (LocalPresenceService remembers those).
    std::optional<Poco::Timestamp> lastLogout(const std::string& username) override;
    /// Waits for the commit.
    std::size_t closeOpenLogins(Poco::Timestamp at) override;
    /// Waits for the commit.
    std::size_t pruneLoginsBefore(Poco::Timestamp before) override;

    std::int64_t insertBoardPost(const BoardPost& post) override;
    /// Queued; returns true (the board service knows the post exists).
    bool updateBoardPost(const BoardPost& post) override;
    /// Queued; returns true (as above).
    bool deleteBoardPost(std::int64_t id) override;
    std::vector<BoardPost> boardPosts() override;

    std::int64_t insertDeliveredMessage(const PrivateMessage& message) override;
    std::int64_t insertOfflineMessage(const PrivateMessage& message) override;
    std::vector<PrivateMessage> offlineMessagesFor(const std::string& recipient) override;
    std::size_t offlineMessageCount(const std::string& recipient) override;
    std::map<std::string, std::size_t> offlineMessageCounts() override;
    void markOfflineMessagesDelivered(const std::vector<std::int64_t>& ids) override;
    std::vector<PrivateMessage> latestBetween(const std::string& a, const std::string& b,
                                              std::size_t limit) override;

    /// Queued; returns true (the block service checks its memory first).
    bool insertBlock(const std::string& blocker, const std::string& blocked) override;
    /// Queued; returns true (as above).
    bool deleteBlock(const std::string& blocker, const std::string& blocked) override;
    std::vector<std::pair<std::string, std::string>> blocks() override;

    std::int64_t insertRoom(const Room& room) override;
    void upsertRoomMember(std::int64_t roomId, const RoomMember& member) override;
    /// Queued; returns true (the room service checks membership in memory).
    bool deleteRoomMember(std::int64_t roomId, const std::string& username) override;
    void updateRoomTopic(std::int64_t roomId, const RoomTopic& topic) override;
    std::vector<Room> rooms() override;
    std::int64_t insertRoomMessage(const RoomMessage& message) override;
    std::vector<RoomMessage> roomMessages(std::int64_t roomId, std::int64_t fromMicros,
                                          std::size_t limit) override;
    std::vector<RoomMessage> latestRoomMessages(std::int64_t roomId, std::int64_t fromMicros,
                                                int beforeNumber, std::size_t limit) override;
    std::vector<std::pair<std::string, std::size_t>>
    roomMessageCounts(std::int64_t roomId, std::int64_t fromMicros) override;
    std::vector<RoomMessage> latestRoomMessages(std::int64_t roomId, std::size_t limit) override;

private:
    enum Slice { kAccounts, kLogins, kBoard, kPrivateMessages, kBlocks, kRooms, kSliceCount };

    /// Queues `job` as a write of `slice`.
    StoreWriter::Ticket write(Slice slice, StoreWriter::Job job, std::size_t bytes);
    /// Waits until every write of `slice` submitted so far is committed.
    void settle(Slice slice);

    SqliteStore& _sqlite;
    StoreWriter& _writer;
    std::array<std::atomic<StoreWriter::Ticket>, kSliceCount> _lastWrite{};
    std::atomic<std::int64_t> _lastLoginId;
    std::atomic<std::int64_t> _lastBoardPostId;
    std::atomic<std::int64_t> _lastPrivateMessageId;
    std::atomic<std::int64_t> _lastRoomId;
    std::atomic<std::int64_t> _lastRoomMessageId;
};

} // namespace toom
