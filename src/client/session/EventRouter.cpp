#include "client/session/EventRouter.h"

namespace toom::client {

void EventRouter::on(std::string type, Handler handler) {
    MutexLock lock(_mutex);
    _handlers[std::move(type)] = std::move(handler);
}

void EventRouter::remove(std::string_view type) {
    MutexLock lock(_mutex);
    if (auto it = _handlers.find(type); it != _handlers.end())
        _handlers.erase(it);
}

void EventRouter::otherwise(Handler handler) {
    MutexLock lock(_mutex);
    _fallback = std::move(handler);
}

void EventRouter::watch(Handler watcher) {
    MutexLock lock(_mutex);
    _watchers.push_back(std::move(watcher));
}

bool EventRouter::handles(std::string_view type) const {
    MutexLock lock(_mutex);
    return _handlers.find(type) != _handlers.end();
}

bool EventRouter::passOn(const ServerLine& event) const {
    Handler handler;
    {
        MutexLock lock(_mutex);
        handler = _fallback;
    }
    if (!handler)
        return false;
    handler(event);
    return true;
}

bool EventRouter::dispatch(const ServerLine& event) const {
    Handler handler;
    std::vector<Handler> watchers;
    {
        // Copy the handler out so that it runs unlocked: it may register other handlers.
        MutexLock lock(_mutex);
        watchers = _watchers;
        if (auto it = _handlers.find(event.verb()); it != _handlers.end())
            handler = it->second;
        else
            handler = _fallback;
    }
    for (const auto& watcher : watchers)
        watcher(event);
    if (!handler)
        return false;
    handler(event);
    return true;
}

} // namespace toom::client
