#include "server/store/SqliteStore.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <Poco/File.h>
#include <Poco/Nullable.h>
#include <Poco/Path.h>

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <mutex>
#include <sqlite3.h>
#include <type_traits>

using namespace Poco::Data::Keywords;

namespace toom {

namespace {

// One schema migration: statements run in order inside a single transaction. Poco's SQLite
// statement runs one SQL statement per string, hence the list.
struct Migration {
    const char* description;
    std::vector<std::string> statements;
};

// The schema history. Step i (0-based) moves the database from user_version i to i + 1.
// Append only: a database in the field may be at any earlier version.
// A new table that holds what a run leaves behind (anything but accounts) must be emptied by
// clearRunState() too, or a fresh seed run would inherit it.
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {"accounts and login history",
         {
             "CREATE TABLE accounts ("
             " username TEXT PRIMARY KEY,"
             " salt TEXT NOT NULL,"
             " password_hash TEXT NOT NULL,"
             " iterations INTEGER NOT NULL,"
             " created_at INTEGER NOT NULL)",
             "CREATE TABLE logins ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " username TEXT NOT NULL,"
             " address TEXT NOT NULL,"
             " udp_port INTEGER NOT NULL,"
             " login_at INTEGER NOT NULL,"
             " logout_at INTEGER)",
             // loginsSince filters on logout_at (>= since, or NULL; SQLite serves both arms of
             // the OR from this index) and sorts by login_at. closeOpenLogins and
             // pruneLoginsBefore use the logout_at index too.
             "CREATE INDEX logins_logout_at ON logins(logout_at)",
             "CREATE INDEX logins_login_at ON logins(login_at)",
         }},
        {"public board, offline private messages, blocks",
         {
             // A post's number is its position by id; deleting renumbers the later ones.
             "CREATE TABLE board_posts ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " author TEXT NOT NULL,"
             " text TEXT NOT NULL,"
             " time INTEGER NOT NULL,"
             " edited INTEGER NOT NULL DEFAULT 0)",
             "CREATE TABLE offline_messages ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " sender TEXT NOT NULL,"
             " recipient TEXT NOT NULL,"
             " text TEXT NOT NULL,"
             " sent_at INTEGER NOT NULL)",
             "CREATE INDEX offline_messages_recipient ON offline_messages(recipient, id)",
             "CREATE TABLE blocks ("
             " blocker TEXT NOT NULL,"
             " blocked TEXT NOT NULL,"
             " PRIMARY KEY (blocker, blocked))",
         }},
        {"rooms and groups",
         {
             // kind: 0 separate room (number), 1 group (name).
             "CREATE TABLE rooms ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " kind INTEGER NOT NULL,"
             " number INTEGER NOT NULL,"
             " name TEXT NOT NULL,"
             " creator TEXT NOT NULL,"
             " created_at INTEGER NOT NULL)",
             "CREATE TABLE room_members ("
             " room_id INTEGER NOT NULL REFERENCES rooms(id),"
             " position INTEGER NOT NULL,"
             " username TEXT NOT NULL,"
             " joined INTEGER NOT NULL,"
             " PRIMARY KEY (room_id, username))",
             "CREATE TABLE room_messages ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " room_id INTEGER NOT NULL REFERENCES rooms(id),"
             " number INTEGER NOT NULL,"
             " sender TEXT NOT NULL,"
             " text TEXT NOT NULL,"
             " time INTEGER NOT NULL)",
             "CREATE INDEX room_messages_room ON room_messages(room_id, number)",
         }},
        {"every private message kept, delivered or waiting",
         {
             // waiting: 1 while the recipient has not received it (the offline queue), 0 once
             // delivered (the history between two users).
             "CREATE TABLE private_messages ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " sender TEXT NOT NULL,"
             " recipient TEXT NOT NULL,"
             " text TEXT NOT NULL,"
             " sent_at INTEGER NOT NULL,"
             " waiting INTEGER NOT NULL)",
             "INSERT INTO private_messages (id, sender, recipient, text, sent_at, waiting)"
             " SELECT id, sender, recipient, text, sent_at, 1 FROM offline_messages",
             "DROP TABLE offline_messages",
             // The queue is read per recipient and is small: a partial index holds only it.
             "CREATE INDEX private_messages_waiting ON private_messages(recipient, id)"
             " WHERE waiting = 1",
             "CREATE INDEX private_messages_pair ON private_messages(sender, recipient, id)",
         }},
        {"a mark of the credentials line each password was imported from",
         {
             "ALTER TABLE accounts ADD COLUMN import_mark TEXT NOT NULL DEFAULT ''",
         }},
        {"usernames compared without regard to case",
         {
             // usernameKey(username), filled in by fillUsernameKeys() (the folding is C++'s,
             // not SQLite's ASCII-only lower()). Not UNIQUE: a database from before may hold
             // `Yoda` and `yoda`; both keep their rows, and lookups find the older one.
             "ALTER TABLE accounts ADD COLUMN username_key TEXT",
             "CREATE INDEX accounts_username_key ON accounts(username_key, created_at)",
         }},
        {"a user's last logout found without a scan (the backlog at login)",
         {
             "CREATE INDEX logins_username ON logins(username, logout_at)",
         }},
        {"open groups (IRC channels anyone may join) and group topics",
         {
             "ALTER TABLE rooms ADD COLUMN open INTEGER NOT NULL DEFAULT 0",
             "ALTER TABLE rooms ADD COLUMN topic TEXT NOT NULL DEFAULT ''",
             "ALTER TABLE rooms ADD COLUMN topic_by TEXT NOT NULL DEFAULT ''",
             "ALTER TABLE rooms ADD COLUMN topic_at INTEGER NOT NULL DEFAULT 0",
         }},
    };
    return steps;
}

