#pragma once
// The public board: numbered posts that authors may edit and delete, read back by time.

#include "models/BoardPost.h"

#include <Poco/Timestamp.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace toom {

class BoardService {
public:
    virtual ~BoardService() = default;

    /// Why an edit or delete was refused.
    enum class Refusal {
        None,
        UnknownNumber,    ///< No post has that number.
        NotAuthor,        ///< The post is someone else's.
        TimestampMismatch ///< The timestamp given is not the post's (compared to the second).
    };

    struct Change {
        Refusal refusal = Refusal::None;
        BoardPost post; ///< The post after the change (for a delete: as it was).
    };

    struct Page {
        std::vector<BoardPost> posts; ///< In number order.
        std::size_t more = 0;         ///< Matching posts left out by the limit.
    };

    /// Adds a post by `author`, timestamped now; returns it with its number.
    virtual BoardPost post(const std::string& author, const std::string& text) = 0;

    /// Replaces the text of post `number` (its time becomes now; it is marked edited).
    /// `epochSeconds`, when given, must be the post's current time, to the second (the seeds'
    /// guard against changing a post that was renumbered meanwhile); without it the number
    /// and the author decide.
    virtual Change edit(const std::string& user, int number,
                        std::optional<std::int64_t> epochSeconds, const std::string& text) = 0;

    /// Deletes post `number`; later posts move up by one. `epochSeconds` as for edit().
    virtual Change remove(const std::string& user, int number,
                          std::optional<std::int64_t> epochSeconds) = 0;

    /// Posts whose time is strictly later than `epochSeconds` (to the second), at most `limit`.
    virtual Page since(std::int64_t epochSeconds, std::size_t limit) const = 0;

    /// Whose posts a reader is shown: true for an author whose posts count.
    using AuthorFilter = std::function<bool(const std::string& author)>;

    /// The latest `limit` posts whose time is later than `after` and whose author `shown`
    /// accepts, in number order; `more` counts the earlier ones it accepts too.
    virtual Page latest(Poco::Timestamp after, std::size_t limit,
                        const AuthorFilter& shown) const = 0;
    /// The last `limit` posts, in number order; `more` counts the earlier ones left out.
    virtual Page latest(std::size_t limit) const = 0;
};

} // namespace toom
