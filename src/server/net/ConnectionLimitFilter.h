#pragma once
// Admission control for TCPServer: beyond the configured number of connections a newcomer is
// told "server full" and closed at once, instead of waiting silently in Poco's queue; so is a
// newcomer from an address that already has its share of connections not logged in
// (PreloginBudget: "too many connections"). When the server is full but some connections have
// not logged in, one of them is closed to make room instead (PreloginBudget::displace): only a
// server full of logged-in users refuses a newcomer.
// (Poco 1.11 asserts when a factory returns null, so refusing belongs here.)

#include "server/net/PreloginBudget.h"

#include <Poco/Net/TCPServer.h>

#include <atomic>

namespace toom {

class ConnectionLimitFilter final : public Poco::Net::TCPServerConnectionFilter {
public:
    /// `admitted` is incremented for each accepted connection; ClientHandler decrements it.
    /// `budget` (may be null: no per-address limit) counts the connection as waiting for its
    /// login; the connection releases it. `tellWhy` off (a TLS listener, whose clients expect a
    /// handshake, not a plain-text line) closes a refused connection without a word.
    ConnectionLimitFilter(std::atomic<int>& admitted, int maxConnections,
                          PreloginBudget* budget = nullptr, bool tellWhy = true);

    bool accept(const Poco::Net::StreamSocket& socket) override;

    /// How many connections were refused so far.
    std::uint64_t refused() const { return _refused.load(); }
    /// How many connections not logged in were closed to make room.
    std::uint64_t displaced() const { return _displaced.load(); }

private:
    std::atomic<int>& _admitted;
    const int _maxConnections;
    PreloginBudget* _budget;
    const bool _tellWhy;
    std::atomic<std::uint64_t> _refused{0};
    std::atomic<std::uint64_t> _displaced{0};
};

} // namespace toom
