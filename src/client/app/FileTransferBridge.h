#pragma once
// File transfer (UPD in variants B and C, /p2pvideo in D, SENDFILE) as the user sees it: the
// typed command, the server's brokering and the transfer engine (client/transfer) joined up.
//
// Presenter: `UPD obiwan lecture1.mp4` reads the local file's size and SHA-256, sends
// `UPD obiwan lecture1.mp4 <size> <sha256>` to the server, and on its OK (the audience's
// address, UDP port and a one-time token) sends the file on a background thread from a fresh
// UDP port, so that the user keeps typing. A terminal shows a progress bar on the status row;
// the end is "lecture1.mp4 has been uploaded to obiwan" or the reason it failed.
// Audience: a FILE_OFFER event is a question in the default profile (FileOfferQuestions):
// the user answers `y` / `accept [which]` or `n` / `decline [which]` (y and n only when no
// private messaging request waits too: AnswerRouting). With --auto-accept-files, and in the seed
// profiles (whose specifications receive every file), the offer is accepted at once. Accepted,
// it is registered with the FileInbox, which listens on the client's UDP port and accepts only
// registered offers; declined, the presenter's START is answered "declined". A terminal shows
// the audience's progress on the status row too; the end is "Received lecture1.mp4 from yoda,
// saved as <path>" (yoda_lecture1.mp4 in the download directory, or "yoda_lecture1 (1).mp4"
// when that name is taken: nothing is replaced) or the reason it failed.

#include "client/app/FileOfferQuestions.h"
#include "client/session/CommandHooks.h"
#include "client/session/EventRouter.h"
#include "common/Mutex.h"
#include "p2p/transfer/DatagramChannel.h"
#include "p2p/transfer/FileInbox.h"
#include "p2p/transfer/TransferSettings.h"

#include <functional>
#include <list>
#include <memory>
#include <string>
#include <thread>

namespace toom::client {

class Console;

class FileTransferBridge {
public:
    struct Options {
        p2p::transfer::InboxSettings inbox;
        p2p::transfer::SenderSettings sender;
        int simulateLossPercent = 0;    ///< The --simulate-loss testing aid, both roles.
        std::size_t maxOutgoing = 4;    ///< Files being sent at once.
        std::size_t progressWidth = 72; ///< Columns of the progress line.
        /// --auto-accept-files: receive every offer without asking (as the seed profiles do).
        bool autoAccept = false;
        FileOfferQuestions::Settings questions;
    };

    /// `udp` is the client's bound UDP port (announced at login); it and `console` must
    /// outlive the bridge. setUser() tells it our name once logged in.
    FileTransferBridge(p2p::transfer::DatagramChannel& udp, Console& console, Options options);

    /// finish().
    ~FileTransferBridge();

    FileTransferBridge(const FileTransferBridge&) = delete;
    FileTransferBridge& operator=(const FileTransferBridge&) = delete;

    /// Installs the command hooks (UPD, /p2pvideo, SENDFILE; accept, acceptfile, /accept,
    /// decline, declinefile, /decline) and the FILE_OFFER handler, and starts receiving. `y` and
    /// `n` are for AnswerRouting to pass on to answer().
    void install(CommandHooks& hooks, EventRouter& events);

    /// The user's answer to a file offer: accept (true) or decline the one `selector` names
    /// ("" for the only one waiting; see FileOfferQuestions::take). Prints the outcome.
    void answer(bool accept, std::string_view selector) TOOM_EXCLUDES(_mutex);

    /// File offers waiting for the user's answer.
    std::size_t offersWaiting() const TOOM_EXCLUDES(_mutex);

    /// Waits for the files being sent to finish (each ends by itself: done, or failed after
    /// the sender's timeouts), then stops receiving. Idempotent.
    void finish() TOOM_EXCLUDES(_mutex);

    /// Sets our user name (after login), the audience of the offers we receive, and whether
    /// the server's profile is one of the seeds' (offers are then accepted without asking).
    /// Any thread.
    void setUser(std::string username, bool seedProfile = false) TOOM_EXCLUDES(_mutex);

    /// Files being sent now.
    std::size_t sending() const TOOM_EXCLUDES(_mutex);

private:
    struct Outgoing;

    HookResult onSend(HookContext& context, const std::string& line) TOOM_EXCLUDES(_mutex);
    void onOffer(const ServerLine& event) TOOM_EXCLUDES(_mutex);
    HookResult onAnswer(bool accept, const std::string& line);
    /// Registers an accepted offer with the inbox and says so (or why it was refused).
    void receive(const p2p::transfer::FileOffer& offer, bool asked);
    /// Declines what expired unanswered, telling the user and (through the inbox) the
    /// presenter.
    void expireQuestions() TOOM_EXCLUDES(_mutex);
    void runOutgoing(Outgoing& outgoing);
    /// Moves the transfers whose thread has finished out of _outgoing, for the caller to join
    /// once it has released the mutex.
    std::list<std::unique_ptr<Outgoing>> takeFinishedLocked() TOOM_REQUIRES(_mutex);

    p2p::transfer::DatagramChannel& _udp;
    std::unique_ptr<p2p::transfer::DatagramChannel>
        _lossyUdp; ///< Wraps _udp under --simulate-loss.
    Console& _console;
    Options _options;
    std::unique_ptr<p2p::transfer::FileInbox> _inbox;

    mutable Mutex _mutex; ///< Never held across a join or output.
    std::list<std::unique_ptr<Outgoing>> _outgoing TOOM_GUARDED_BY(_mutex);
    bool _finished TOOM_GUARDED_BY(_mutex) = false;
    /// Our user name: set by the main thread at login, read by the reader thread's FILE_OFFER
    /// handler (a copy of the session's would be read unsynchronised).
    std::string _user TOOM_GUARDED_BY(_mutex);
    bool _autoAccept TOOM_GUARDED_BY(_mutex) = false; ///< The option, or a seed profile.
    FileOfferQuestions _questions TOOM_GUARDED_BY(_mutex);
};

} // namespace toom::client