// Times are stored as microseconds since the Unix epoch (Timestamp's own resolution).
Poco::Int64 toMicros(const Poco::Timestamp& time) {
    return time.epochMicroseconds();
}

Poco::Timestamp fromMicros(Poco::Int64 micros) {
    return Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(micros));
}

Poco::Data::Session openSession(const std::string& path) {
    // Registering twice is harmless in Poco, but concurrent registration races on the session
    // factory's map; call_once makes it safe however many stores are opened, from any thread.
    static std::once_flag registered;
    std::call_once(registered, [] { Poco::Data::SQLite::Connector::registerConnector(); });

    Poco::Path parent = Poco::Path(path).makeAbsolute().parent();
    Poco::File(parent).createDirectories();
    return Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, path);
}

// Runs `fn` as one all-or-nothing write: committed if it returns, rolled back if it throws (and
// the exception passed on). Every write goes through here. Inside a batch (see beginBatch) it
// only runs `fn`: the batch's writer has opened a savepoint around the whole job (beginWrite),
// which it releases or rolls back, so a job of several writes is all or nothing too.
// `fn` gets the session as its argument: it runs under the store's mutex, but the analysis
// sees a lambda as a function of its own, which would not know that.
template <typename Fn>
auto inTransaction(Poco::Data::Session& session, bool inBatch, Fn&& fn) -> decltype(fn(session)) {
    if (inBatch)
        return fn(session);
    session.begin();
    try {
        if constexpr (std::is_void_v<decltype(fn(session))>) {
            fn(session);
            session.commit();
        } else {
            auto result = fn(session);
            session.commit();
            return result;
        }
    } catch (...) {
        try {
            session.rollback();
        } catch (...) {
            // Keep the original exception; a failed rollback has nothing more to tell.
        }
        throw;
    }
}

// The id a write asked for, or NULL (SQLite then picks the next one): see the Store slices'
// "a nonzero id is used as the id".
Poco::Nullable<Poco::Int64> requestedId(std::int64_t id) {
    if (id == 0)
        return Poco::Nullable<Poco::Int64>();
    return Poco::Nullable<Poco::Int64>(id);
}

// The id of the row just inserted: the one asked for, or the one SQLite chose.
std::int64_t insertedId(Poco::Data::Session& session, std::int64_t requested) {
    if (requested != 0)
        return requested;
    Poco::Int64 id = 0;
    session << "SELECT last_insert_rowid()", into(id), now;
    return static_cast<std::int64_t>(id);
}

// Rows changed by the last statement on `session`.
std::size_t changesOf(Poco::Data::Session& session) {
    Poco::Int64 count = 0;
    session << "SELECT changes()", into(count), now;
    return static_cast<std::size_t>(count);
}

} // namespace

SqliteStore::SqliteStore(const std::string& path)
    : _path(path)
    , _session(openSession(path)) {
    MutexLock lock(_mutex);
    configure();
    migrate();
}

SqliteStore::~SqliteStore() {
    MutexLock lock(_mutex);
    // Before the connection closes; null is fine.
    for (sqlite3_stmt** statement :
         {&_insertPrivateMessage, &_savepoint, &_release, &_rollbackTo}) {
        sqlite3_finalize(*statement);
        *statement = nullptr;
    }
    try {
        _session.close();
    } catch (...) {
        // Closing never fails in practice; a destructor must not throw regardless.
    }
}

std::string SqliteStore::path() const {
    return _path;
}

int SqliteStore::latestSchemaVersion() {
    return static_cast<int>(migrations().size());
}

void SqliteStore::beginBatch() {
    MutexLock lock(_mutex);
    _session.begin();
    _batchOpen = true;
}

void SqliteStore::commitBatch() {
    MutexLock lock(_mutex);
    _batchOpen = false;
    try {
        _session.commit();
    } catch (...) {
        try {
            _session.rollback();
        } catch (...) {
            // The commit's own error is the one to report.
        }
        throw;
    }
}

// The savepoints and the private-message insert are the writer's per-write statements: they go
// to SQLite directly (a prepared statement kept for the insert), since Poco::Data prepares,
// binds and finalises a statement object per call, which cost several times the SQL itself.
void SqliteStore::execRaw(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(Poco::Data::SQLite::Utility::dbHandle(_session), sql, nullptr, nullptr,
                     &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw Poco::Data::DataException(std::string(sql) + ": " + message);
    }
}

