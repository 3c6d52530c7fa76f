#include "client/app/FileTransferBridge.h"

#include "client/terminal/Console.h"
#include "common/ByteSize.h"
#include "common/Protocol.h"
#include "common/Text.h"
#include "p2p/transfer/FileDigest.h"
#include "p2p/transfer/FileSender.h"
#include "p2p/transfer/LossyChannel.h"
#include "p2p/transfer/ProgressBar.h"
#include "p2p/transfer/SafeFileName.h"
#include "p2p/transfer/UdpChannel.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>

#include <atomic>
#include <charconv>
#include <random>

namespace toom::client {

using namespace p2p::transfer;

/// One file being sent: its thread, and whether that thread has finished.
struct FileTransferBridge::Outgoing {
    FileOffer offer;
    std::string path; ///< As the user typed it: opened, and named in the messages.
    Poco::Net::SocketAddress audience;
    std::thread thread;
    std::atomic<bool> done{false};
};

namespace {
std::optional<std::uint64_t> parseUnsigned(const std::string& text) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

/// "110 s", or "200 ms" below a second, for messages.
std::string durationText(std::chrono::milliseconds duration) {
    if (duration.count() >= 1000)
        return std::to_string((duration.count() + 999) / 1000) + " s";
    return std::to_string(duration.count()) + " ms";
}
} // namespace

FileTransferBridge::FileTransferBridge(DatagramChannel& udp, Console& console, Options options)
    : _udp(udp)
    , _console(console)
    , _options(std::move(options))
    , _autoAccept(_options.autoAccept)
    , _questions(_options.questions) {
    DatagramChannel* inboxChannel = &_udp;
    if (_options.simulateLossPercent > 0) {
        _lossyUdp = std::make_unique<LossyChannel>(
            _udp, LossSettings::uniform(_options.simulateLossPercent, std::random_device{}()));
        inboxChannel = _lossyUdp.get();
    }
    _inbox = std::make_unique<FileInbox>(*inboxChannel, _options.inbox);
    // The audience's bar, on the status row the presenter's uses: one row for whichever
    // transfer reported last.
    _inbox->onProgress([this](const FileOffer& offer, const TransferProgress& progress) {
        const std::string label = offer.fileName + " from " + offer.presenter + " ";
        const std::size_t width =
            _options.progressWidth > label.size() + 20 ? _options.progressWidth - label.size() : 20;
        _console.setStatus(label + renderProgressBar(progress, width));
    });
    _inbox->onReceived([this](const FileOffer& offer, const std::string& path) {
        _console.setStatus("");
        _console.printLine("Received " + offer.fileName + " from " + offer.presenter +
                           ", saved as " + path);
    });
    // Unanswered offers expire on time, and their presenters hear "declined" at once.
    _inbox->onHousekeeping([this] { expireQuestions(); });
    _inbox->onFailed([this](const FileOffer& offer, const std::string& reason) {
        _console.setStatus("");
        _console.printLine("Error. " + offer.fileName + " from " + offer.presenter +
                           " was not received: " + reason);
    });
}

FileTransferBridge::~FileTransferBridge() {
    finish();
}

void FileTransferBridge::install(CommandHooks& hooks, EventRouter& events) {
    for (const char* word : {"UPD", "/p2pvideo", "SENDFILE"})
        hooks.on(word, [this](HookContext& c, const std::string& l) { return onSend(c, l); });
    // The slashed spellings work inside a /query too, where a plain word is a message.
    for (const char* word : {"accept", "acceptfile", "/accept"})
        hooks.on(word, [this](HookContext&, const std::string& l) { return onAnswer(true, l); });
    for (const char* word : {"decline", "declinefile", "/decline"})
        hooks.on(word, [this](HookContext&, const std::string& l) { return onAnswer(false, l); });
    events.on(std::string(ev::kFileOffer), [this](const ServerLine& e) { onOffer(e); });
    _inbox->start();
}

void FileTransferBridge::setUser(std::string username, bool seedProfile) {
    MutexLock lock(_mutex);
    _user = std::move(username);
    _autoAccept = _options.autoAccept || seedProfile;
}

std::size_t FileTransferBridge::offersWaiting() const {
    MutexLock lock(_mutex);
    return _questions.size();
}

std::size_t FileTransferBridge::sending() const {
    MutexLock lock(_mutex);
    std::size_t count = 0;
    for (const auto& outgoing : _outgoing)
        count += !outgoing->done;
    return count;
}

HookResult FileTransferBridge::onSend(HookContext& context, const std::string& line) {
    WordCursor words(line);
    // Missing arguments: the server answers with the usage (the seeds' "no arguments" error).
    if (words.size() < 3)
        return HookResult::pass(line);
    const std::string& verb = words.word(0);
    if (words.size() > 3) {
        _console.printLine("Error. Usage: " + verb + " <user> <file> (one file, no spaces)");
        return HookResult::handled();
    }
    const std::string& audience = words.word(1);
    const std::string& path = words.word(2);
    const std::string name = safeBaseName(path);
    auto digest = digestFile(path);
    if (!digest || name.empty()) {
        _console.printLine("Error. " + path + " does not exist or is not a readable file");
        return HookResult::handled();
    }
    if (sending() >= _options.maxOutgoing) {
        _console.printLine("Error. " + std::to_string(_options.maxOutgoing) +
                           " files are being sent already; wait for one to finish");
        return HookResult::handled();
    }

    auto reply = context.request(verb + " " + audience + " " + name + " " +
                                 std::to_string(digest->size) + " " + digest->sha256);
    if (!reply)
        return HookResult::handled(); // The connection is gone; the session loop will see it.
    for (const auto& text : reply->texts())
        _console.printLine(text);
    if (reply->failed())
        return HookResult::handled();

    auto token = reply->final.field("token");
    auto address = reply->final.field("address");
    auto port = reply->final.intField("udp_port");
    if (!token || !address || !port || *port <= 0 || *port > 65535) {
        _console.printLine("Error. The server's answer lacked where to send " + path);
        return HookResult::handled();
    }
    auto outgoing = std::make_unique<Outgoing>();
    outgoing->offer =
        FileOffer{*token, context.username(), audience, name, digest->size, digest->sha256};
    outgoing->path = path;
    try {
        outgoing->audience = Poco::Net::SocketAddress(*address, static_cast<Poco::UInt16>(*port));
    } catch (const Poco::Exception& e) {
        _console.printLine("Error. Cannot send to " + *address + ": " + e.displayText());
        return HookResult::handled();
    }
    std::list<std::unique_ptr<Outgoing>> finished;
    {
        MutexLock lock(_mutex);
        if (_finished)
            return HookResult::handled();
        finished = takeFinishedLocked();
        Outgoing& started = *_outgoing.emplace_back(std::move(outgoing));
        started.thread = std::thread([this, &started] { runOutgoing(started); });
    }
    // Joined after releasing the mutex: each has finished, but a join is still a wait.
    for (auto& done : finished)
        done->thread.join();
    return HookResult::handled();
}

void FileTransferBridge::runOutgoing(Outgoing& outgoing) {
    SendResult result;
    try {
        // Each transfer has its own UDP port, so that acknowledgements need no routing.
        UdpChannel socket(Poco::Net::SocketAddress("0.0.0.0", 0));
        std::unique_ptr<LossyChannel> lossy;
        DatagramChannel* channel = &socket;
        if (_options.simulateLossPercent > 0) {
            lossy = std::make_unique<LossyChannel>(
                socket,
                LossSettings::uniform(_options.simulateLossPercent, std::random_device{}()));
            channel = lossy.get();
        }
        FileSender sender(outgoing.offer, outgoing.path, outgoing.audience, *channel,
                          _options.sender);
        const std::string label = outgoing.path + " to " + outgoing.offer.audience + " ";
        const std::size_t width =
            _options.progressWidth > label.size() + 20 ? _options.progressWidth - label.size() : 20;
        sender.onProgress([this, label, width](const TransferProgress& progress) {
            _console.setStatus(label + renderProgressBar(progress, width));
        });
        result = sender.run();
        socket.close();
    } catch (const Poco::Exception& e) {
        result.ok = false;
        result.error = e.displayText();
    } catch (const std::exception& e) {
        result.ok = false;
        result.error = e.what();
    }
    _console.setStatus("");
    if (result.ok)
        _console.printLine(outgoing.path + " has been uploaded to " + outgoing.offer.audience);
    else
        _console.printLine("Error. " + outgoing.path + " was not sent to " +
                           outgoing.offer.audience + ": " + result.error);
    outgoing.done = true;
}

std::list<std::unique_ptr<FileTransferBridge::Outgoing>> FileTransferBridge::takeFinishedLocked() {
    std::list<std::unique_ptr<Outgoing>> finished;
    for (auto it = _outgoing.begin(); it != _outgoing.end();) {
        auto next = std::next(it);
        if ((*it)->done)
            finished.splice(finished.end(), _outgoing, it);
        it = next;
    }
    return finished;
}

void FileTransferBridge::onOffer(const ServerLine& event) {
    auto from = event.field("from");
    auto file = event.field("file");
    auto size = parseUnsigned(event.field("size").value_or(""));
    auto sha256 = event.field("sha256");
    auto token = event.field("token");
    if (!from || !file || !size || !sha256 || !token) {
        _console.printLine("Error. The server announced a file without its details");
        return;
    }
    expireQuestions();
    std::string audience;
    bool autoAccept = false;
    {
        MutexLock lock(_mutex);
        audience = _user;
        autoAccept = _autoAccept;
    }
    FileOffer offer{*token, *from, std::move(audience), *file, *size, *sha256};
    // Over the size cap, the inbox refuses it whatever the user would say: not asked.
    if (autoAccept || offer.size > _options.inbox.maxFileSize) {
        if (!event.text().empty())
            _console.printLine(event.text());
        receive(offer, false);
        return;
    }
    // Checked now, not once accepted: an offer this client would refuse anyway is not asked.
    if (auto problem = p2p::transfer::offerProblem(offer); !problem.empty()) {
        _console.printLine("Error. Refused " + *file + " from " + *from + ": " + problem);
        return;
    }
    std::optional<int> number;
    {
        MutexLock lock(_mutex);
        number = _questions.ask(offer, FileOfferQuestions::Clock::now());
    }
    if (!number) {
        const std::string reason = "too many file offers are waiting for an answer";
        _inbox->decline(offer, reason);
        _console.printLine("Error. Refused " + *file + " from " + *from + ": " + reason);
        return;
    }
    if (!event.text().empty())
        _console.printLine(event.text());
    const std::string which = std::to_string(*number);
    _console.printLine("Receive " + *file + " (" + formatByteSize(*size) + ") from " + *from +
                       "? Answer y or n (or accept " + which + " / decline " + which + ")");
}

HookResult FileTransferBridge::onAnswer(bool accept, const std::string& line) {
    WordCursor words(line);
    if (words.size() > 2) {
        _console.printLine(std::string("Error. Usage: ") + (accept ? "accept" : "decline") +
                           " [<number>|<user>|<file>]");
        return HookResult::handled();
    }
    answer(accept, words.size() == 2 ? std::string_view(words.word(1)) : std::string_view());
    return HookResult::handled();
}

void FileTransferBridge::answer(bool accept, std::string_view selector) {
    expireQuestions();
    FileOfferQuestions::Choice choice;
    std::string me;
    {
        MutexLock lock(_mutex);
        choice = _questions.take(selector);
        me = _user;
    }
    if (!choice.question) {
        _console.printLine("Error. " + choice.error);
        return;
    }
    const FileOffer& offer = choice.question->offer;
    if (accept) {
        receive(offer, true);
        return;
    }
    _inbox->decline(offer, (me.empty() ? std::string("the audience") : me) + " declined the file");
    _console.printLine("Declined " + offer.fileName + " from " + offer.presenter);
}

void FileTransferBridge::receive(const FileOffer& offer, bool asked) {
    if (auto refused = _inbox->expect(offer)) {
        _console.printLine("Error. Refused " + offer.fileName + " from " + offer.presenter + ": " +
                           *refused);
        return;
    }
    if (asked)
        _console.printLine("Accepted " + offer.fileName + " from " + offer.presenter +
                           ": receiving it into " + _options.inbox.downloadDir);
}

void FileTransferBridge::expireQuestions() {
    std::vector<FileOfferQuestions::Question> expired;
    {
        MutexLock lock(_mutex);
        expired = _questions.expire(FileOfferQuestions::Clock::now());
    }
    for (const auto& question : expired) {
        _inbox->decline(question.offer, "the offer was not accepted in time");
        _console.printLine("Error. " + question.offer.fileName + " from " +
                           question.offer.presenter + " was not received: not accepted within " +
                           durationText(_options.questions.lifetime));
    }
}

void FileTransferBridge::finish() {
    std::list<std::unique_ptr<Outgoing>> outgoing;
    {
        MutexLock lock(_mutex);
        if (_finished)
            return;
        _finished = true;
        outgoing.swap(_outgoing);
        // Unanswered offers die with the inbox; their presenters time out.
        _questions.takeAll();
    }
    std::size_t running = 0;
    for (const auto& o : outgoing)
        running += !o->done;
    if (running > 0)
        _console.printLine("Waiting for " + std::to_string(running) + " file transfer" +
                           (running == 1 ? "" : "s") + " to finish...");
    for (auto& o : outgoing)
        o->thread.join();
    _inbox->stop();
}

} // namespace toom::client
