#pragma once
// What Toom's services see of an IRC user: the Outbox that presence, the messenger and the
// offline queue push Toom event lines to. It translates each line into IRC (IrcTranslation)
// on the pushing thread, a pure function of the line, and hands the result to the
// connection's Session, which queues and bounds it like any push. So nothing beyond the
// connection layer knows which door a user came through.

#include "server/net/Session.h"
#include "services/Outbox.h"

#include <memory>
#include <string>

namespace toom {

class IrcOutbox final : public Outbox {
public:
    /// `nick` is the user's own (the target of the lines); fixed for the outbox's life.
    IrcOutbox(std::shared_ptr<Session> session, std::string nick, std::string serverName);

    bool push(std::string_view lines) override;
    void requestClose(CloseReason reason) override { _session->requestClose(reason); }

    const std::string& nick() const { return _nick; }

private:
    std::shared_ptr<Session> _session;
    const std::string _nick;
    const std::string _serverName;
};

} // namespace toom