void SqliteStore::execPrepared(sqlite3_stmt*& statement, const char* sql) {
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(_session);
    if (!statement && sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        throw Poco::Data::DataException(std::string(sql) + ": " + sqlite3_errmsg(db));
    const int result = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (result != SQLITE_DONE)
        throw Poco::Data::DataException(std::string(sql) + ": " + sqlite3_errmsg(db));
}

void SqliteStore::beginWrite() {
    MutexLock lock(_mutex);
    execPrepared(_savepoint, "SAVEPOINT job");
}

void SqliteStore::endWrite(bool keep) {
    MutexLock lock(_mutex);
    if (!keep)
        execPrepared(_rollbackTo, "ROLLBACK TO job");
    execPrepared(_release, "RELEASE job");
}

SqliteStore::LastIds SqliteStore::lastIds() {
    MutexLock lock(_mutex);
    // The highest id ever given (sqlite_sequence, which AUTOINCREMENT keeps even when the row
    // is gone) or present, whichever is larger, so that no id is ever given twice.
    auto last = [this](const std::string& table) TOOM_REQUIRES(_mutex) {
        Poco::Int64 inTable = 0;
        _session << "SELECT COALESCE(MAX(id), 0) FROM " + table, into(inTable), now;
        std::vector<Poco::Int64> given;
        std::string name = table;
        _session << "SELECT seq FROM sqlite_sequence WHERE name = ?", into(given), use(name), now;
        return std::max<std::int64_t>(inTable, given.empty() ? 0 : given.front());
    };
    LastIds ids;
    ids.login = last("logins");
    ids.boardPost = last("board_posts");
    ids.privateMessage = last("private_messages");
    ids.room = last("rooms");
    ids.roomMessage = last("room_messages");
    return ids;
}

int SqliteStore::schemaVersion() {
    MutexLock lock(_mutex);
    return userVersion();
}

void SqliteStore::configure() {
    // WAL: readers never block the writer, and a commit appends to the -wal file rather than
    // rewriting pages in place. With synchronous=NORMAL the WAL is not fsync'ed at every
    // commit, only at checkpoints: a commit is in the OS page cache when it returns, so it
    // survives the process dying (kill -9, crash) and only an OS crash or power cut may lose
    // the last few commits, never corrupt the file. FULL would fsync every commit, which costs
    // milliseconds per login for a guarantee a chat server's history does not need.
    std::string journalMode;
    _session << "PRAGMA journal_mode=WAL", into(journalMode), now;
    _session << "PRAGMA synchronous=NORMAL", now;
    _session << "PRAGMA foreign_keys=ON", now;
    // The store's own mutex serialises this process; the timeout covers another process
    // (a backup, the sqlite3 shell) holding the file briefly.
    int busyTimeoutMs = 5000;
    _session << "PRAGMA busy_timeout=" + std::to_string(busyTimeoutMs), now;
    // The writer's batches touch index pages all over private_messages_pair (one per
    // conversation); with SQLite's default 2 MiB page cache a batch of a few thousand
    // messages spilled pages to the WAL before its commit (sqlite3PcacheFetchStress in the
    // profile). 32 MiB holds a batch; it is only used as the database grows.
    _session << "PRAGMA cache_size=-32768", now;
}

int SqliteStore::userVersion() {
    int version = 0;
    _session << "PRAGMA user_version", into(version), now;
    return version;
}

void SqliteStore::migrate() {
    const auto& steps = migrations();
    const int current = userVersion();
    if (current > static_cast<int>(steps.size())) {
        throw Poco::Data::DataException("database " + _path + " has schema version " +
                                        std::to_string(current) + ", newer than this build's " +
                                        std::to_string(steps.size()));
    }
    for (int version = current; version < static_cast<int>(steps.size()); ++version) {
        inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
            for (const std::string& sql : steps[static_cast<std::size_t>(version)].statements) {
                session << sql, now;
            }
            // user_version lives in the database header, which is written as part of the
            // transaction: the step and its version bump commit or roll back together.
            session << "PRAGMA user_version=" + std::to_string(version + 1), now;
        });
    }
    fillUsernameKeys();
}

void SqliteStore::fillUsernameKeys() {
    std::vector<std::string> names;
    _session << "SELECT username FROM accounts WHERE username_key IS NULL", into(names), now;
    if (names.empty())
        return;
    inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        for (std::string& name : names) {
            std::string key = usernameKey(name);
            session << "UPDATE accounts SET username_key = ? WHERE username = ?", use(key),
                use(name), now;
        }
    });
}

SqliteStore::ClearedRunState SqliteStore::clearRunState() {
    MutexLock lock(_mutex);
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        ClearedRunState cleared;
        auto clear = [&session](const std::string& table) {
            session << "DELETE FROM " + table, now;
            return changesOf(session);
        };
        // Children before parents: room_members and room_messages reference rooms.
        cleared.roomMessages = clear("room_messages");
        clear("room_members");
        cleared.rooms = clear("rooms");
        cleared.privateMessages = clear("private_messages");
        cleared.blocks = clear("blocks");
        cleared.boardPosts = clear("board_posts");
        cleared.logins = clear("logins");
        // AUTOINCREMENT never reuses an id while sqlite_sequence remembers the highest one;
        // forgetting it makes the fresh run's ids start from 1 as in a new database. The
        // accounts table has no AUTOINCREMENT, so nothing of it is here.
        session << "DELETE FROM sqlite_sequence WHERE name IN ('room_messages', 'rooms',"
                   " 'private_messages', 'board_posts', 'logins')",
            now;
        return cleared;
    });
}

