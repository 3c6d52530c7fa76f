#include "server/store/BatchedStore.h"

#include <Poco/Exception.h>

#include <memory>

namespace toom {

namespace {
// Roughly what a queued write holds, for the writer's byte bound.
std::size_t sizeOf(const std::string& text) {
    return text.size() + 64;
}
} // namespace

BatchedStore::BatchedStore(SqliteStore& sqlite, StoreWriter& writer)
    : _sqlite(sqlite)
    , _writer(writer) {
    const SqliteStore::LastIds ids = _sqlite.lastIds();
    _lastLoginId = ids.login;
    _lastBoardPostId = ids.boardPost;
    _lastPrivateMessageId = ids.privateMessage;
    _lastRoomId = ids.room;
    _lastRoomMessageId = ids.roomMessage;
}

StoreWriter::Ticket BatchedStore::write(Slice slice, StoreWriter::Job job, std::size_t bytes) {
    const StoreWriter::Ticket ticket = _writer.submit(std::move(job), bytes);
    // Raise, never lower: two threads may store out of order.
    auto& last = _lastWrite[slice];
    StoreWriter::Ticket seen = last.load();
    while (seen < ticket && !last.compare_exchange_weak(seen, ticket)) {
    }
    return ticket;
}

void BatchedStore::settle(Slice slice) {
    _writer.waitFor(_lastWrite[slice].load());
}

// --- accounts: written through (the answer depends on the database) --------------------------

std::optional<Account> BatchedStore::findAccount(const std::string& username) {
    settle(kAccounts);
    return _sqlite.findAccount(username);
}

bool BatchedStore::insertAccount(const Account& account) {
    auto inserted = std::make_shared<std::optional<bool>>();
    const auto ticket = write(
        kAccounts,
        [account, inserted](SqliteStore& store) { *inserted = store.insertAccount(account); },
        sizeOf(account.username) + account.passwordHash.size());
    _writer.waitFor(ticket);
    if (!inserted->has_value())
        throw Poco::IOException("the account " + account.username + " could not be saved");
    return **inserted;
}

bool BatchedStore::updateAccountPassword(const Account& account) {
    auto updated = std::make_shared<std::optional<bool>>();
    const auto ticket = write(
        kAccounts,
        [account, updated](SqliteStore& store) { *updated = store.updateAccountPassword(account); },
        sizeOf(account.username) + account.passwordHash.size());
    _writer.waitFor(ticket);
    return updated->value_or(false);
}

std::size_t BatchedStore::accountCount() {
    settle(kAccounts);
    return _sqlite.accountCount();
}

// --- login history ------------------------------------------------------------------------------

std::int64_t BatchedStore::recordLogin(const LoginRecord& login) {
    LoginRecord numbered = login;
    numbered.id = ++_lastLoginId;
    write(
        kLogins, [numbered](SqliteStore& store) { store.recordLogin(numbered); },
        sizeOf(login.username) + login.address.size());
    return numbered.id;
}

void BatchedStore::recordLogout(std::int64_t id, Poco::Timestamp at) {
    write(
        kLogins, [id, at](SqliteStore& store) { store.recordLogout(id, at); }, 64);
}

std::vector<LoginRecord> BatchedStore::loginsSince(Poco::Timestamp since) {
    settle(kLogins);
    return _sqlite.loginsSince(since);
}

std::optional<Poco::Timestamp> BatchedStore::lastLogout(const std::string& username) {
    // Not settled: what is committed (and what the writer has run of an open batch). A login
    // asks this, and waiting for the queued logins to commit would make every login wait for
    // the disk; the presence service remembers the logouts of this run, which are the ones
    // that may still be queued.
    return _sqlite.lastLogout(username);
}

std::size_t BatchedStore::closeOpenLogins(Poco::Timestamp at) {
    auto closed = std::make_shared<std::size_t>(0);
    _writer.waitFor(write(
        kLogins, [at, closed](SqliteStore& store) { *closed = store.closeOpenLogins(at); }, 64));
    return *closed;
}

std::size_t BatchedStore::pruneLoginsBefore(Poco::Timestamp before) {
    auto pruned = std::make_shared<std::size_t>(0);
    _writer.waitFor(write(
        kLogins,
        [before, pruned](SqliteStore& store) { *pruned = store.pruneLoginsBefore(before); }, 64));
    return *pruned;
}

// --- board
// ----------------------------------------------------------------------------------------

std::int64_t BatchedStore::insertBoardPost(const BoardPost& post) {
    BoardPost numbered = post;
    numbered.id = ++_lastBoardPostId;
    write(
        kBoard, [numbered](SqliteStore& store) { store.insertBoardPost(numbered); },
        sizeOf(post.text));
    return numbered.id;
}

bool BatchedStore::updateBoardPost(const BoardPost& post) {
    write(
        kBoard, [post](SqliteStore& store) { store.updateBoardPost(post); }, sizeOf(post.text));
    return true;
}

bool BatchedStore::deleteBoardPost(std::int64_t id) {
    write(
        kBoard, [id](SqliteStore& store) { store.deleteBoardPost(id); }, 64);
    return true;
}

std::vector<BoardPost> BatchedStore::boardPosts() {
    settle(kBoard);
    return _sqlite.boardPosts();
}

// --- private messages ---------------------------------------------------------------------------

std::int64_t BatchedStore::insertDeliveredMessage(const PrivateMessage& message) {
    PrivateMessage numbered = message;
    numbered.id = ++_lastPrivateMessageId;
    write(
        kPrivateMessages,
        [numbered](SqliteStore& store) { store.insertDeliveredMessage(numbered); },
        sizeOf(message.text));
    return numbered.id;
}

std::int64_t BatchedStore::insertOfflineMessage(const PrivateMessage& message) {
    PrivateMessage numbered = message;
    numbered.id = ++_lastPrivateMessageId;
    write(
        kPrivateMessages, [numbered](SqliteStore& store) { store.insertOfflineMessage(numbered); },
        sizeOf(message.text));
    return numbered.id;
}

std::vector<PrivateMessage> BatchedStore::offlineMessagesFor(const std::string& recipient) {
    settle(kPrivateMessages);
    return _sqlite.offlineMessagesFor(recipient);
}

std::size_t BatchedStore::offlineMessageCount(const std::string& recipient) {
    settle(kPrivateMessages);
    return _sqlite.offlineMessageCount(recipient);
}

std::map<std::string, std::size_t> BatchedStore::offlineMessageCounts() {
    settle(kPrivateMessages);
    return _sqlite.offlineMessageCounts();
}

void BatchedStore::markOfflineMessagesDelivered(const std::vector<std::int64_t>& ids) {
    if (ids.empty())
        return;
    write(
        kPrivateMessages, [ids](SqliteStore& store) { store.markOfflineMessagesDelivered(ids); },
        ids.size() * sizeof(std::int64_t));
}

std::vector<PrivateMessage> BatchedStore::latestBetween(const std::string& a, const std::string& b,
                                                        std::size_t limit) {
    settle(kPrivateMessages);
    return _sqlite.latestBetween(a, b, limit);
}

// --- blocks
// ---------------------------------------------------------------------------------------

bool BatchedStore::insertBlock(const std::string& blocker, const std::string& blocked) {
    write(
        kBlocks, [blocker, blocked](SqliteStore& store) { store.insertBlock(blocker, blocked); },
        sizeOf(blocker) + blocked.size());
    return true;
}

bool BatchedStore::deleteBlock(const std::string& blocker, const std::string& blocked) {
    write(
        kBlocks, [blocker, blocked](SqliteStore& store) { store.deleteBlock(blocker, blocked); },
        sizeOf(blocker) + blocked.size());
    return true;
}

std::vector<std::pair<std::string, std::string>> BatchedStore::blocks() {
    settle(kBlocks);
    return _sqlite.blocks();
}

// --- rooms
// ----------------------------------------------------------------------------------------

std::int64_t BatchedStore::insertRoom(const Room& room) {
    Room numbered = room;
    numbered.id = ++_lastRoomId;
    write(
        kRooms, [numbered](SqliteStore& store) { store.insertRoom(numbered); },
        sizeOf(room.name) + room.members.size() * 64);
    return numbered.id;
}

void BatchedStore::upsertRoomMember(std::int64_t roomId, const RoomMember& member) {
    write(
        kRooms, [roomId, member](SqliteStore& store) { store.upsertRoomMember(roomId, member); },
        sizeOf(member.username));
}

void BatchedStore::updateRoomTopic(std::int64_t roomId, const RoomTopic& topic) {
    write(
        kRooms, [roomId, topic](SqliteStore& store) { store.updateRoomTopic(roomId, topic); },
        sizeOf(topic.text) + sizeOf(topic.setBy));
}

bool BatchedStore::deleteRoomMember(std::int64_t roomId, const std::string& username) {
    write(
        kRooms,
        [roomId, username](SqliteStore& store) { store.deleteRoomMember(roomId, username); },
        sizeOf(username));
    return true;
}

std::vector<Room> BatchedStore::rooms() {
    settle(kRooms);
    return _sqlite.rooms();
}

std::int64_t BatchedStore::insertRoomMessage(const RoomMessage& message) {
    RoomMessage numbered = message;
    numbered.id = ++_lastRoomMessageId;
    write(
        kRooms, [numbered](SqliteStore& store) { store.insertRoomMessage(numbered); },
        sizeOf(message.text));
    return numbered.id;
}

std::vector<RoomMessage> BatchedStore::roomMessages(std::int64_t roomId, std::int64_t fromMicros,
                                                    std::size_t limit) {
    settle(kRooms);
    return _sqlite.roomMessages(roomId, fromMicros, limit);
}

std::vector<RoomMessage> BatchedStore::latestRoomMessages(std::int64_t roomId,
                                                          std::int64_t fromMicros, int beforeNumber,
                                                          std::size_t limit) {
    settle(kRooms);
    return _sqlite.latestRoomMessages(roomId, fromMicros, beforeNumber, limit);
}

std::vector<std::pair<std::string, std::size_t>>
BatchedStore::roomMessageCounts(std::int64_t roomId, std::int64_t fromMicros) {
    settle(kRooms);
    return _sqlite.roomMessageCounts(roomId, fromMicros);
}

std::vector<RoomMessage> BatchedStore::latestRoomMessages(std::int64_t roomId, std::size_t limit) {
    settle(kRooms);
    return _sqlite.latestRoomMessages(roomId, limit);
}

} // namespace toom
