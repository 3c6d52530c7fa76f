#pragma once
// The durable store: everything the server must remember across restarts. SqliteStore is the
// implementation (one SQLite file, WAL, every write in a transaction); tests may use it on a
// temporary file or mock this interface. Later features add their tables here.

#include "models/BoardPost.h"
#include "models/Presence.h"
#include "models/PrivateMessage.h"
#include "models/Room.h"
#include "models/User.h"

#include <Poco/Timestamp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace toom {

class Store {
public:
    virtual ~Store() = default;

    // --- accounts -------------------------------------------------------------------------

    /// The account called `username` (exact, case-sensitive match), if any.
    virtual std::optional<Account> findAccount(const std::string& username) = 0;

    /// Adds an account. False (and nothing written) when the name exists.
    virtual bool insertAccount(const Account& account) = 0;

    /// Replaces salt, hash and iteration count of an existing account. False when absent.
    virtual bool updateAccountPassword(const Account& account) = 0;

    /// Number of accounts.
    virtual std::size_t accountCount() = 0;

    // --- login history (whoelsesince) -----------------------------------------------------

    /// Records a login; returns its id for recordLogout.
    virtual std::int64_t recordLogin(const LoginRecord& login) = 0;

    /// Sets the logout time of login `id`.
    virtual void recordLogout(std::int64_t id, Poco::Timestamp at) = 0;

    /// Logins whose session overlaps [since, now]: logged out at or after `since`, or not
    /// logged out; ordered by login time.
    virtual std::vector<LoginRecord> loginsSince(Poco::Timestamp since) = 0;

    /// Closes every login left open (a previous run that died) as logged out at `at`.
    /// Returns how many were closed.
    virtual std::size_t closeOpenLogins(Poco::Timestamp at) = 0;

    /// Deletes logins that ended before `before` (bounds the history). Returns how many.
    virtual std::size_t pruneLoginsBefore(Poco::Timestamp before) = 0;

    // --- public board -----------------------------------------------------------------------

    /// Adds a post (its id and number are ignored); returns the new post's id.
    virtual std::int64_t insertBoardPost(const BoardPost& post) = 0;

    /// Replaces the text, time and edited flag of post `id`. False when absent.
    virtual bool updateBoardPost(const BoardPost& post) = 0;

    /// Deletes post `id`. False when absent.
    virtual bool deleteBoardPost(std::int64_t id) = 0;

    /// Every post in posting order, numbered from 1.
    virtual std::vector<BoardPost> boardPosts() = 0;

    // --- offline private messages -------------------------------------------------------------

    /// Queues a message for an offline recipient; returns its id.
    virtual std::int64_t insertOfflineMessage(const PrivateMessage& message) = 0;

    /// The messages waiting for `recipient`, oldest first.
    virtual std::vector<PrivateMessage> offlineMessagesFor(const std::string& recipient) = 0;

    /// How many messages wait for `recipient`.
    virtual std::size_t offlineMessageCount(const std::string& recipient) = 0;

    /// Removes delivered messages.
    virtual void deleteOfflineMessages(const std::vector<std::int64_t>& ids) = 0;

    // --- blocks ---------------------------------------------------------------------------

    /// Records that `blocker` blocks `blocked`. False when it already did.
    virtual bool insertBlock(const std::string& blocker, const std::string& blocked) = 0;

    /// Removes that block. False when there was none.
    virtual bool deleteBlock(const std::string& blocker, const std::string& blocked) = 0;

    /// Every block as (blocker, blocked) pairs.
    virtual std::vector<std::pair<std::string, std::string>> blocks() = 0;

    // --- rooms and groups -----------------------------------------------------------------

    /// Adds a room with its members; returns its id.
    virtual std::int64_t insertRoom(const Room& room) = 0;

    /// Adds or updates one member of room `roomId`.
    virtual void upsertRoomMember(std::int64_t roomId, const RoomMember& member) = 0;

    /// Removes one member of room `roomId`. False when not a member.
    virtual bool deleteRoomMember(std::int64_t roomId, const std::string& username) = 0;

    /// Every room with its members, in creation order.
    virtual std::vector<Room> rooms() = 0;

    /// Adds a message (its number set by the caller); returns its id.
    virtual std::int64_t insertRoomMessage(const RoomMessage& message) = 0;

    /// Messages of room `roomId` whose time is at or after `fromMicros` (microseconds since
    /// the epoch), in number order, at most `limit`.
    virtual std::vector<RoomMessage> roomMessages(std::int64_t roomId, std::int64_t fromMicros,
                                                  std::size_t limit) = 0;

    /// The highest message number in room `roomId` (0 when none).
    virtual int lastRoomMessageNumber(std::int64_t roomId) = 0;
};

} // namespace toom