std::optional<Account> SqliteStore::findAccount(const std::string& username) {
    MutexLock lock(_mutex);
    std::string key = usernameKey(username);
    std::vector<std::string> names;
    std::vector<std::string> salts;
    std::vector<std::string> hashes;
    std::vector<int> iterations;
    std::vector<Poco::Int64> createdAt;
    std::vector<std::string> marks;
    // The oldest account with this key wins (rowid breaks a tie of equal creation times).
    _session << "SELECT username, salt, password_hash, iterations, created_at, import_mark"
                " FROM accounts WHERE username_key = ? ORDER BY created_at, rowid LIMIT 1",
        into(names), into(salts), into(hashes), into(iterations), into(createdAt), into(marks),
        use(key), now;
    if (salts.empty()) {
        return std::nullopt;
    }
    Account account;
    account.username = names.front();
    account.salt = salts.front();
    account.passwordHash = hashes.front();
    account.iterations = iterations.front();
    account.createdAt = fromMicros(createdAt.front());
    account.importMark = marks.front();
    return account;
}

bool SqliteStore::insertAccount(const Account& account) {
    MutexLock lock(_mutex);
    std::string name = account.username;
    std::string salt = account.salt;
    std::string hash = account.passwordHash;
    int iterations = account.iterations;
    Poco::Int64 createdAt = toMicros(account.createdAt);
    std::string mark = account.importMark;
    std::string key = usernameKey(account.username);
    std::string keyAgain = key;
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        // "Name taken" is an ordinary outcome, decided in the statement: no row with the same
        // key (one connection, one writer, so the check and the insert cannot interleave with
        // another insert), and ON CONFLICT DO NOTHING for the primary key.
        session << "INSERT INTO accounts (username, salt, password_hash, iterations, created_at,"
                   " import_mark, username_key) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                   " (SELECT 1 FROM accounts WHERE username_key = ?)"
                   " ON CONFLICT(username) DO NOTHING",
            use(name), use(salt), use(hash), use(iterations), use(createdAt), use(mark), use(key),
            use(keyAgain), now;
        return changesOf(session) == 1;
    });
}

bool SqliteStore::updateAccountPassword(const Account& account) {
    MutexLock lock(_mutex);
    std::string name = account.username;
    std::string salt = account.salt;
    std::string hash = account.passwordHash;
    int iterations = account.iterations;
    std::string mark = account.importMark;
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "UPDATE accounts SET salt = ?, password_hash = ?, iterations = ?,"
                   " import_mark = ? WHERE username = ?",
            use(salt), use(hash), use(iterations), use(mark), use(name), now;
        return changesOf(session) == 1;
    });
}

std::size_t SqliteStore::accountCount() {
    MutexLock lock(_mutex);
    Poco::Int64 count = 0;
    _session << "SELECT COUNT(*) FROM accounts", into(count), now;
    return static_cast<std::size_t>(count);
}

std::int64_t SqliteStore::recordLogin(const LoginRecord& login) {
    MutexLock lock(_mutex);
    std::string name = login.username;
    std::string address = login.address;
    int udpPort = login.udpPort;
    Poco::Int64 loginAt = toMicros(login.loginAt);
    auto id = requestedId(login.id);
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        if (login.logoutAt) {
            Poco::Int64 logoutAt = toMicros(*login.logoutAt);
            session << "INSERT INTO logins (id, username, address, udp_port, login_at, logout_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                use(id), use(name), use(address), use(udpPort), use(loginAt), use(logoutAt), now;
        } else {
            session << "INSERT INTO logins (id, username, address, udp_port, login_at)"
                       " VALUES (?, ?, ?, ?, ?)",
                use(id), use(name), use(address), use(udpPort), use(loginAt), now;
        }
        // Same connection, same transaction, under the mutex: this is our row's id.
        return insertedId(session, login.id);
    });
}

void SqliteStore::recordLogout(std::int64_t id, Poco::Timestamp at) {
    MutexLock lock(_mutex);
    Poco::Int64 rowId = id;
    Poco::Int64 logoutAt = toMicros(at);
    inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "UPDATE logins SET logout_at = ? WHERE id = ?", use(logoutAt), use(rowId), now;
    });
}

std::vector<LoginRecord> SqliteStore::loginsSince(Poco::Timestamp since) {
    MutexLock lock(_mutex);
    Poco::Int64 sinceMicros = toMicros(since);
    std::vector<std::string> names;
    std::vector<std::string> addresses;
    std::vector<int> ports;
    std::vector<Poco::Int64> loginAts;
    std::vector<int> closed;
    std::vector<Poco::Int64> logoutAts;
    // NULL logout_at is reported as a flag plus a dummy value: plain vectors of integers
    // extract reliably, where NULL into an integer would need Nullable handling.
    _session << "SELECT username, address, udp_port, login_at,"
                " logout_at IS NOT NULL, COALESCE(logout_at, 0)"
                " FROM logins WHERE logout_at IS NULL OR logout_at >= ?"
                " ORDER BY login_at, id",
        into(names), into(addresses), into(ports), into(loginAts), into(closed), into(logoutAts),
        use(sinceMicros), now;

    std::vector<LoginRecord> result;
    result.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        LoginRecord record;
        record.username = names[i];
        record.address = addresses[i];
        record.udpPort = ports[i];
        record.loginAt = fromMicros(loginAts[i]);
        if (closed[i] != 0) {
            record.logoutAt = fromMicros(logoutAts[i]);
        }
        result.push_back(std::move(record));
    }
    return result;
}

