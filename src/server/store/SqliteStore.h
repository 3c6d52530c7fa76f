#pragma once
// The Store on one SQLite file (Poco::Data's SQLite connector).
//
// Durability: the database runs in WAL mode with synchronous=NORMAL and every write is one
// transaction, so a committed write survives the server process being killed (kill -9). In a
// batch (beginBatch .. commitBatch, the StoreWriter's group commit) the writes share one
// transaction instead, each job a savepoint of it (beginWrite .. endWrite): each is still all or
// nothing, and one commit makes them all durable.
//
// Threads: a Poco::Data::Session is not thread-safe, so the store owns one session behind one
// mutex, and every public method holds that mutex for its whole duration. Calls are short
// (indexed lookups and single-row writes), so serialising them costs little. In the server only
// the StoreWriter's thread writes (BatchedStore); reads come from any thread.
//
// Schema: an ordered list of migration steps in SqliteStore.cpp. `PRAGMA user_version` records
// how many have been applied; opening the store applies the missing ones in order, each in its
// own transaction together with the user_version bump. To add a table (or a column, or an
// index), append a migration step; never edit or reorder a step that has shipped.

#include "common/Mutex.h"
#include "server/store/Store.h"

#include <Poco/Data/Session.h>

#include <string>

struct sqlite3_stmt;

namespace toom {

class SqliteStore final : public Store {
public:
    /// Opens (creating if needed) the database at `path`, creating missing parent directories,
    /// and brings its schema up to date. Throws Poco::Exception when the file cannot be opened,
    /// when a migration fails (a failed step is rolled back and leaves the earlier ones
    /// intact), or when the database comes from a newer build (its schema version is above
    /// latestSchemaVersion()), since this build cannot know what the newer steps changed.
    explicit SqliteStore(const std::string& path);

    ~SqliteStore() override;

    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    /// The database file path as given to the constructor.
    std::string path() const;

    /// The schema version of the open database (its `PRAGMA user_version`).
    int schemaVersion();

    /// The schema version this build migrates to (the number of migration steps).
    static int latestSchemaVersion();

    /// What clearRunState() removed, table by table.
    struct ClearedRunState {
        std::size_t logins = 0;
        std::size_t boardPosts = 0;
        std::size_t privateMessages = 0;
        std::size_t blocks = 0;
        std::size_t rooms = 0;
        std::size_t roomMessages = 0;
    };

    /// Forgets everything a previous run left except the accounts: login history, board posts,
    /// private messages, blocks, rooms and groups with their members and messages. It is
    /// one transaction (all of it or none), and the row ids start again from 1, so a fresh run's
    /// posts, rooms and messages are numbered as in a new database. For the seeds' runs, which
    /// keep no state across runs (see ToomServer, ServerOptions::keepState); call it before any
    /// service reads the store.
    ClearedRunState clearRunState();

    /// Opens a batch: the writes until commitBatch() are one transaction. One thread at a time
    /// (the writer's): a write from another thread meanwhile would join the batch.
    void beginBatch();
    /// In a batch, around each job: a savepoint, so that a failing job (endWrite(false)) is
    /// undone alone, all of its writes, and the rest of the batch still commits.
    void beginWrite();
    void endWrite(bool keep);
    /// Commits the batch. Throws (after rolling the whole batch back) when the commit fails.
    void commitBatch();

    /// The highest id each numbered table has given (0 for none): where BatchedStore, which
    /// numbers writes before they run, starts counting.
    struct LastIds {
        std::int64_t login = 0;
        std::int64_t boardPost = 0;
        std::int64_t privateMessage = 0;
        std::int64_t room = 0;
        std::int64_t roomMessage = 0;
    };
    LastIds lastIds();

    /// Every private message, delivered or waiting, in sending order (tests, tools).
    std::vector<PrivateMessage> privateMessages();

    /// See Store::findAccount.
    std::optional<Account> findAccount(const std::string& username) override;
    /// See Store::insertAccount.
    bool insertAccount(const Account& account) override;
    /// See Store::updateAccountPassword.
    bool updateAccountPassword(const Account& account) override;
    /// See Store::accountCount.
    std::size_t accountCount() override;

    /// See Store::recordLogin.
    std::int64_t recordLogin(const LoginRecord& login) override;
    /// See Store::recordLogout.
    void recordLogout(std::int64_t id, Poco::Timestamp at) override;
    /// See Store::loginsSince.
    std::vector<LoginRecord> loginsSince(Poco::Timestamp since) override;
    /// See Store::lastLogout.
    std::optional<Poco::Timestamp> lastLogout(const std::string& username) override;
    /// See Store::closeOpenLogins.
    std::size_t closeOpenLogins(Poco::Timestamp at) override;
    /// See Store::pruneLoginsBefore.
    std::size_t pruneLoginsBefore(Poco::Timestamp before) override;

    std::int64_t insertBoardPost(const BoardPost& post) override;
    bool updateBoardPost(const BoardPost& post) override;
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

    bool insertBlock(const std::string& blocker, const std::string& blocked) override;
    bool deleteBlock(const std::string& blocker, const std::string& blocked) override;
    std::vector<std::pair<std::string, std::string>> blocks() override;

    std::int64_t insertRoom(const Room& room) override;
    void upsertRoomMember(std::int64_t roomId, const RoomMember& member) override;
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
    /// The highest message number in room `roomId` (0 when none): for tests and tools; the
    /// room service numbers from memory.
    int lastRoomMessageNumber(std::int64_t roomId);

private:
    void configure() TOOM_REQUIRES(_mutex);
    void migrate() TOOM_REQUIRES(_mutex);
    /// Sets username_key where it is missing (rows from before the column, or written by an
    /// older build). Idempotent and cheap when nothing is missing.
    void fillUsernameKeys() TOOM_REQUIRES(_mutex);
    int userVersion() TOOM_REQUIRES(_mutex);
    std::int64_t insertPrivateMessage(const PrivateMessage& message, bool waiting);
    void execRaw(const char* sql) TOOM_REQUIRES(_mutex);
    /// Runs the statement-free SQL `sql` (a savepoint command) through `statement`, prepared
    /// the first time: the writer runs two per job, and sqlite3_exec parses its text each time.
    void execPrepared(sqlite3_stmt*& statement, const char* sql) TOOM_REQUIRES(_mutex);

    std::string _path;
    /// A Poco::Data session is not thread-safe: every use of it, SQL and all, is under this
    /// mutex, the store's serialisation point (held across disk I/O by design).
    Mutex _mutex;
    Poco::Data::Session _session TOOM_GUARDED_BY(_mutex);
    bool _batchOpen TOOM_GUARDED_BY(_mutex) = false;
    /// The private-message insert, prepared once (see insertPrivateMessage).
    sqlite3_stmt* _insertPrivateMessage TOOM_GUARDED_BY(_mutex) = nullptr;
    /// The writer's per-job savepoint commands, prepared once (see execPrepared).
    sqlite3_stmt* _savepoint TOOM_GUARDED_BY(_mutex) = nullptr;
    sqlite3_stmt* _release TOOM_GUARDED_BY(_mutex) = nullptr;
    sqlite3_stmt* _rollbackTo TOOM_GUARDED_BY(_mutex) = nullptr;
};

} // namespace toom
