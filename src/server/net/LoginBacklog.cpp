#include "server/net/LoginBacklog.h"

#include "commands/board/BoardBroadcast.h"
#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

#include <algorithm>

namespace toom {

namespace {

// Room for the closing "cut" line, kept free while the others are added.
constexpr std::size_t kCutLineRoom = 256;

/// The lines being gathered, with the byte bound: add() refuses a line that would leave no
/// room for the cut notice, and from then on the backlog is over.
class BacklogLines {
public:
    explicit BacklogLines(std::size_t maxBytes)
        : _maxBytes(maxBytes) {}

    bool add(const ServerLine& line) {
        if (_cut)
            return false;
        std::string wire = line.format() + '\n';
        if (_text.size() + wire.size() + kCutLineRoom > _maxBytes) {
            _cut = true;
            return false;
        }
        _text += wire;
        return true;
    }

    bool cut() const { return _cut; }

    std::string finish() {
        if (_cut) {
            ServerLine notice = ServerLine::event(std::string(ev::kBacklog));
            notice.with("source", "all")
                .with("cut", 1)
                .say("More came while you were away than is shown here: READ, ROOMS and HISTORY "
                     "show it");
            std::string wire = notice.format() + '\n';
            if (_text.size() + wire.size() <= _maxBytes)
                _text += wire;
        }
        return std::move(_text);
    }

private:
    std::size_t _maxBytes;
    std::string _text;
    bool _cut = false;
};

// READ and HISTORY take a time to the second and show what is strictly later: the second
// before the logout, so that nothing of the logout's own second is missed.
std::string readTime(Poco::Timestamp since, bool padDay) {
    return formatSeedTime(since - Poco::Timespan(1, 0), padDay);
}

} // namespace

std::string loginBacklog(const Services& services, const std::string& user, Poco::Timestamp since,
                         Poco::Timestamp until, const LoginBacklogLimits& limits) {
    if (limits.perSource == 0)
        return {};
    const ServerSettings& settings = services.settings;
    // What a live push would have brought: nothing of one's own, nothing from a user one
    // blocks (BlockPolicy::receivesFrom, as broadcastBoardChange and deliverRoomMessage ask).
    const auto shown = [&](const std::string& author) {
        return author != user && services.blocks.receivesFrom(user, author);
    };
    BacklogLines lines(limits.maxBytes);
    const std::string from = readTime(since, settings.padDay);

    const BoardService::Page board = services.board.latest(since, limits.perSource, shown);
    if (board.more > 0) {
        const std::string read = "READ " + from;
        ServerLine header = ServerLine::event(std::string(ev::kBacklog));
        header.with("source", "board")
            .with("shown", static_cast<std::int64_t>(board.posts.size()))
            .with("more", static_cast<std::int64_t>(board.more))
            .with("since", isoTime(since))
            .with("read", read)
            .say(std::to_string(board.more) + " more board post" + (board.more == 1 ? "" : "s") +
                 " while you were away: " + read);
        lines.add(header);
    }
    for (const auto& post : board.posts) {
        if (post.time > until)
            continue; // Pushed live already.
        ServerLine event = boardEvent(settings, post, "posted");
        event.with("backlog", 1);
        if (!lines.add(event))
            break;
    }

    std::size_t looked = 0;
    for (const auto& room : services.rooms.roomsOf(user)) {
        if (lines.cut() || looked >= limits.maxRooms)
            break;
        if (!room.hasJoined(user))
            continue; // Invited only: nothing of it was pushed to them either.
        ++looked;
        const RoomService::Latest latest =
            services.rooms.latestMessages(room, since, limits.perSource, shown);
        if (latest.more > 0) {
            const bool separate = room.kind == RoomKind::Separate;
            const std::string name = separate ? std::to_string(room.number) : room.name;
            const std::string read = "HISTORY " + (separate ? name : "#" + name) + " " + from;
            ServerLine header = ServerLine::event(std::string(ev::kBacklog));
            header.with("source", "room")
                .with("kind", separate ? "separate" : "group")
                .with("room", name)
                .with("shown", static_cast<std::int64_t>(latest.messages.size()))
                .with("more", static_cast<std::int64_t>(latest.more))
                .with("since", isoTime(since))
                .with("read", read)
                .say(std::to_string(latest.more) + " more message" + (latest.more == 1 ? "" : "s") +
                     " in " + (separate ? room.label() : "#" + name) +
                     " while you were away: " + read);
            if (!lines.add(header))
                break;
        }
        for (const auto& message : latest.messages) {
            if (message.time > until)
                continue;
            ServerLine event = roomEvent(settings, room, message);
            event.with("backlog", 1);
            if (!lines.add(event))
                break;
        }
    }
    return lines.finish();
}

} // namespace toom