std::optional<Poco::Timestamp> SqliteStore::lastLogout(const std::string& username) {
    MutexLock lock(_mutex);
    std::string name = username;
    int closed = 0;
    Poco::Int64 latest = 0;
    // As in loginsSince: a count and a COALESCE instead of a NULL into an integer.
    _session << "SELECT COUNT(logout_at), COALESCE(MAX(logout_at), 0) FROM logins"
                " WHERE username = ? AND logout_at IS NOT NULL",
        into(closed), into(latest), use(name), now;
    if (closed == 0)
        return std::nullopt;
    return fromMicros(latest);
}

std::size_t SqliteStore::closeOpenLogins(Poco::Timestamp at) {
    MutexLock lock(_mutex);
    Poco::Int64 logoutAt = toMicros(at);
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "UPDATE logins SET logout_at = ? WHERE logout_at IS NULL", use(logoutAt), now;
        return changesOf(session);
    });
}

std::size_t SqliteStore::pruneLoginsBefore(Poco::Timestamp before) {
    MutexLock lock(_mutex);
    Poco::Int64 beforeMicros = toMicros(before);
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "DELETE FROM logins WHERE logout_at < ?", use(beforeMicros), now;
        return changesOf(session);
    });
}

// --- public board ------------------------------------------------------------------------

std::int64_t SqliteStore::insertBoardPost(const BoardPost& post) {
    MutexLock lock(_mutex);
    std::string author = post.author;
    std::string text = post.text;
    Poco::Int64 time = toMicros(post.time);
    int edited = post.edited ? 1 : 0;
    auto id = requestedId(post.id);
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "INSERT INTO board_posts (id, author, text, time, edited)"
                   " VALUES (?, ?, ?, ?, ?)",
            use(id), use(author), use(text), use(time), use(edited), now;
        return insertedId(session, post.id);
    });
}

bool SqliteStore::updateBoardPost(const BoardPost& post) {
    MutexLock lock(_mutex);
    Poco::Int64 id = post.id;
    std::string text = post.text;
    Poco::Int64 time = toMicros(post.time);
    int edited = post.edited ? 1 : 0;
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "UPDATE board_posts SET text = ?, time = ?, edited = ? WHERE id = ?", use(text),
            use(time), use(edited), use(id), now;
        return changesOf(session) == 1;
    });
}

bool SqliteStore::deleteBoardPost(std::int64_t id) {
    MutexLock lock(_mutex);
    Poco::Int64 rowId = id;
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "DELETE FROM board_posts WHERE id = ?", use(rowId), now;
        return changesOf(session) == 1;
    });
}

std::vector<BoardPost> SqliteStore::boardPosts() {
    MutexLock lock(_mutex);
    std::vector<Poco::Int64> ids;
    std::vector<std::string> authors;
    std::vector<std::string> texts;
    std::vector<Poco::Int64> times;
    std::vector<int> edited;
    _session << "SELECT id, author, text, time, edited FROM board_posts ORDER BY id", into(ids),
        into(authors), into(texts), into(times), into(edited), now;
    std::vector<BoardPost> posts;
    posts.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        posts.push_back(BoardPost{ids[i], static_cast<int>(i + 1), authors[i], texts[i],
                                  fromMicros(times[i]), edited[i] != 0});
    }
    return posts;
}

// --- private messages ------------------------------------------------------------------------

