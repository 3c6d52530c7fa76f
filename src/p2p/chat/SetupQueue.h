#pragma once
// The messages the user types for one direct chat while its connection is still being set up.
//
// A chat is accepted (the server says so) a few milliseconds before its TCP connection is up:
// the requester still has to connect and greet, the acceptor to wait for that greeting and
// answer it. A message typed in between is neither lost nor refused: it waits here, and goes
// out, in the order typed, as soon as the connection is up; if the setup fails instead, the
// caller learns how many were not delivered, to tell the user. Pure bookkeeping (no I/O, no
// lock, no clock), so every transition is unit-tested; PrivateChats keeps one per chat under
// its mutex and does the sending.
//
//   SettingUp --connected(), something waits--> Delivering --takeNext() finds none--> Open
//   SettingUp --connected(), nothing waits------------------------------------------> Open
//   any phase --abandon()--> Over (the setup failed, or the chat ended)
//
// In Delivering the messages that waited are being written by the connection's thread; a
// message typed meanwhile joins the end of the line rather than overtaking them. Only in Open
// does the typist's thread write its message itself.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace toom::p2p::chat {

class SetupQueue {
public:
    /// How much may wait for one chat: a person types a handful of lines in the time a
    /// connection takes to come up. Both bounds apply (ChatSettings::maxWaitingMessages and
    /// maxWaitingBytes).
    struct Limits {
        std::size_t maxMessages = 16;
        std::size_t maxBytes = 16384; ///< Counted as the lines will go out, LF excluded.
    };

    enum class Phase {
        SettingUp,  ///< Accepted, no connection yet: typed messages wait.
        Delivering, ///< Connected; the waiting messages are going out, typed ones join them.
        Open,       ///< Nothing waits: typed messages are sent at once, by whoever types them.
        Over        ///< The chat ended (or never started): nothing is taken any more.
    };

    /// What typed() decided.
    enum class Typed {
        SendNow,      ///< Open: the caller sends the line itself; nothing was kept.
        Queued,       ///< SettingUp: kept until the connection is up (tell the user it is not yet).
        QueuedBehind, ///< Delivering: kept behind the others, it goes out in a moment.
        Full,         ///< Refused: maxMessages or maxBytes would be exceeded.
        Over          ///< Refused: the chat is over.
    };

    explicit SetupQueue(Limits limits);

    Phase phase() const { return _phase; }
    const Limits& limits() const { return _limits; }

    /// Messages waiting, and their bytes.
    std::size_t size() const { return _lines.size(); }
    std::size_t bytes() const { return _bytes; }

    /// The user typed a message; `line` is it as it will go on the wire (without its LF).
    Typed typed(std::string_view line);

    /// The connection is up: SettingUp becomes Delivering, or Open at once if nothing waits
    /// (the usual case: then the typist's next message goes straight out). No effect in any
    /// other phase.
    void connected();

    /// Delivering: the oldest waiting line, taken out of the queue for the caller to send; once
    /// none is left, nothing, and the phase is Open from then on. Nothing in any other phase.
    std::optional<std::string> takeNext();

    /// The chat ends, whatever the phase: forgets what waits and returns how many messages that
    /// was (those the user must be told were not delivered). The phase is Over.
    std::size_t abandon();

private:
    Limits _limits;
    Phase _phase = Phase::SettingUp;
    std::deque<std::string> _lines;
    std::size_t _bytes = 0;
};

} // namespace toom::p2p::chat
