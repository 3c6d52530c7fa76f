#include "server/state/StoredRoomService.h"

#include <algorithm>
#include <limits>
#include <set>

namespace toom {

StoredRoomService::StoredRoomService(RoomStore& store, Clock& clock, std::string logDir,
                                     bool padDay, LineAppender& appender)
    : _store(store)
    , _clock(clock)
    , _log(std::move(logDir), padDay, appender)
    , _rooms(store.rooms()) {
    MutexLock lock(_mutex); // No other thread yet; the lock is for the analysis.
    for (const auto& room : _rooms) {
        if (room.kind == RoomKind::Separate)
            _lastNumber = std::max(_lastNumber, room.number);
    }
    repairLogs();
}

void StoredRoomService::repairLogs() {
    // Every message, whatever its time: the log is the whole room.
    constexpr std::int64_t kFromTheStart = std::numeric_limits<std::int64_t>::min();
    constexpr std::size_t kAll = std::numeric_limits<std::int64_t>::max();
    for (const auto& room : _rooms) {
        const auto messages = _store.roomMessages(room.id, kFromTheStart, kAll);
        if (!messages.empty())
            _lastMessageNumber[room.id] = messages.back().number;
        switch (_log.repair(room, messages)) {
        case RoomLogFile::Repair::Rewritten:
            ++_logRepairs.rewritten;
            break;
        case RoomLogFile::Repair::Failed:
            ++_logRepairs.failed;
            break;
        case RoomLogFile::Repair::Matched:
        case RoomLogFile::Repair::Disabled:
            break;
        }
    }
}

std::string StoredRoomService::logPath(const Room& room) const {
    return _log.path(room);
}

RoomService::Created StoredRoomService::createSeparate(const std::string& creator,
                                                       const std::vector<std::string>& others) {
    std::set<std::string> wanted(others.begin(), others.end());
    wanted.insert(creator);
    Room room;
    {
        MutexLock lock(_mutex);
        if (auto existing = createSeparateLocked(creator, others, wanted))
            return {Created::Outcome::AlreadyExists, *existing};
        room = _rooms.back();
    }
    // The seeds create the room's log with the room. Not under the mutex: post() opens the
    // file for appending too, so whichever comes first creates it.
    _log.create(room);
    return {Created::Outcome::Created, room};
}

std::optional<Room> StoredRoomService::createSeparateLocked(const std::string& creator,
                                                            const std::vector<std::string>& others,
                                                            const std::set<std::string>& wanted) {
    for (const auto& room : _rooms) {
        if (room.kind != RoomKind::Separate)
            continue;
        const auto names = room.memberNames();
        if (std::set<std::string>(names.begin(), names.end()) == wanted)
            return room;
    }
    Room room;
    room.kind = RoomKind::Separate;
    room.number = _lastNumber + 1;
    room.creator = creator;
    room.createdAt = _clock.now();
    room.members.push_back({creator, true});
    for (const auto& name : others) {
        if (!room.isMember(name))
            room.members.push_back({name, true});
    }
    room.id = _store.insertRoom(room);
    _lastNumber = room.number;
    _rooms.push_back(room);
    return std::nullopt;
}

RoomService::Created StoredRoomService::createGroup(const std::string& creator,
                                                    const std::string& name,
                                                    const std::vector<std::string>& invitees) {
    return createGroupOf(creator, name, invitees, false);
}

RoomService::Created StoredRoomService::createOpenGroup(const std::string& creator,
                                                        const std::string& name) {
    return createGroupOf(creator, name, {}, true);
}

RoomService::Created StoredRoomService::createGroupOf(const std::string& creator,
                                                      const std::string& name,
                                                      const std::vector<std::string>& invitees,
                                                      bool open) {
    Room room;
    {
        MutexLock lock(_mutex);
        if (const Room* existing = findGroupLocked(name))
            return {Created::Outcome::NameTaken, *existing};
        room = newGroupLocked(creator, name, invitees, open);
    }
    // The seeds create the room's log with the room. Not under the mutex: post() opens the
    // file for appending too, so whichever comes first creates it.
    _log.create(room);
    return {Created::Outcome::Created, room};
}

Room StoredRoomService::newGroupLocked(const std::string& creator, const std::string& name,
                                       const std::vector<std::string>& invitees, bool open) {
    Room room;
    room.kind = RoomKind::Group;
    room.name = name;
    room.creator = creator;
    room.createdAt = _clock.now();
    room.open = open;
    room.members.push_back({creator, true});
    for (const auto& invitee : invitees) {
        if (!room.isMember(invitee))
            room.members.push_back({invitee, false});
    }
    room.id = _store.insertRoom(room);
    _rooms.push_back(room);
    return room;
}

Room* StoredRoomService::findGroupLocked(const std::string& name) {
    for (auto& room : _rooms) {
        if (room.kind == RoomKind::Group && room.name == name)
            return &room;
    }
    return nullptr;
}

std::optional<Room> StoredRoomService::separateRoom(int number) const {
    MutexLock lock(_mutex);
    for (const auto& room : _rooms) {
        if (room.kind == RoomKind::Separate && room.number == number)
            return room;
    }
    return std::nullopt;
}

std::optional<Room> StoredRoomService::group(const std::string& name) const {
    MutexLock lock(_mutex);
    for (const auto& room : _rooms) {
        if (room.kind == RoomKind::Group && room.name == name)
            return room;
    }
    return std::nullopt;
}

Room* StoredRoomService::findLocked(std::int64_t id) {
    for (auto& room : _rooms) {
        if (room.id == id)
            return &room;
    }
    return nullptr;
}

Room StoredRoomService::join(const std::string& name, const std::string& username) {
    MutexLock lock(_mutex);
    Room* room = findGroupLocked(name);
    if (!room)
        return {};
    for (auto& member : room->members) {
        if (member.username == username) {
            if (!member.joined) {
                member.joined = true;
                _store.upsertRoomMember(room->id, member);
            }
            return *room;
        }
    }
    if (room->open) {
        room->members.push_back({username, true});
        _store.upsertRoomMember(room->id, room->members.back());
    }
    return *room;
}

std::optional<Room> StoredRoomService::setTopic(const std::string& name, const RoomTopic& topic) {
    MutexLock lock(_mutex);
    Room* room = findGroupLocked(name);
    if (!room)
        return std::nullopt;
    room->topic = topic;
    _store.updateRoomTopic(room->id, topic);
    return *room;
}

bool StoredRoomService::leave(std::int64_t roomId, const std::string& username) {
    MutexLock lock(_mutex);
    Room* room = findLocked(roomId);
    if (!room || !room->isMember(username))
        return false;
    _store.deleteRoomMember(roomId, username);
    room->members.erase(std::remove_if(room->members.begin(), room->members.end(),
                                       [&](const RoomMember& m) { return m.username == username; }),
                        room->members.end());
    return true;
}

std::vector<Room> StoredRoomService::roomsOf(const std::string& username) const {
    MutexLock lock(_mutex);
    std::vector<Room> out;
    for (const auto& room : _rooms) {
        if (room.isMember(username))
            out.push_back(room);
    }
    return out;
}

RoomMessage StoredRoomService::post(const Room& room, const std::string& sender,
                                    const std::string& text) {
    // Numbering and the log line must follow one order per room: the lock serialises posts.
    MutexLock lock(_mutex);
    RoomMessage message;
    message.roomId = room.id;
    // Numbered from memory, not by asking the store: its writes are queued (group commit), and
    // a read would have to wait for them.
    message.number = ++_lastMessageNumber[room.id];
    message.sender = sender;
    message.text = text;
    message.time = _clock.now();
    message.id = _store.insertRoomMessage(message);
    _log.append(room, message);
    return message;
}

RoomService::Page StoredRoomService::messagesSince(const Room& room, std::int64_t epochSeconds,
                                                   std::size_t limit) const {
    // "Strictly later, to the second": from the first microsecond of the next second.
    const std::int64_t from = (epochSeconds + 1) * 1'000'000;
    auto messages = _store.roomMessages(room.id, from, limit + 1);
    Page page;
    page.more = messages.size() > limit;
    if (page.more)
        messages.resize(limit);
    page.messages = std::move(messages);
    return page;
}

RoomService::Latest StoredRoomService::latestMessages(const Room& room, Poco::Timestamp after,
                                                      std::size_t limit,
                                                      const SenderFilter& shown) const {
    Latest latest;
    if (limit == 0)
        return latest;
    const std::int64_t from = after.epochMicroseconds() + 1; // Strictly later.
    // What the reader would be shown in all, counted per sender: the store never sends more
    // rows than the room has had writers, however long the room's history.
    std::size_t accepted = 0;
    for (const auto& [sender, count] : _store.roomMessageCounts(room.id, from)) {
        if (shown(sender))
            accepted += count;
    }
    // The latest ones, newest first, a page at a time, skipping the rejected. Bounded: a reader
    // who rejects a very busy sender gets what a few pages hold.
    constexpr int kMaxPages = 4;
    const std::size_t page = std::max<std::size_t>(2 * limit, 16);
    int before = std::numeric_limits<int>::max();
    for (int pages = 0; pages < kMaxPages && latest.messages.size() < limit; ++pages) {
        auto batch = _store.latestRoomMessages(room.id, from, before, page);
        for (auto& message : batch) {
            if (latest.messages.size() < limit && shown(message.sender))
                latest.messages.push_back(std::move(message));
        }
        if (batch.size() < page)
            break;
        before = batch.back().number;
    }
    std::reverse(latest.messages.begin(), latest.messages.end());
    latest.more = accepted > latest.messages.size() ? accepted - latest.messages.size() : 0;
    return latest;
}

RoomService::Page StoredRoomService::latestMessages(const Room& room, std::size_t limit) const {
    // One more than asked tells whether earlier ones exist; the store gives the newest first
    // only in the sense of choosing them, in number order (see RoomStore).
    auto messages = _store.latestRoomMessages(room.id, limit + 1);
    Page page;
    page.more = messages.size() > limit;
    if (page.more)
        messages.erase(messages.begin());
    page.messages = std::move(messages);
    return page;
}

} // namespace toom