std::int64_t SqliteStore::insertPrivateMessage(const PrivateMessage& message, bool waiting) {
    MutexLock lock(_mutex);
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(_session);
    if (!_insertPrivateMessage) {
        const char* sql = "INSERT INTO private_messages (id, sender, recipient, text, sent_at,"
                          " waiting) VALUES (?, ?, ?, ?, ?, ?)";
        if (sqlite3_prepare_v2(db, sql, -1, &_insertPrivateMessage, nullptr) != SQLITE_OK)
            throw Poco::Data::DataException(std::string("prepare: ") + sqlite3_errmsg(db));
    }
    sqlite3_stmt* statement = _insertPrivateMessage;
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (message.id != 0)
        sqlite3_bind_int64(statement, 1, message.id);
    else
        sqlite3_bind_null(statement, 1);
    sqlite3_bind_text(statement, 2, message.sender.data(), static_cast<int>(message.sender.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(statement, 3, message.recipient.data(),
                      static_cast<int>(message.recipient.size()), SQLITE_STATIC);
    sqlite3_bind_text(statement, 4, message.text.data(), static_cast<int>(message.text.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(statement, 5, toMicros(message.sentAt));
    sqlite3_bind_int(statement, 6, waiting ? 1 : 0);
    // Outside a batch the statement is its own transaction (SQLite's autocommit), which is all
    // or nothing as inTransaction would make it.
    const int result = sqlite3_step(statement);
    sqlite3_reset(statement); // Releases the bound strings' use and the statement's locks.
    if (result != SQLITE_DONE)
        throw Poco::Data::DataException(std::string("insert private message: ") +
                                        sqlite3_errmsg(db));
    return message.id != 0 ? message.id : static_cast<std::int64_t>(sqlite3_last_insert_rowid(db));
}

std::int64_t SqliteStore::insertDeliveredMessage(const PrivateMessage& message) {
    return insertPrivateMessage(message, false);
}

std::int64_t SqliteStore::insertOfflineMessage(const PrivateMessage& message) {
    return insertPrivateMessage(message, true);
}

std::vector<PrivateMessage> SqliteStore::offlineMessagesFor(const std::string& recipient) {
    MutexLock lock(_mutex);
    std::string name = recipient;
    std::vector<Poco::Int64> ids;
    std::vector<std::string> senders;
    std::vector<std::string> texts;
    std::vector<Poco::Int64> sentAts;
    _session << "SELECT id, sender, text, sent_at FROM private_messages"
                " WHERE recipient = ? AND waiting = 1 ORDER BY id",
        into(ids), into(senders), into(texts), into(sentAts), use(name), now;
    std::vector<PrivateMessage> messages;
    messages.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        messages.push_back(
            PrivateMessage{ids[i], senders[i], recipient, texts[i], fromMicros(sentAts[i])});
    return messages;
}

std::size_t SqliteStore::offlineMessageCount(const std::string& recipient) {
    MutexLock lock(_mutex);
    std::string name = recipient;
    Poco::Int64 count = 0;
    _session << "SELECT COUNT(*) FROM private_messages WHERE recipient = ? AND waiting = 1",
        into(count), use(name), now;
    return static_cast<std::size_t>(count);
}

std::map<std::string, std::size_t> SqliteStore::offlineMessageCounts() {
    MutexLock lock(_mutex);
    std::vector<std::string> names;
    std::vector<Poco::Int64> counts;
    _session << "SELECT recipient, COUNT(*) FROM private_messages WHERE waiting = 1"
                " GROUP BY recipient",
        into(names), into(counts), now;
    std::map<std::string, std::size_t> out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out.emplace(names[i], static_cast<std::size_t>(counts[i]));
    return out;
}

void SqliteStore::markOfflineMessagesDelivered(const std::vector<std::int64_t>& ids) {
    if (ids.empty())
        return;
    MutexLock lock(_mutex);
    inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        for (std::int64_t id : ids) {
            Poco::Int64 rowId = id;
            session << "UPDATE private_messages SET waiting = 0 WHERE id = ?", use(rowId), now;
        }
    });
}

std::vector<PrivateMessage> SqliteStore::latestBetween(const std::string& a, const std::string& b,
                                                       std::size_t limit) {
    MutexLock lock(_mutex);
    // Each direction reads its newest rows backwards along private_messages_pair (sender,
    // recipient, id), so the cost is the limit, not the length of the conversation; the two
    // are merged by id (sending order). Poco binds by reference: one variable per placeholder.
    std::string fromA = a;
    std::string toB = b;
    std::string fromB = b;
    std::string toA = a;
    Poco::Int64 max = static_cast<Poco::Int64>(limit);
    Poco::Int64 maxAgain = max;
    Poco::Int64 maxInAll = max;
    std::vector<Poco::Int64> ids;
    std::vector<std::string> senders;
    std::vector<std::string> recipients;
    std::vector<std::string> texts;
    std::vector<Poco::Int64> sentAts;
    _session << "SELECT id, sender, recipient, text, sent_at FROM ("
                " SELECT * FROM (SELECT id, sender, recipient, text, sent_at FROM private_messages"
                "  WHERE sender = ? AND recipient = ? ORDER BY id DESC LIMIT ?)"
                " UNION ALL"
                " SELECT * FROM (SELECT id, sender, recipient, text, sent_at FROM private_messages"
                "  WHERE sender = ? AND recipient = ? ORDER BY id DESC LIMIT ?)"
                ") ORDER BY id DESC LIMIT ?",
        into(ids), into(senders), into(recipients), into(texts), into(sentAts), use(fromA),
        use(toB), use(max), use(fromB), use(toA), use(maxAgain), use(maxInAll), now;
    std::vector<PrivateMessage> messages;
    messages.reserve(ids.size());
    for (std::size_t i = ids.size(); i-- > 0;)
        messages.push_back(
            PrivateMessage{ids[i], senders[i], recipients[i], texts[i], fromMicros(sentAts[i])});
    return messages;
}

std::vector<PrivateMessage> SqliteStore::privateMessages() {
    MutexLock lock(_mutex);
    std::vector<Poco::Int64> ids;
    std::vector<std::string> senders;
    std::vector<std::string> recipients;
    std::vector<std::string> texts;
    std::vector<Poco::Int64> sentAts;
    _session << "SELECT id, sender, recipient, text, sent_at FROM private_messages ORDER BY id",
        into(ids), into(senders), into(recipients), into(texts), into(sentAts), now;
    std::vector<PrivateMessage> messages;
    messages.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        messages.push_back(
            PrivateMessage{ids[i], senders[i], recipients[i], texts[i], fromMicros(sentAts[i])});
    return messages;
}

// --- blocks ---------------------------------------------------------------------------------

bool SqliteStore::insertBlock(const std::string& blocker, const std::string& blocked) {
    MutexLock lock(_mutex);
    std::string a = blocker;
    std::string b = blocked;
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "INSERT INTO blocks (blocker, blocked) VALUES (?, ?)"
                   " ON CONFLICT(blocker, blocked) DO NOTHING",
            use(a), use(b), now;
        return changesOf(session) == 1;
    });
}

