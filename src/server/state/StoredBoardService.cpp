#include "server/state/StoredBoardService.h"

#include "common/SeedTime.h"

#include <algorithm>

namespace toom {

StoredBoardService::StoredBoardService(BoardStore& store, Clock& clock, BoardLogFile& log)
    : _store(store)
    , _clock(clock)
    , _log(log)
    , _posts(store.boardPosts()) {
    _log.rewrite(_posts);
}

BoardPost StoredBoardService::post(const std::string& author, const std::string& text) {
    MutexLock lock(_mutex);
    BoardPost post;
    post.author = author;
    post.text = text;
    post.time = _clock.now();
    post.id = _store.insertBoardPost(post);
    post.number = static_cast<int>(_posts.size()) + 1;
    _posts.push_back(post);
    _log.append(post);
    return post;
}

BoardService::Refusal StoredBoardService::check(const std::string& user, int number,
                                                std::optional<std::int64_t> epochSeconds) const {
    if (number < 1 || number > static_cast<int>(_posts.size()))
        return Refusal::UnknownNumber;
    const BoardPost& post = _posts[static_cast<std::size_t>(number - 1)];
    if (post.author != user)
        return Refusal::NotAuthor;
    if (epochSeconds && toom::epochSeconds(post.time) != *epochSeconds)
        return Refusal::TimestampMismatch;
    return Refusal::None;
}

BoardService::Change StoredBoardService::edit(const std::string& user, int number,
                                              std::optional<std::int64_t> epochSeconds,
                                              const std::string& text) {
    MutexLock lock(_mutex);
    Change change;
    change.refusal = check(user, number, epochSeconds);
    if (change.refusal != Refusal::None) {
        if (change.refusal != Refusal::UnknownNumber)
            change.post = _posts[static_cast<std::size_t>(number - 1)];
        return change;
    }
    BoardPost updated = _posts[static_cast<std::size_t>(number - 1)];
    updated.text = text;
    updated.time = _clock.now();
    updated.edited = true;
    _store.updateBoardPost(updated);
    _posts[static_cast<std::size_t>(number - 1)] = updated;
    _log.rewrite(_posts);
    change.post = updated;
    return change;
}

BoardService::Change StoredBoardService::remove(const std::string& user, int number,
                                                std::optional<std::int64_t> epochSeconds) {
    MutexLock lock(_mutex);
    Change change;
    change.refusal = check(user, number, epochSeconds);
    if (change.refusal != Refusal::None) {
        if (change.refusal != Refusal::UnknownNumber)
            change.post = _posts[static_cast<std::size_t>(number - 1)];
        return change;
    }
    change.post = _posts[static_cast<std::size_t>(number - 1)];
    _store.deleteBoardPost(change.post.id);
    _posts.erase(_posts.begin() + (number - 1));
    renumber();
    _log.rewrite(_posts);
    return change;
}

void StoredBoardService::renumber() {
    for (std::size_t i = 0; i < _posts.size(); ++i)
        _posts[i].number = static_cast<int>(i + 1);
}

BoardService::Page StoredBoardService::since(std::int64_t epochSeconds, std::size_t limit) const {
    MutexLock lock(_mutex);
    Page page;
    for (const auto& post : _posts) {
        if (toom::epochSeconds(post.time) <= epochSeconds)
            continue;
        if (page.posts.size() < limit)
            page.posts.push_back(post);
        else
            ++page.more;
    }
    return page;
}

BoardService::Page StoredBoardService::latest(Poco::Timestamp after, std::size_t limit,
                                              const AuthorFilter& shown) const {
    MutexLock lock(_mutex);
    Page page;
    // From the newest back: the board is in memory, and the posts later than `after` are at
    // its end (a post's time only moves forward, when it is edited).
    for (auto it = _posts.rbegin(); it != _posts.rend(); ++it) {
        if (it->time <= after || !shown(it->author))
            continue;
        if (page.posts.size() < limit)
            page.posts.push_back(*it);
        else
            ++page.more;
    }
    std::reverse(page.posts.begin(), page.posts.end());
    return page;
}

BoardService::Page StoredBoardService::latest(std::size_t limit) const {
    MutexLock lock(_mutex);
    Page page;
    const std::size_t first = _posts.size() > limit ? _posts.size() - limit : 0;
    page.posts.assign(_posts.begin() + static_cast<std::ptrdiff_t>(first), _posts.end());
    page.more = first;
    return page;
}

} // namespace toom
