#pragma once
// One slice of the durable store. The public board's posts.
// SqliteStore implements every slice over one SQLite connection; a service depends only on the
// slices it uses, and each slice has its own small mock (tests/support/mocks/MockStores.h).

#include "models/BoardPost.h"

#include <cstdint>
#include <vector>

namespace toom {

class BoardStore {
public:
    virtual ~BoardStore() = default;

    /// Adds a post (its number is ignored; a nonzero id is used as its id, otherwise the store
    /// picks one); returns the new post's id.
    virtual std::int64_t insertBoardPost(const BoardPost& post) = 0;

    /// Replaces the text, time and edited flag of post `id`. False when absent.
    virtual bool updateBoardPost(const BoardPost& post) = 0;

    /// Deletes post `id`. False when absent.
    virtual bool deleteBoardPost(std::int64_t id) = 0;

    /// Every post in posting order, numbered from 1.
    virtual std::vector<BoardPost> boardPosts() = 0;
};

} // namespace toom