bool SqliteStore::deleteBlock(const std::string& blocker, const std::string& blocked) {
    MutexLock lock(_mutex);
    std::string a = blocker;
    std::string b = blocked;
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "DELETE FROM blocks WHERE blocker = ? AND blocked = ?", use(a), use(b), now;
        return changesOf(session) == 1;
    });
}

std::vector<std::pair<std::string, std::string>> SqliteStore::blocks() {
    MutexLock lock(_mutex);
    std::vector<std::string> blockers;
    std::vector<std::string> blocked;
    _session << "SELECT blocker, blocked FROM blocks ORDER BY blocker, blocked", into(blockers),
        into(blocked), now;
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(blockers.size());
    for (std::size_t i = 0; i < blockers.size(); ++i)
        out.emplace_back(blockers[i], blocked[i]);
    return out;
}

// --- rooms and groups ------------------------------------------------------------------------

std::int64_t SqliteStore::insertRoom(const Room& room) {
    MutexLock lock(_mutex);
    int kind = room.kind == RoomKind::Group ? 1 : 0;
    int number = room.number;
    std::string name = room.name;
    std::string creator = room.creator;
    Poco::Int64 createdAt = toMicros(room.createdAt);
    int open = room.open ? 1 : 0;
    std::string topic = room.topic.text;
    std::string topicBy = room.topic.setBy;
    Poco::Int64 topicAt = toMicros(room.topic.setAt);
    auto requested = requestedId(room.id);
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "INSERT INTO rooms (id, kind, number, name, creator, created_at, open, topic,"
                   " topic_by, topic_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            use(requested), use(kind), use(number), use(name), use(creator), use(createdAt),
            use(open), use(topic), use(topicBy), use(topicAt), now;
        Poco::Int64 id = insertedId(session, room.id);
        int position = 0;
        for (const auto& member : room.members) {
            std::string user = member.username;
            int joined = member.joined ? 1 : 0;
            session << "INSERT INTO room_members (room_id, position, username, joined) VALUES (?, "
                       "?, ?, ?)",
                use(id), use(position), use(user), use(joined), now;
            ++position;
        }
        return static_cast<std::int64_t>(id);
    });
}

void SqliteStore::upsertRoomMember(std::int64_t roomId, const RoomMember& member) {
    MutexLock lock(_mutex);
    Poco::Int64 id = roomId;
    std::string user = member.username;
    int joined = member.joined ? 1 : 0;
    inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "INSERT INTO room_members (room_id, position, username, joined)"
                   " VALUES (?, (SELECT COALESCE(MAX(position) + 1, 0) FROM room_members WHERE "
                   "room_id = ?), ?, ?)"
                   " ON CONFLICT(room_id, username) DO UPDATE SET joined = excluded.joined",
            use(id), use(id), use(user), use(joined), now;
    });
}

void SqliteStore::updateRoomTopic(std::int64_t roomId, const RoomTopic& topic) {
    MutexLock lock(_mutex);
    Poco::Int64 id = roomId;
    std::string text = topic.text;
    std::string by = topic.setBy;
    Poco::Int64 at = toMicros(topic.setAt);
    inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "UPDATE rooms SET topic = ?, topic_by = ?, topic_at = ? WHERE id = ?", use(text),
            use(by), use(at), use(id), now;
    });
}

bool SqliteStore::deleteRoomMember(std::int64_t roomId, const std::string& username) {
    MutexLock lock(_mutex);
    Poco::Int64 id = roomId;
    std::string user = username;
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "DELETE FROM room_members WHERE room_id = ? AND username = ?", use(id),
            use(user), now;
        return changesOf(session) == 1;
    });
}

std::vector<Room> SqliteStore::rooms() {
    MutexLock lock(_mutex);
    std::vector<Poco::Int64> ids;
    std::vector<int> kinds;
    std::vector<int> numbers;
    std::vector<std::string> names;
    std::vector<std::string> creators;
    std::vector<Poco::Int64> createdAts;
    std::vector<int> opens;
    std::vector<std::string> topics;
    std::vector<std::string> topicBys;
    std::vector<Poco::Int64> topicAts;
    _session << "SELECT id, kind, number, name, creator, created_at, open, topic, topic_by,"
                " topic_at FROM rooms ORDER BY id",
        into(ids), into(kinds), into(numbers), into(names), into(creators), into(createdAts),
        into(opens), into(topics), into(topicBys), into(topicAts), now;
    std::vector<Poco::Int64> memberRooms;
    std::vector<std::string> memberNames;
    std::vector<int> joined;
    _session << "SELECT room_id, username, joined FROM room_members ORDER BY room_id, position",
        into(memberRooms), into(memberNames), into(joined), now;
    std::vector<Room> out;
    out.reserve(ids.size());
    std::size_t m = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        Room room;
        room.id = ids[i];
        room.kind = kinds[i] == 1 ? RoomKind::Group : RoomKind::Separate;
        room.number = numbers[i];
        room.name = names[i];
        room.creator = creators[i];
        room.createdAt = fromMicros(createdAts[i]);
        room.open = opens[i] != 0;
        room.topic = RoomTopic{topics[i], topicBys[i], fromMicros(topicAts[i])};
        while (m < memberRooms.size() && memberRooms[m] < ids[i])
            ++m;
        for (; m < memberRooms.size() && memberRooms[m] == ids[i]; ++m)
            room.members.push_back(RoomMember{memberNames[m], joined[m] != 0});
        out.push_back(std::move(room));
    }
    return out;
}

