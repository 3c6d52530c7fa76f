#pragma once
// One IRC client connection, driven by the event loop that serves it, like ClientConnection
// (see LoopConnection): the same loops, the same Session and its bounded queue, the same
// services. Lines are framed (CR LF, at most IrcMessage::kMaxClientLineBytes), parsed
// (IrcMessage), flood-controlled (the flood.* bucket) and served in order:
//
// - Until registered, IrcRegistration holds the conversation. Its login requests run on the
//   login worker pool through LoginFlow (lock-out, PBKDF2, presence as on the Toom port),
//   never on the loop; the connection serves nothing else until the answer is back.
// - Once registered, a request is translated to the Toom request it means and dispatched
//   through the CommandRegistry (PRIVMSG nick -> PM), so blocks, offline delivery and every
//   generic check are the Toom port's; what Toom pushes to the user reaches it through an
//   IrcOutbox, which translates it to IRC lines.

#include "common/LineFramer.h"
#include "common/TokenBucket.h"
#include "server/irc/IrcContext.h"
#include "server/irc/IrcOutbox.h"
#include "server/irc/IrcRegistration.h"
#include "server/net/LoopConnection.h"
#include "server/net/Session.h"

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace toom {

class IrcConnection final : public LoopConnection {
public:
    /// Takes over `socket` (connected, non-blocking), one admission and the address's
    /// pre-login slot, as ClientConnection does. `session` is in the server's connections.
    IrcConnection(const Poco::Net::StreamSocket& socket, std::shared_ptr<Session> session,
                  IrcContext& context);
    ~IrcConnection() override;

    IrcConnection(const IrcConnection&) = delete;
    IrcConnection& operator=(const IrcConnection&) = delete;

    int fd() const override { return _fd; }
    Session& session() override { return *_session; }
    LoopInterest handle(const LoopEvents& events,
                        std::chrono::steady_clock::time_point now) override;
    void abandon() override;

private:
    using SteadyTime = std::chrono::steady_clock::time_point;

    /// A login or guest-nick check on the worker pool; `done` (set last by the worker) hands
    /// the answer back. If the connection ends first, `abandoned` tells the worker to undo
    /// what it did (a login, a claimed guest nick).
    struct Job {
        Mutex mutex;
        bool done TOOM_GUARDED_BY(mutex) = false;
        bool abandoned TOOM_GUARDED_BY(mutex) = false;
        bool isLogin = false; ///< Else a guest nick check. Set before submitting.
        IrcLoginAnswer login TOOM_GUARDED_BY(mutex);
        std::shared_ptr<IrcOutbox> outbox TOOM_GUARDED_BY(mutex); ///< Of a login that worked.
        IrcGuestNick guest TOOM_GUARDED_BY(mutex) = IrcGuestNick::InUse;
        std::string claimed TOOM_GUARDED_BY(mutex); ///< The guest nick claimed, if Free.
    };

    bool readOnce();
    LoopInterest advance(SteadyTime now);
    void serveQueued(SteadyTime now);
    void handleLine(const FramedLine& line);
    void serveRegistered(const IrcMessage& message);
    void privateMessage(const IrcMessage& message, bool notice);
    /// PRIVMSG or NOTICE to `#channel`: a GROUPMSG.
    void channelMessage(const std::string& channel, const std::string& text, bool notice);
    /// JOIN, PART, TOPIC and NAMES: the Toom requests they mean (IrcChannels).
    void channelRequest(const IrcMessage& message);
    /// Queues the registration's replies and does what it asks.
    void apply(IrcRegistrationOutput out);
    void send(const IrcMessage& message);
    void startJob(std::shared_ptr<Job> job, std::function<void(Job&)> work);
    void finishJob();
    void registered();
    void deliverStoredSlice();
    bool roomForReply() const;
    IrcAddressing addressing() const;
    void beginClose(CloseReason reason, SteadyTime now);
    void logOut(CloseReason reason);
    bool flush();
    LoopInterest finished();
    void finish();
    void releasePrelogin();

    Poco::Net::StreamSocket _socket;
    const int _fd;
    IrcContext& _irc;
    ServerContext& _context;
    std::shared_ptr<Session> _session;
    IrcRegistration _registration;
    std::shared_ptr<IrcOutbox> _outbox; ///< Once logged in to an account.
    std::string _guestNick;             ///< Claimed in GuestNicks, once a guest.
    std::shared_ptr<Job> _job;
    LineFramer _framer;
    std::deque<FramedLine> _queued;
    std::optional<SteadyTime> _heldUntil;
    TokenBucket _flood;
    std::string _writing;
    std::size_t _writeOffset = 0;
    bool _storedPending = false;
    bool _countedAsPrelogin = false;
    bool _closing = false;
    SteadyTime _closeDeadline{};
    CloseReason _closeReason = CloseReason::None;
    bool _finished = false;
};

} // namespace toom
