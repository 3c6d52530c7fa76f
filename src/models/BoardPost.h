#pragma once
// A post on the public board (MSG, BCM, broadcast). Posts are numbered 1..N in posting order;
// deleting one renumbers those after it, so the number is a position, and `id` is the
// stable identity kept by the store.

#include <Poco/Timestamp.h>

#include <cstdint>
#include <string>

namespace toom {

struct BoardPost {
    std::int64_t id = 0; ///< Stable identity (never reused).
    int number = 0;      ///< Current position on the board, from 1.
    std::string author;
    std::string text;
    Poco::Timestamp time; ///< Posted at, or last edited at.
    bool edited = false;
};

} // namespace toom
