#pragma once
// A run that starts with nothing from the previous one, as every seed's server does (A keeps
// no state across runs; D's users, messages and groups start empty; B's and C's servers clear
// their logs). ToomServer does this at start when ServerOptions::keepState is off, which is
// the default of the positional (seed) forms; the config form keeps its state.
//
// What survives: the accounts (credentials.txt is the seed's input and is imported again at
// every start; variant A's registrations are appended to it), and every file that is not a
// seed log. What goes: everything else in the store (SqliteStore::clearRunState) and the seed
// text logs of the previous run. userlog.txt needs nothing here: UserLogFile truncates it at
// every start, in every mode, since it mirrors who is online now.

#include "server/store/SqliteStore.h"

#include <string>
#include <vector>

namespace toom {

struct FreshRunResult {
    SqliteStore::ClearedRunState store;
    std::size_t roomLogsRemoved = 0; ///< Room and group logs of the previous run's rooms.
    std::size_t logsEmptied = 0;     ///< Text logs that existed and were truncated.

    /// "the previous run's 3 logins, 2 board posts, ... are gone", for the start-up log.
    std::string summary() const;
};

/// Empties the seed logs, then the store. Call it at start, before any service or log file
/// object reads the store or opens a log, so that nothing runs on what it removes.
///
/// - The room and group logs of the rooms the store knows (in `logDir`; none when it is
///   empty) are removed: the rooms are gone, and a room made again with the same number or
///   name gets a new, empty log.
/// - Each of `textLogs`, file names in `logDir` (empty names are skipped), such as the
///   board's or the private messages' messagelog.txt, is truncated if it exists, keeping its
///   mode.
/// - The store forgets the run state in one transaction (SqliteStore::clearRunState).
///
/// The files go first: if the process dies half way, the store still lists the rooms, and
/// the next fresh start removes what is left. Throws Poco::FileException when a file cannot be
/// removed or truncated (a run that cannot start empty does not start), and what
/// clearRunState throws.
FreshRunResult resetForFreshRun(SqliteStore& store, const std::string& logDir,
                                const std::vector<std::string>& textLogs);

} // namespace toom