std::int64_t SqliteStore::insertRoomMessage(const RoomMessage& message) {
    MutexLock lock(_mutex);
    Poco::Int64 roomId = message.roomId;
    int number = message.number;
    std::string sender = message.sender;
    std::string text = message.text;
    Poco::Int64 time = toMicros(message.time);
    auto id = requestedId(message.id);
    return inTransaction(_session, _batchOpen, [&](Poco::Data::Session& session) {
        session << "INSERT INTO room_messages (id, room_id, number, sender, text, time)"
                   " VALUES (?, ?, ?, ?, ?, ?)",
            use(id), use(roomId), use(number), use(sender), use(text), use(time), now;
        return insertedId(session, message.id);
    });
}

std::vector<RoomMessage> SqliteStore::roomMessages(std::int64_t roomId, std::int64_t fromTime,
                                                   std::size_t limit) {
    MutexLock lock(_mutex);
    Poco::Int64 id = roomId;
    Poco::Int64 from = fromTime;
    Poco::Int64 max = static_cast<Poco::Int64>(limit);
    std::vector<Poco::Int64> ids;
    std::vector<int> numbers;
    std::vector<std::string> senders;
    std::vector<std::string> texts;
    std::vector<Poco::Int64> times;
    _session << "SELECT id, number, sender, text, time FROM room_messages"
                " WHERE room_id = ? AND time >= ? ORDER BY number LIMIT ?",
        into(ids), into(numbers), into(senders), into(texts), into(times), use(id), use(from),
        use(max), now;
    std::vector<RoomMessage> out;
    out.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back(
            RoomMessage{ids[i], roomId, numbers[i], senders[i], texts[i], fromMicros(times[i])});
    return out;
}

std::vector<RoomMessage> SqliteStore::latestRoomMessages(std::int64_t roomId, std::int64_t fromTime,
                                                         int beforeNumber, std::size_t limit) {
    MutexLock lock(_mutex);
    Poco::Int64 id = roomId;
    Poco::Int64 from = fromTime;
    int before = beforeNumber;
    Poco::Int64 max = static_cast<Poco::Int64>(limit);
    std::vector<Poco::Int64> ids;
    std::vector<int> numbers;
    std::vector<std::string> senders;
    std::vector<std::string> texts;
    std::vector<Poco::Int64> times;
    _session << "SELECT id, number, sender, text, time FROM room_messages"
                " WHERE room_id = ? AND number < ? AND time >= ? ORDER BY number DESC LIMIT ?",
        into(ids), into(numbers), into(senders), into(texts), into(times), use(id), use(before),
        use(from), use(max), now;
    std::vector<RoomMessage> out;
    out.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back(
            RoomMessage{ids[i], roomId, numbers[i], senders[i], texts[i], fromMicros(times[i])});
    return out;
}

std::vector<std::pair<std::string, std::size_t>>
SqliteStore::roomMessageCounts(std::int64_t roomId, std::int64_t fromTime) {
    MutexLock lock(_mutex);
    Poco::Int64 id = roomId;
    Poco::Int64 from = fromTime;
    std::vector<std::string> senders;
    std::vector<Poco::Int64> counts;
    _session << "SELECT sender, COUNT(*) FROM room_messages WHERE room_id = ? AND time >= ?"
                " GROUP BY sender ORDER BY sender",
        into(senders), into(counts), use(id), use(from), now;
    std::vector<std::pair<std::string, std::size_t>> out;
    out.reserve(senders.size());
    for (std::size_t i = 0; i < senders.size(); ++i)
        out.emplace_back(senders[i], static_cast<std::size_t>(counts[i]));
    return out;
}

std::vector<RoomMessage> SqliteStore::latestRoomMessages(std::int64_t roomId, std::size_t limit) {
    // The newest first by the general query (any time, any number), then in number order.
    auto out = latestRoomMessages(roomId, std::numeric_limits<std::int64_t>::min(),
                                  std::numeric_limits<int>::max(), limit);
    std::reverse(out.begin(), out.end());
    return out;
}

int SqliteStore::lastRoomMessageNumber(std::int64_t roomId) {
    MutexLock lock(_mutex);
    Poco::Int64 id = roomId;
    int number = 0;
    _session << "SELECT COALESCE(MAX(number), 0) FROM room_messages WHERE room_id = ?",
        into(number), use(id), now;
    return number;
}

} // namespace toom
