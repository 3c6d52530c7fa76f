#include "client/session/EventFormatter.h"

#include "common/Profile.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "common/Text.h"

#include <array>

namespace toom::client {

namespace {

bool isNameByte(char c) {
    auto byte = static_cast<unsigned char>(c);
    // Bytes of multi-byte UTF-8 characters count as name characters: "yodaé" is not "yoda".
    return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
           (byte >= 'A' && byte <= 'Z') || c == '_' || c == '-';
}

std::tm localTm(std::time_t when) {
    std::tm tm{};
    localtime_r(&when, &tm);
    return tm;
}

// The time format is the user's own choice (--time-format), checked by checkTimeFormat; strftime
// cannot overrun the buffer whatever the format says.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
std::size_t formatTime(std::array<char, 128>& buffer, const char* format, const std::tm& tm) {
    return std::strftime(buffer.data(), buffer.size(), format, &tm);
}
#pragma GCC diagnostic pop

std::string strftimeText(const char* format, const std::tm& tm) {
    std::array<char, 128> buffer{};
    return std::string(buffer.data(), formatTime(buffer, format, tm));
}

// The mark of a post or message shown at login, sent while the reader was away (backlog=1).
std::string waited(const ServerLine& event) {
    return event.field("backlog") == "1" ? ", while you were away" : "";
}

std::string joinedList(std::string_view commaSeparated) {
    std::string out;
    for (char c : commaSeparated) {
        out += c;
        if (c == ',')
            out += ' ';
    }
    return out;
}

} // namespace

EventFormatter::EventFormatter(std::string timeFormat)
    : _timeFormat(std::move(timeFormat)) {}

std::optional<std::string> EventFormatter::checkTimeFormat(const std::string& format) {
    if (format.empty())
        return "the time format is empty";
    if (format.size() > 32)
        return "the time format is longer than 32 bytes";
    if (format.find_first_of("\n\r\t") != std::string::npos)
        return "the time format contains a control character";
    std::tm sample = localTm(std::time(nullptr));
    // The longest month and weekday names make the widest output this format can produce.
    sample.tm_mon = 8;
    sample.tm_wday = 3;
    std::array<char, 128> buffer{};
    const std::size_t length = formatTime(buffer, format.c_str(), sample);
    if (length == 0 || length > 64)
        return "the time format gives no text, or more than 64 bytes";
    return std::nullopt;
}

void EventFormatter::observe(const ServerReply& reply) {
    const ServerLine& line = reply.final;
    MutexLock lock(_mutex);
    if (line.kind() == LineKind::Hello) {
        auto profile = line.field("profile");
        _viewer.seedWording = profile && *profile != defaultProfile().name;
    } else if (line.kind() == LineKind::Ok && line.verb() == "PASS") {
        if (auto user = line.field("user"))
            _viewer.username = *user;
    }
}

void EventFormatter::setViewer(std::string username, bool seedWording) {
    MutexLock lock(_mutex);
    _viewer = {std::move(username), seedWording};
}

EventFormatter::Viewer EventFormatter::viewer() const {
    MutexLock lock(_mutex);
    return _viewer;
}

std::string EventFormatter::timeColumn(std::time_t when, std::time_t now) const {
    const std::tm tm = localTm(when);
    const std::tm today = localTm(now);
    std::string column = strftimeText(_timeFormat.c_str(), tm);
    if (tm.tm_year != today.tm_year || tm.tm_yday != today.tm_yday) {
        // Something that waited (an offline message, a backlog line) shows its day as well.
        const char* dateFormat = tm.tm_year == today.tm_year ? "%e %b " : "%e %b %Y ";
        std::string date = strftimeText(dateFormat, tm);
        column = std::string(trim(date)) + " " + column;
    }
    return column;
}

std::time_t EventFormatter::timeOf(const ServerLine& event, std::time_t now) {
    for (std::string_view key : {"ts", "at"}) {
        if (auto text = event.field(key)) {
            if (auto time = parseIsoTime(*text))
                return time->epochTime();
        }
    }
    return now;
}

bool EventFormatter::addMentioning(StyledLine& line, std::string_view text, std::string_view me) {
    bool mentioned = false;
    std::size_t plainFrom = 0;
    if (!me.empty()) {
        const std::string lowered = toLower(text);
        const std::string name = toLower(me);
        for (std::size_t at = lowered.find(name); at != std::string::npos;
             at = lowered.find(name, at + 1)) {
            const std::size_t end = at + name.size();
            const bool startsWord = at == 0 || !isNameByte(text[at - 1]);
            const bool endsWord = end == text.size() || !isNameByte(text[end]);
            if (!startsWord || !endsWord || at < plainFrom)
                continue;
            line.add(Tone::Plain, text.substr(plainFrom, at - plainFrom));
            line.add(Tone::Mention, text.substr(at, name.size()));
            plainFrom = end;
            mentioned = true;
        }
    }
    line.add(Tone::Plain, text.substr(plainFrom));
    return mentioned;
}

void EventFormatter::addWho(StyledLine& line, const std::string& who, const Viewer& viewer) const {
    if (!viewer.username.empty() && iequals(who, viewer.username))
        line.add(Tone::Own, who);
    else
        line.nick(who);
}

FormattedEvent EventFormatter::format(const ServerLine& event, std::time_t now) const {
    const Viewer reader = viewer();
    FormattedEvent shown;
    if (!reader.seedWording)
        shown = ownWording(event, reader);
    if (shown.line.spans().empty()) {
        // The server's text: the seeds' wording, or an event type this client does not know.
        if (event.text().empty())
            return {};
        const std::string_view type = event.verb();
        Tone tone = Tone::Plain;
        if (type == ev::kMessage)
            tone = Tone::Private;
        else if (type == ev::kBoard)
            tone = Tone::Board;
        else if (type == ev::kRoom)
            tone = Tone::Room;
        else if (type == ev::kPresence || type == ev::kInvite || type == ev::kBacklog)
            tone = Tone::Notice;
        else if (type == ev::kTimeout || type == ev::kShutdown || type == ev::kClosing)
            tone = Tone::Attention;
        if (tone == Tone::Board || tone == Tone::Room) {
            // Seed wording names the author first, so a mention is looked for in the message
            // field, and the line is marked as a whole.
            StyledLine scratch;
            shown.alert = addMentioning(scratch, event.field("text").value_or(""), reader.username);
        }
        shown.alert = shown.alert || tone == Tone::Private;
        shown.line.add(tone, event.text());
    }
    shown.line.time(timeColumn(timeOf(event, now), now));
    return shown;
}

// The default profile's wording, from the fields; an empty line when the event is of a type
// (or lacks a field) this does not know, and the server's text is shown instead.
FormattedEvent EventFormatter::ownWording(const ServerLine& event, const Viewer& viewer) const {
    FormattedEvent shown;
    StyledLine& line = shown.line;
    const std::string_view type = event.verb();
    const auto field = [&event](std::string_view key) { return event.field(key).value_or(""); };
    if (type == ev::kMessage && event.field("from") && event.field("text")) {
        line.add(Tone::Private,
                 field("offline") == "1" ? "[msg, sent while you were away]" : "[msg]")
            .add(Tone::Plain, " ");
        addWho(line, field("from"), viewer);
        line.add(Tone::Plain, ": ").add(Tone::Plain, field("text"));
        shown.alert = true;
    } else if (type == ev::kBoard && event.field("n") && event.field("user")) {
        const std::string action = field("action");
        line.add(Tone::Board, "[board #" + field("n") + waited(event) + "]").add(Tone::Plain, " ");
        addWho(line, field("user"), viewer);
        if (action == "deleted") {
            line.add(Tone::Plain, " deleted this post (later posts move up by one)");
        } else {
            line.add(Tone::Plain, action == "edited" ? " edited: " : ": ");
            shown.alert = addMentioning(line, field("text"), viewer.username);
        }
    } else if (type == ev::kRoom && event.field("room") && event.field("from")) {
        const std::string room = field("room");
        line.add(Tone::Room, (field("kind") == "separate" ? "[room " + room : "[#" + room) +
                                 waited(event) + "]")
            .add(Tone::Plain, " ");
        addWho(line, field("from"), viewer);
        line.add(Tone::Plain, ": ");
        shown.alert = addMentioning(line, field("text"), viewer.username);
    } else if (type == ev::kBacklog && event.field("source") == "all") {
        line.add(Tone::Notice, "-- More came while you were away than is shown here: READ, "
                               "ROOMS and HISTORY show it");
    } else if (type == ev::kBacklog && event.intField("more") && event.field("read")) {
        const std::int64_t more = *event.intField("more");
        const std::string plural = more == 1 ? "" : "s";
        std::string what = std::to_string(more) + " more board post" + plural;
        if (field("source") == "room") {
            const std::string room = field("room");
            what = std::to_string(more) + " more message" + plural + " in " +
                   (field("kind") == "separate" ? "room " + room : "#" + room);
        }
        line.add(Tone::Notice, "-- " + what + " while you were away: ")
            .add(Tone::Plain, field("read"));
    } else if (type == ev::kPresence && event.field("user") && event.field("state")) {
        line.add(Tone::Notice, "-- ");
        addWho(line, field("user"), viewer);
        line.add(Tone::Notice, field("state") == "online" ? " is online" : " went offline");
    } else if (type == ev::kInvite && event.field("group") && event.field("from")) {
        const std::string group = field("group");
        line.add(Tone::Notice, "-- ");
        addWho(line, field("from"), viewer);
        line.add(Tone::Plain, " invited you to the group #" + group);
        if (auto members = event.field("members"))
            line.add(Tone::Plain, " (" + joinedList(*members) + ")");
        line.add(Tone::Plain, "; /joingroup " + group + " joins it");
        shown.alert = true;
    }
    return shown;
}

} // namespace toom::client
