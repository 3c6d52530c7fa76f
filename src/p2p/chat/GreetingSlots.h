#pragma once
// The places for incoming connections that have not finished their handshake, counted per
// peer address so that one address cannot take them all. Anyone can connect to the chat port
// and then say nothing: with one shared limit, eight silent connections from one address made
// every real peer's greeting meet "BUSY". Here:
//
// - each address holds at most `perAddress` places, and all addresses together `total`;
// - a connection that has not sent its greeting yet ("silent") may be evicted: when its address
//   is at its limit, a new connection from it takes the place of its oldest silent one, so a
//   real peer behind the same address (a NAT, or this machine) still gets in, and a flood only
//   churns its own places;
// - a connection that has greeted (it waits for its token, briefly) keeps its place until
//   released; when an address holds only those, or every place is taken, the newcomer is
//   refused.
//
// Pure bookkeeping; PrivateChats does the closing, under its own lock (not thread-safe).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::p2p::chat {

/// How many places GreetingSlots has.
struct GreetingLimits {
    std::size_t total = 16;     ///< Places in all.
    std::size_t perAddress = 4; ///< Places per peer address.
};

class GreetingSlots {
public:
    using Id = std::uint64_t;
    using Limits = GreetingLimits;

    /// What admit() decided.
    struct Admission {
        bool admitted = false;
        Id id = 0;                 ///< The newcomer's place, when admitted.
        std::optional<Id> evicted; ///< A silent connection to close: its place is the newcomer's.
    };

    explicit GreetingSlots(Limits limits = Limits())
        : _limits(limits) {}

    /// A connection from `address` (the peer's IP address, without the port) arrived.
    Admission admit(std::string_view address);

    /// The connection of `id` sent its greeting: it can no longer be evicted.
    void greeted(Id id);

    /// The connection of `id` finished its handshake (either way) or closed. Unknown or
    /// evicted ids are ignored.
    void release(Id id);

    /// Places taken, in all and by `address`.
    std::size_t size() const { return _entries.size(); }
    std::size_t from(std::string_view address) const;

private:
    struct Entry {
        Id id;
        std::string address;
        bool greeted = false;
    };

    Limits _limits;
    std::vector<Entry> _entries; ///< Oldest first; at most _limits.total.
    Id _nextId = 1;
};

} // namespace toom::p2p::chat
