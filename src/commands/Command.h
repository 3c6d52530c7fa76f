#pragma once
// The base of every command. One subclass per command, one file per subclass; each declares
// `static CommandSpec spec()` and implements execute(). The CommandRegistry builds a fresh
// instance for every request after its generic checks have passed.

#include "commands/AuditNote.h"
#include "commands/CommandSpec.h"
#include "commands/SessionControl.h"
#include "common/Reply.h"
#include "common/Text.h"
#include "services/Services.h"

#include <Poco/Format.h>

#include <string>
#include <string_view>
#include <vector>

namespace toom {

/// Everything one execution sees.
class CommandContext {
public:
    /// `line` is the request as typed (for textFrom()).
    CommandContext(Services& servicesIn, SessionControl& sessionIn, Reply& replyIn, Dialect dialect,
                   std::vector<std::string> args, std::string_view line = {})
        : services(servicesIn)
        , session(sessionIn)
        , reply(replyIn)
        , _dialect(dialect)
        , _args(std::move(args))
        , _line(line) {}

    Services& services;
    SessionControl& session;
    Reply& reply;

    /// The dialect of the name the user typed; decides the wording of the reply.
    Dialect dialect() const { return _dialect; }
    const std::vector<std::string>& args() const { return _args; }
    const std::string& arg(std::size_t i) const { return _args.at(i); }
    std::size_t argCount() const { return _args.size(); }

    /// The rest of the line from argument `i` on, inner spacing kept: the text of a command
    /// whose forms place it at different arguments (EDIT <n> <message> and EDIT <n> <time>
    /// <message>), where the dispatcher's lastArgIsText can only know one. Empty past the end.
    std::string textFrom(std::size_t i) const { return WordCursor(_line).restFrom(i + 1); }

    const std::string& user() const { return session.username(); }
    Poco::Timestamp now() const { return services.clock.now(); }
    const ServerSettings& settings() const { return services.settings; }

    /// Leaves an audit note about an event (no user-written text in it). `format` is a
    /// Poco::format string ("%s created room %d"). Formatted only when notes are recorded.
    template <class... Values>
    void audit(const std::string& format, const Values&... values) {
        note(AuditNote::Content::Event, format, values...);
    }
    /// Leaves an audit note that quotes what a user wrote (a message, a post).
    template <class... Values>
    void auditMessage(const std::string& format, const Values&... values) {
        note(AuditNote::Content::MessageText, format, values...);
    }

    /// Turns note recording on; the dispatcher does so when an observer will read them.
    void recordNotes(bool on) { _recordNotes = on; }
    const std::vector<AuditNote>& notes() const { return _notes; }

private:
    template <class... Values>
    void note(AuditNote::Content content, const std::string& format, const Values&... values) {
        if (!_recordNotes)
            return;
        if constexpr (sizeof...(Values) == 0)
            _notes.push_back({format, content});
        else
            _notes.push_back({Poco::format(format, values...), content});
    }

    Dialect _dialect;
    std::vector<std::string> _args;
    std::string _line;
    bool _recordNotes = false;
    std::vector<AuditNote> _notes;
};

class Command {
public:
    virtual ~Command() = default;

    /// Runs the command and fills ctx.reply (left untouched, the reply is a bare OK).
    virtual void execute(CommandContext& ctx) = 0;
};

} // namespace toom
