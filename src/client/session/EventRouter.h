#pragma once
// The dispatch point for asynchronous server events: a handler per event type (TIMEOUT,
// SHUTDOWN, later P2P_OFFER, ...) and a fallback for types nobody registered, which prints the
// event's text so that new server events are visible before the client learns them.

#include "common/Mutex.h"
#include "common/ServerLine.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// Maps event types to handlers. Handlers run on the reader thread: they must not wait for a
/// reply from the server (the reader is the thread that would deliver it).
class EventRouter {
public:
    using Handler = std::function<void(const ServerLine& event)>;

    /// Sets the handler for events of `type` (upper-case, as on the wire), replacing any.
    void on(std::string type, Handler handler);

    /// Removes the handler for `type`.
    void remove(std::string_view type);

    /// Sets the handler for types without their own (by default: none, events are dropped).
    void otherwise(Handler handler);

    /// Adds `watcher`, which sees every event before its handler does (Tab completion learns
    /// who is online from them). Watchers stay for the router's life.
    void watch(Handler watcher);

    /// Calls the fallback for `event`, whatever its type: for a handler that only takes note
    /// of its events and lets them show as any other. False if there is no fallback.
    bool passOn(const ServerLine& event) const;

    /// True if `type` has its own handler.
    bool handles(std::string_view type) const;

    /// Calls the handler for the event's type, or the fallback. Returns false if neither
    /// exists.
    bool dispatch(const ServerLine& event) const;

private:
    mutable Mutex _mutex;
    std::map<std::string, Handler, std::less<>> _handlers TOOM_GUARDED_BY(_mutex);
    Handler _fallback TOOM_GUARDED_BY(_mutex);
    std::vector<Handler> _watchers TOOM_GUARDED_BY(_mutex);
};

} // namespace toom::client
