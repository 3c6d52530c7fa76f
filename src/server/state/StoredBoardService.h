#pragma once
// BoardService on the store, with the posts cached in memory in number order (reads scan the
// cache; writes go to the store first, then the cache, then messagelog.txt).

#include "common/Mutex.h"
#include "server/store/BoardLogFile.h"
#include "server/store/BoardStore.h"
#include "services/BoardService.h"
#include "services/Clock.h"

namespace toom {

class StoredBoardService final : public BoardService {
public:
    /// Loads the board from `store` and rewrites `log` to match it.
    StoredBoardService(BoardStore& store, Clock& clock, BoardLogFile& log);

    BoardPost post(const std::string& author, const std::string& text) override;
    Change edit(const std::string& user, int number, std::optional<std::int64_t> epochSeconds,
                const std::string& text) override;
    Change remove(const std::string& user, int number,
                  std::optional<std::int64_t> epochSeconds) override;
    Page since(std::int64_t epochSeconds, std::size_t limit) const override;
    Page latest(Poco::Timestamp after, std::size_t limit, const AuthorFilter& shown) const override;
    Page latest(std::size_t limit) const override;

private:
    /// Checks `number`, author and time; null refusal means the post at index may change.
    Refusal check(const std::string& user, int number,
                  std::optional<std::int64_t> epochSeconds) const TOOM_REQUIRES(_mutex);
    void renumber() TOOM_REQUIRES(_mutex);

    BoardStore& _store;
    Clock& _clock;
    BoardLogFile& _log;
    mutable Mutex _mutex;
    std::vector<BoardPost> _posts TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
