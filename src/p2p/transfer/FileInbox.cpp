#include "p2p/transfer/FileInbox.h"

#include "common/ByteSize.h"
#include "p2p/transfer/SafeFileName.h"

#include <Poco/Path.h>

#include <algorithm>
#include <limits>

namespace toom::p2p::transfer {

namespace {

/// The longest the loop waits for a datagram: timers (offer expiry, idle transfers,
/// cancellations) are checked at least this often.
constexpr Micros kHousekeepingInterval = std::chrono::milliseconds(50);
/// Finished transfers remembered at most (the oldest are forgotten first).
constexpr std::size_t kMaxFinished = 256;
/// Least time between two answers to the same finished transfer: a presenter with a window
/// of DATA in flight gets a handful of DONEs, not a thousand.
constexpr Micros kFinishedReplyInterval = std::chrono::milliseconds(10);
/// What the kernel charges a datagram against the socket's receive buffer, estimated from
/// its size: measured on Linux, a 1228-byte datagram costs 2315 bytes, an 8220-byte one 17039.
constexpr std::size_t receiveCharge(std::size_t datagramBytes) {
    return 2 * datagramBytes + 1024;
}
/// The least window ever advertised, so that a transfer always moves.
constexpr std::size_t kMinAdvertisedWindow = 8;

std::string secondsText(std::chrono::milliseconds duration) {
    return std::to_string((duration.count() + 999) / 1000) + " s";
}

/// Runs a callback, keeping an exception in the client's code from killing the inbox thread.
template <typename Callback, typename... Args>
void runCallback(const Callback& callback, Args&&... args) {
    if (!callback)
        return;
    try {
        callback(std::forward<Args>(args)...);
    } catch (...) {
    }
}

} // namespace

FileInbox::FileInbox(DatagramChannel& channel, InboxSettings settings)
    : _channel(channel)
    , _settings(std::move(settings)) {
    _settings.ackEvery = std::max<std::size_t>(1, _settings.ackEvery);
}

FileInbox::~FileInbox() {
    stop();
}

void FileInbox::start() {
    if (_thread.joinable())
        return;
    _stopping = false;
    _receiveBufferBytes = _channel.receiveBufferBytes();
    _thread = std::thread([this] { run(); });
}

void FileInbox::stop() {
    if (!_thread.joinable())
        return;
    _stopping = true;
    if (std::this_thread::get_id() == _thread.get_id())
        return; // called from a callback: the loop ends when the callback returns
    _thread.join();
}

std::optional<std::string> FileInbox::expect(const FileOffer& offer) {
    if (auto problem = offerProblem(offer); !problem.empty())
        return problem;
    TransferToken token = *parseToken(offer.token);
    TimePoint now = TransferClock::now();
    MutexLock lock(_mutex);
    if (_announced.count(token) || _runningTokens.count(token) || _finished.count(token))
        return "this offer was already announced";
    std::string refusal;
    if (offer.size > _settings.maxFileSize)
        refusal = "the file is too large (" + formatByteSize(offer.size) +
                  "; this client accepts at most " + formatByteSize(_settings.maxFileSize) + ")";
    else if (_announced.size() + _runningTokens.size() >= _settings.maxIncoming)
        refusal =
            "too many incoming transfers (at most " + std::to_string(_settings.maxIncoming) + ")";
    if (!refusal.empty()) {
        // Remembered, so that the presenter's START gets the reason at once instead of
        // retrying until it times out.
        remember(token, Finished{false, AbortCode::Refused, refusal, std::nullopt,
                                 now + _settings.rememberFinished});
        return refusal;
    }
    _announced[token] = Announced{offer, now + _settings.offerLifetime};
    return std::nullopt;
}

void FileInbox::decline(const FileOffer& offer, const std::string& reason) {
    auto token = parseToken(offer.token);
    if (!token)
        return;
    MutexLock lock(_mutex);
    if (_announced.count(*token) || _runningTokens.count(*token) || _finished.count(*token))
        return; // accepted already, or known: cancel() is the way to stop it
    remember(*token, Finished{false, AbortCode::Refused, reason, std::nullopt,
                              TransferClock::now() + _settings.rememberFinished});
}

void FileInbox::cancel(const std::string& token, std::string reason) {
    auto parsed = parseToken(token);
    if (!parsed)
        return;
    MutexLock lock(_mutex);
    _cancelRequests.emplace_back(*parsed, std::move(reason));
}

std::size_t FileInbox::incomingCount() const {
    MutexLock lock(_mutex);
    return _announced.size() + _runningTokens.size();
}

void FileInbox::run() {
    std::vector<char> buffer(kMaxDatagramBytes);
    TimePoint nextHousekeeping = TransferClock::now();
    while (!_stopping) {
        bool acksDue = std::any_of(_running.begin(), _running.end(),
                                   [](const auto& entry) { return entry.second.ackDue; });
        // With acknowledgements pending, only look: if nothing more is queued, the presenter is
        // waiting for them, so they go now.
        auto got = _channel.receiveFrom(buffer.data(), buffer.size(),
                                        acksDue ? Micros(0) : kHousekeepingInterval);
        TimePoint now = TransferClock::now();
        if (got)
            handle(std::string_view(buffer.data(), got->size), got->from, now);
        else if (acksDue)
            flushAcks();
        if (now >= nextHousekeeping) {
            housekeep(now);
            runCallback(_onHousekeeping);
            nextHousekeeping = now + kHousekeepingInterval;
        }
    }
    shutDown(TransferClock::now());
}

void FileInbox::handle(std::string_view bytes, const Poco::Net::SocketAddress& from,
                       TimePoint now) {
    auto datagram = decodeDatagram(bytes);
    if (!datagram)
        return; // not ours, or broken: never worth an answer
    auto it = _running.find(datagram->token);
    if (it == _running.end()) {
        handleOther(*datagram, from, now);
        return;
    }
    // The transfer belongs to the address its START came from; anyone else is ignored.
    if (!sameEndpoint(from, it->second.presenter))
        return;
    handleRunning(it, *datagram, now);
}

void FileInbox::handleRunning(RunningMap::iterator it, const Datagram& datagram, TimePoint now) {
    Running& running = it->second;
    switch (datagram.type()) {
    case DatagramType::Start:
        // Our START_ACK was lost and the presenter repeats itself.
        send(it->first, StartAckMessage{advertisedWindow(running.transfer->chunkSize())},
             running.presenter);
        break;
    case DatagramType::Data:
        onData(it, std::get<DataMessage>(datagram.body), now);
        break;
    case DatagramType::Fin:
        // The presenter believes everything arrived but we are not complete: tell it what is
        // missing.
        sendAck(it->first, running);
        break;
    case DatagramType::Abort: {
        const auto& abort = std::get<AbortMessage>(datagram.body);
        fail(it, abort.code,
             "the presenter ended the transfer: " +
                 (abort.reason.empty() ? std::string("no reason given") : abort.reason),
             false, now);
        break;
    }
    default:
        break; // START_ACK, ACK, DONE go to presenters, not from them
    }
}

void FileInbox::handleOther(const Datagram& datagram, const Poco::Net::SocketAddress& from,
                            TimePoint now) {
    std::optional<FileOffer> starting;
    std::optional<DatagramBody> reply;
    {
        MutexLock lock(_mutex);
        auto announced = _announced.find(datagram.token);
        if (announced != _announced.end()) {
            if (datagram.type() != DatagramType::Start)
                return; // DATA before START is impossible; a stray from an old run
            starting = std::move(announced->second.offer);
            _announced.erase(announced);
            _runningTokens.insert(datagram.token);
        } else if (auto finished = _finished.find(datagram.token); finished != _finished.end()) {
            Finished& done = finished->second;
            bool fromPresenter = !done.presenter || sameEndpoint(*done.presenter, from);
            bool asks = datagram.type() == DatagramType::Start ||
                        datagram.type() == DatagramType::Data ||
                        datagram.type() == DatagramType::Fin;
            if (!fromPresenter || !asks || now - done.lastReplyAt < kFinishedReplyInterval)
                return;
            done.lastReplyAt = now;
            if (done.kept)
                reply = DoneMessage{};
            else
                reply = AbortMessage{done.code, done.reason};
        } else {
            // Unknown token: perhaps the server's announcement is still on its way; the
            // presenter repeats START until it is.
            return;
        }
    }
    if (reply)
        send(datagram.token, std::move(*reply), from);
    if (starting)
        begin(*starting, std::get<StartMessage>(datagram.body), from, now);
}

void FileInbox::begin(const FileOffer& offer, const StartMessage& start,
                      const Poco::Net::SocketAddress& from, TimePoint now) {
    TransferToken token = *parseToken(offer.token);
    auto refuse = [&](AbortCode code, const std::string& reason) {
        send(token, AbortMessage{code, reason}, from);
        {
            MutexLock lock(_mutex);
            _runningTokens.erase(token);
            remember(token, Finished{false, code, reason, from, now + _settings.rememberFinished});
        }
        notifyFailed(offer, reason);
    };

    // The server vouches for the offer; START must describe the same file.
    std::string startDigest = sha256ToHex(start.sha256);
    if (start.fileName != offer.fileName || start.fileSize != offer.size ||
        startDigest != offer.sha256)
        return refuse(AbortCode::OfferMismatch, "the presenter's START does not match the offer (" +
                                                    start.fileName + ", " +
                                                    std::to_string(start.fileSize) + " bytes)");
    if (chunkCountFor(start.fileSize, start.chunkSize) > std::numeric_limits<std::uint32_t>::max())
        return refuse(AbortCode::Refused, "too many chunks");

    std::string name = receivedFileName(offer.presenter, offer.fileName);
    Poco::Path directory = Poco::Path(_settings.downloadDir).makeDirectory();
    std::string finalPath = Poco::Path(directory, name).toString();
    // Hidden, and unique per transfer: the same file sent twice at once must not share it.
    std::string tempPath =
        Poco::Path(directory, "." + name + "." + offer.token.substr(0, 8) + ".part").toString();
    auto transfer = std::make_unique<IncomingTransfer>(offer, start.chunkSize, finalPath, tempPath);
    if (auto problem = transfer->open(); !problem.empty())
        return refuse(AbortCode::LocalError, problem);

    auto [it, inserted] = _running.emplace(
        token, Running{std::move(transfer), from, now,
                       ProgressMeter(offer.size, _settings.progressInterval, now)});
    send(token, StartAckMessage{advertisedWindow(start.chunkSize)}, from);
    runCallback(_onStarted, offer);
    if (it->second.transfer->complete())
        complete(it, now); // an empty file is complete from the start
}

void FileInbox::onData(RunningMap::iterator it, const DataMessage& data, TimePoint now) {
    Running& running = it->second;
    IncomingTransfer& transfer = *running.transfer;
    std::uint32_t front = transfer.highest();
    auto stored = transfer.store(data);
    if (stored == IncomingTransfer::Stored::Invalid)
        return;
    running.lastEcho = data.timestamp;
    switch (stored) {
    case IncomingTransfer::Stored::Failed:
        return fail(it, AbortCode::LocalError, transfer.error(), true, now);
    case IncomingTransfer::Stored::Duplicate:
        // The presenter sent it again, so it probably missed our acknowledgement.
        sendAck(it->first, running);
        return;
    default:
        break;
    }
    running.lastProgress = now;
    if (transfer.complete())
        return complete(it, now);
    ++running.unacked;
    // A chunk that just extends the front is routine. One past it (a gap opens: something was
    // lost) or behind it (a hole fills, and the presenter's window can move) is news the
    // presenter's loss detection wants at once.
    bool extendsFront = data.seq == front;
    if (!extendsFront || running.unacked >= _settings.ackEvery)
        sendAck(it->first, running);
    else
        running.ackDue = true;
    if (auto report = running.meter.update(transfer.bytesStored(), now))
        runCallback(_onProgress, transfer.offer(), *report);
}

void FileInbox::complete(RunningMap::iterator it, TimePoint now) {
    Running& running = it->second;
    switch (running.transfer->keep()) {
    case IncomingTransfer::Kept::DigestMismatch:
        return fail(it, AbortCode::DigestMismatch, running.transfer->error(), true, now);
    case IncomingTransfer::Kept::Failed:
        return fail(it, AbortCode::LocalError, running.transfer->error(), true, now);
    case IncomingTransfer::Kept::Yes:
        break;
    }
    send(it->first, DoneMessage{}, running.presenter);
    FileOffer offer = running.transfer->offer();
    std::string path = running.transfer->finalPath();
    if (auto report = running.meter.update(offer.size, now))
        runCallback(_onProgress, offer, *report);
    {
        MutexLock lock(_mutex);
        _runningTokens.erase(it->first);
        remember(it->first, Finished{true,
                                     AbortCode::Unspecified,
                                     {},
                                     running.presenter,
                                     now + _settings.rememberFinished});
    }
    _running.erase(it);
    runCallback(_onReceived, offer, path);
}

void FileInbox::fail(RunningMap::iterator it, AbortCode code, std::string reason,
                     bool tellPresenter, TimePoint now) {
    Running& running = it->second;
    running.transfer->discard();
    if (tellPresenter)
        send(it->first, AbortMessage{code, reason}, running.presenter);
    FileOffer offer = running.transfer->offer();
    {
        MutexLock lock(_mutex);
        _runningTokens.erase(it->first);
        remember(it->first, Finished{false, code, reason, running.presenter,
                                     now + _settings.rememberFinished});
    }
    _running.erase(it);
    notifyFailed(offer, reason);
}

std::uint16_t FileInbox::advertisedWindow(std::uint32_t chunkSize) const {
    // Flow control: the presenter may have in flight what three quarters of our socket's
    // buffer holds (the rest is slack for other datagrams), shared among the transfers running.
    // More would be dropped by the kernel whenever this thread falls behind, and resent.
    if (_receiveBufferBytes == 0)
        return static_cast<std::uint16_t>(kMaxWindowChunks);
    std::size_t capacity =
        _receiveBufferBytes * 3 / 4 / receiveCharge(kDataHeaderBytes + chunkSize);
    std::size_t share = capacity / std::max<std::size_t>(1, _running.size());
    return static_cast<std::uint16_t>(std::clamp(share, kMinAdvertisedWindow, kMaxWindowChunks));
}

void FileInbox::sendAck(const TransferToken& token, Running& running) {
    AckMessage ack = running.transfer->ack(running.lastEcho);
    ack.window = advertisedWindow(running.transfer->chunkSize());
    send(token, ack, running.presenter);
    running.unacked = 0;
    running.ackDue = false;
}

void FileInbox::flushAcks() {
    for (auto& [token, running] : _running) {
        if (running.ackDue)
            sendAck(token, running);
    }
}

void FileInbox::housekeep(TimePoint now) {
    std::vector<std::pair<TransferToken, std::string>> cancels;
    std::vector<std::pair<FileOffer, std::string>> failedOffers;
    {
        MutexLock lock(_mutex);
        cancels.swap(_cancelRequests);
        for (auto it = _announced.begin(); it != _announced.end();) {
            auto cancel = std::find_if(cancels.begin(), cancels.end(),
                                       [&](const auto& c) { return c.first == it->first; });
            std::string reason;
            if (cancel != cancels.end())
                reason = cancel->second;
            else if (now >= it->second.expiresAt)
                reason = "the presenter did not start the transfer within " +
                         secondsText(_settings.offerLifetime);
            if (reason.empty()) {
                ++it;
                continue;
            }
            remember(it->first, Finished{false, AbortCode::Refused, reason, std::nullopt,
                                         now + _settings.rememberFinished});
            failedOffers.emplace_back(std::move(it->second.offer), std::move(reason));
            it = _announced.erase(it);
        }
        for (auto it = _finished.begin(); it != _finished.end();) {
            if (now >= it->second.forgetAt)
                it = _finished.erase(it);
            else
                ++it;
        }
    }
    for (const auto& [offer, reason] : failedOffers)
        notifyFailed(offer, reason);

    for (const auto& [token, reason] : cancels) {
        if (auto it = _running.find(token); it != _running.end())
            fail(it, AbortCode::Cancelled, reason, true, now);
    }
    for (auto it = _running.begin(); it != _running.end();) {
        auto next = std::next(it);
        // Progress, not mere traffic: a presenter repeating old chunks forever would otherwise
        // hold its place for good.
        if (now - it->second.lastProgress >= _settings.idleTimeout)
            fail(it, AbortCode::TimedOut,
                 "no new data from the presenter for " + secondsText(_settings.idleTimeout), true,
                 now);
        it = next;
    }
}

void FileInbox::shutDown(TimePoint now) {
    while (!_running.empty())
        fail(_running.begin(), AbortCode::Cancelled, "the audience stopped receiving", true, now);
    std::map<TransferToken, Announced> announced;
    {
        MutexLock lock(_mutex);
        announced.swap(_announced);
        for (const auto& [token, entry] : announced)
            remember(token, Finished{false, AbortCode::Cancelled, "the audience stopped receiving",
                                     std::nullopt, now + _settings.rememberFinished});
    }
    for (const auto& [token, entry] : announced)
        notifyFailed(entry.offer, "the audience stopped receiving");
}

void FileInbox::remember(const TransferToken& token, Finished finished) {
    _finished[token] = std::move(finished);
    while (_finished.size() > kMaxFinished) {
        auto oldest =
            std::min_element(_finished.begin(), _finished.end(), [](const auto& a, const auto& b) {
                return a.second.forgetAt < b.second.forgetAt;
            });
        _finished.erase(oldest);
    }
}

void FileInbox::send(const TransferToken& token, DatagramBody body,
                     const Poco::Net::SocketAddress& to) {
    _channel.sendTo(encodeDatagram(Datagram{token, std::move(body)}), to);
}

void FileInbox::notifyFailed(const FileOffer& offer, const std::string& reason) {
    runCallback(_onFailed, offer, reason);
}

} // namespace toom::p2p::transfer
