#include "p2p/transfer/FileSender.h"

#include "p2p/transfer/ChunkReader.h"
#include "p2p/transfer/Datagram.h"
#include "p2p/transfer/RttEstimator.h"
#include "p2p/transfer/SendWindow.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace toom::p2p::transfer {

namespace {

/// ACKs, DONE and ABORT are small; anything bigger is not for the presenter.
constexpr std::size_t kReceiveBufferBytes = 4096;
/// The longest run() waits in one go, so that cancel() is noticed promptly.
constexpr Micros kLongestWait = std::chrono::milliseconds(100);
/// Datagrams handled in one go before sending again (keeps the window moving under a flood).
constexpr int kMaxDrain = 256;
/// Least reordering allowance for loss detection: on loopback a quarter of the round trip is
/// a few microseconds, less than the jitter of thread scheduling.
constexpr Micros kMinReorderAllowance = std::chrono::milliseconds(1);
constexpr TimePoint kDisarmed = TimePoint::max();

std::string secondsText(std::chrono::milliseconds duration) {
    auto tenths = duration.count() / 100;
    std::string text = std::to_string(tenths / 10);
    if (tenths % 10 != 0)
        text += "." + std::to_string(tenths % 10);
    return text + " s";
}

} // namespace

/// One execution of FileSender::run(): the open file, the window and the timers.
class FileSender::Run {
public:
    explicit Run(FileSender& owner)
        : _owner(owner)
        , _settings(owner._settings)
        , _rtt(_settings.initialRto, _settings.minRto, _settings.maxRto)
        , _start(TransferClock::now())
        , _meter(owner._offer.size, _settings.progressInterval, _start) {}

    ~Run() {
        if (_fd >= 0)
            ::close(_fd);
    }

    SendResult execute();

private:
    enum class Phase { Start, Data, Fin };

    /// What a datagram from the audience meant for the loop.
    enum class Verdict { Continue, Done, Aborted };

    /// Why the presenter gives up, for the ABORT and for the result.
    struct Failure {
        AbortCode code;
        std::string reason;
    };

    std::string prepare();
    std::optional<Failure> runTimers(TimePoint now);
    std::optional<Failure> sendDue(TimePoint now);
    std::optional<SendResult> receive(TimePoint now);
    void sendStart(TimePoint now);
    Verdict handle(const Datagram& datagram, TimePoint now);
    void onAck(const AckMessage& ack, TimePoint now);
    void applyWindow(std::uint16_t advertised);
    bool sendChunk(std::uint32_t seq, TimePoint now);
    void sendControl(DatagramBody body);
    std::uint32_t stamp(TimePoint at) const;
    std::uint64_t ackedBytes() const;
    void reportProgress(TimePoint now);
    SendResult finish(TimePoint now);
    SendResult fail(const Failure& failure, bool tellAudience = true);

    FileSender& _owner;
    const SenderSettings& _settings;
    TransferToken _token{};
    Sha256Bytes _sha256{};
    int _fd = -1;
    std::uint32_t _chunkSize = 0;
    std::uint32_t _chunkCount = 0;
    std::optional<SendWindow> _window;
    std::optional<ChunkReader> _reader;
    RttEstimator _rtt;
    TimePoint _start;
    ProgressMeter _meter;
    std::vector<char> _sendBuffer;
    SendResult _result;
    std::string _abortText; ///< The audience's reason, when it aborted.
    Phase _phase = Phase::Start;
    int _startsSent = 0;
    TimePoint _lastStartAt{};
    Micros _startRetry{};     ///< The current START repeat interval.
    TimePoint _nextStartAt{}; ///< When START goes again.
    TimePoint _startDeadline{};
    TimePoint _lastHeard{};             ///< Anything from the audience (idle timeout).
    TimePoint _rtoDeadline = kDisarmed; ///< The retransmission timer.
    int _consecutiveTimeouts = 0;
    std::vector<char> _receiveBuffer = std::vector<char>(kReceiveBufferBytes);
};

SendResult FileSender::run() {
    return Run(*this).execute();
}

FileSender::FileSender(FileOffer offer, std::string path, Poco::Net::SocketAddress audience,
                       DatagramChannel& channel, SenderSettings settings)
    : _offer(std::move(offer))
    , _path(std::move(path))
    , _audience(std::move(audience))
    , _channel(channel)
    , _settings(std::move(settings)) {}

std::string FileSender::Run::prepare() {
    const FileOffer& offer = _owner._offer;
    if (auto problem = offerProblem(offer); !problem.empty())
        return problem;
    _token = *parseToken(offer.token);
    _sha256 = *parseSha256Hex(offer.sha256);
    _fd = ::open(_owner._path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (_fd < 0 || ::fstat(_fd, &info) != 0 || !S_ISREG(info.st_mode))
        return "cannot read " + _owner._path + ": " + std::strerror(_fd < 0 ? errno : EISDIR);
    if (static_cast<std::uint64_t>(info.st_size) != offer.size)
        return _owner._path + " changed since it was offered (" + std::to_string(info.st_size) +
               " bytes, offered " + std::to_string(offer.size) + ")";
    const bool local = _owner._audience.host().isLoopback();
    const std::size_t wanted = local && _settings.loopbackChunkSize != 0
                                   ? _settings.loopbackChunkSize
                                   : _settings.chunkSize;
    _chunkSize = static_cast<std::uint32_t>(std::clamp(wanted, kMinChunkBytes, kMaxChunkBytes));
    std::uint64_t chunks = (offer.size + _chunkSize - 1) / _chunkSize;
    if (chunks > std::numeric_limits<std::uint32_t>::max())
        return "the file is too large for " + std::to_string(_chunkSize) + "-byte chunks";
    _chunkCount = static_cast<std::uint32_t>(chunks);
    _window.emplace(_chunkCount, std::min(_settings.window, kMaxWindowChunks));
    _reader.emplace(_fd, offer.size, _chunkSize);
    _sendBuffer.resize(kDataHeaderBytes + _chunkSize);
    return {};
}

SendResult FileSender::Run::execute() {
    if (auto problem = prepare(); !problem.empty())
        return fail({AbortCode::LocalError, problem}, _token != TransferToken{});
    if (_owner._offer.fileName.size() > kMaxFileNameBytes)
        return fail({AbortCode::LocalError, "the file name is too long"});

    TimePoint now = TransferClock::now();
    sendStart(now);
    _startRetry = _settings.startRetry;
    _nextStartAt = now + _startRetry;
    _startDeadline = now + _settings.startTimeout;
    _lastHeard = now;
    for (;;) {
        now = TransferClock::now();
        if (_owner._cancelled)
            return fail({AbortCode::Cancelled, "cancelled by the presenter"});
        if (auto failure = runTimers(now))
            return fail(*failure);
        if (auto failure = sendDue(now))
            return fail(*failure);
        if (auto end = receive(now))
            return *end;
    }
}

std::optional<FileSender::Run::Failure> FileSender::Run::runTimers(TimePoint now) {
    if (_phase == Phase::Start) {
        if (now >= _startDeadline)
            return Failure{AbortCode::TimedOut, "the audience did not answer within " +
                                                    secondsText(_settings.startTimeout)};
        if (now >= _nextStartAt) {
            sendStart(now);
            _startRetry = std::min<Micros>(_startRetry * 2, _settings.startRetryMax);
            _nextStartAt = now + _startRetry;
        }
        return std::nullopt;
    }
    if (now - _lastHeard >= _settings.idleTimeout)
        return Failure{AbortCode::TimedOut,
                       "no answer from the audience for " + secondsText(_settings.idleTimeout)};
    if (now >= _rtoDeadline) {
        if (++_consecutiveTimeouts > _settings.maxConsecutiveTimeouts)
            return Failure{AbortCode::TimedOut, "the audience stopped acknowledging (" +
                                                    std::to_string(_consecutiveTimeouts - 1) +
                                                    " timeouts in a row)"};
        _rtt.backOff();
        if (_phase == Phase::Data)
            _window->onTimeout(); // the oldest chunk goes again, below
        else
            sendControl(FinMessage{});
        _rtoDeadline = now + _rtt.rto();
    }
    return std::nullopt;
}

std::optional<FileSender::Run::Failure> FileSender::Run::sendDue(TimePoint now) {
    if (_phase != Phase::Data)
        return std::nullopt;
    auto unreadable = [&] {
        return Failure{AbortCode::LocalError,
                       "cannot read " + _owner._path + ": " + std::strerror(errno)};
    };
    // Lost chunks first: the audience's window cannot move past them.
    while (auto seq = _window->takeLost(now)) {
        if (!sendChunk(*seq, now))
            return unreadable();
        ++_result.retransmissions;
    }
    while (_window->canSendNew()) {
        if (!sendChunk(_window->takeNew(now), now))
            return unreadable();
    }
    if (_window->allAcked()) {
        // Every chunk arrived; FIN asks for the verdict on the digest (the audience also
        // sends DONE by itself; FIN covers its loss).
        _phase = Phase::Fin;
        sendControl(FinMessage{});
        _consecutiveTimeouts = 0;
        _rtoDeadline = now + _rtt.rto();
    } else if (_rtoDeadline == kDisarmed) {
        _rtoDeadline = now + _rtt.rto();
    }
    return std::nullopt;
}

std::optional<SendResult> FileSender::Run::receive(TimePoint now) {
    TimePoint wakeAt = now + kLongestWait;
    if (_phase == Phase::Start)
        wakeAt = std::min({wakeAt, _nextStartAt, _startDeadline});
    else
        wakeAt = std::min({wakeAt, _lastHeard + _settings.idleTimeout, _rtoDeadline});
    auto wait = std::max(Micros(0), std::chrono::duration_cast<Micros>(wakeAt - now));
    auto got = _owner._channel.receiveFrom(_receiveBuffer.data(), _receiveBuffer.size(), wait);
    // Everything already queued, before sending again: the freshest ACK decides what to send.
    for (int drained = 0; got && drained < kMaxDrain; ++drained) {
        auto datagram = decodeDatagram(std::string_view(_receiveBuffer.data(), got->size));
        if (datagram && datagram->token == _token) {
            now = TransferClock::now();
            _lastHeard = now;
            std::uint32_t ackedBefore = _window->ackedChunks();
            switch (handle(*datagram, now)) {
            case Verdict::Done:
                return finish(now);
            case Verdict::Aborted:
                return fail({AbortCode::Unspecified, _abortText}, false);
            case Verdict::Continue:
                break;
            }
            if (_window->ackedChunks() != ackedBefore) {
                // Progress: the timer restarts, and its back-off ends.
                _consecutiveTimeouts = 0;
                _rtt.resetBackOff();
                _rtoDeadline = _window->allAcked() ? kDisarmed : now + _rtt.rto();
            }
        }
        got = _owner._channel.receiveFrom(_receiveBuffer.data(), _receiveBuffer.size(), Micros(0));
    }
    return std::nullopt;
}

void FileSender::Run::sendStart(TimePoint now) {
    const FileOffer& offer = _owner._offer;
    sendControl(StartMessage{_chunkSize, offer.size, _sha256, offer.fileName});
    ++_startsSent;
    _lastStartAt = now;
}

FileSender::Run::Verdict FileSender::Run::handle(const Datagram& datagram, TimePoint now) {
    switch (datagram.type()) {
    case DatagramType::StartAck:
        if (_phase == Phase::Start) {
            // Only an unrepeated START gives an unambiguous round trip (Karn's rule).
            if (_startsSent == 1)
                _rtt.addSample(std::chrono::duration_cast<Micros>(now - _lastStartAt));
            _phase = Phase::Data;
        }
        applyWindow(std::get<StartAckMessage>(datagram.body).window);
        return Verdict::Continue;
    case DatagramType::Ack:
        if (_phase != Phase::Start)
            onAck(std::get<AckMessage>(datagram.body), now);
        return Verdict::Continue;
    case DatagramType::Done:
        return Verdict::Done;
    case DatagramType::Abort: {
        const auto& abort = std::get<AbortMessage>(datagram.body);
        _abortText = "the audience ended the transfer: " +
                     (abort.reason.empty() ? std::string("no reason given") : abort.reason);
        return Verdict::Aborted;
    }
    default:
        return Verdict::Continue; // START, DATA, FIN come from presenters, not to them
    }
}

void FileSender::Run::applyWindow(std::uint16_t advertised) {
    // 0: the audience states no limit. Otherwise it knows what its socket can hold; more in
    // flight would be dropped by its kernel whenever it falls behind.
    std::size_t limit = _settings.window;
    if (advertised > 0)
        limit = std::min<std::size_t>(limit, advertised);
    _window->setInFlightLimit(limit);
}

void FileSender::Run::onAck(const AckMessage& ack, TimePoint now) {
    applyWindow(ack.window);
    // The echo is the send time of the DATA that arrived last, in our own clock: it gives a
    // round trip even for retransmitted chunks, and tells loss detection what got through.
    auto elapsed = static_cast<std::uint32_t>(stamp(now) - ack.echo);
    Micros rtt(elapsed);
    if (rtt > now - _start)
        return; // an echo we never sent: ignore the whole ACK rather than trust it
    _rtt.addSample(rtt);
    Micros allowance = kMinReorderAllowance;
    if (auto minimum = _rtt.minimum())
        allowance = std::max(allowance, *minimum / 4);
    if (_window->onAck(ack, now - rtt, allowance) > 0)
        reportProgress(now);
}

bool FileSender::Run::sendChunk(std::uint32_t seq, TimePoint now) {
    std::uint32_t length = _reader->chunkLength(seq);
    if (!_reader->read(seq, _sendBuffer.data() + kDataHeaderBytes))
        return false;
    writeDataHeader(_sendBuffer.data(), _token, seq, stamp(now));
    _owner._channel.sendTo(std::string_view(_sendBuffer.data(), kDataHeaderBytes + length),
                           _owner._audience);
    return true;
}

void FileSender::Run::sendControl(DatagramBody body) {
    _owner._channel.sendTo(encodeDatagram(Datagram{_token, std::move(body)}), _owner._audience);
}

std::uint32_t FileSender::Run::stamp(TimePoint at) const {
    // Microseconds since the start, wrapping every 71 minutes: only differences matter.
    return static_cast<std::uint32_t>(std::chrono::duration_cast<Micros>(at - _start).count());
}

std::uint64_t FileSender::Run::ackedBytes() const {
    if (!_window || !_reader || _chunkCount == 0)
        return 0;
    std::uint64_t bytes = std::uint64_t{_window->ackedChunks()} * _chunkSize;
    if (_window->acked(_chunkCount - 1))
        bytes -= _chunkSize - _reader->chunkLength(_chunkCount - 1);
    return bytes;
}

void FileSender::Run::reportProgress(TimePoint now) {
    auto report = _meter.update(ackedBytes(), now);
    if (report && _owner._onProgress)
        _owner._onProgress(*report);
}

SendResult FileSender::Run::finish(TimePoint now) {
    // DONE means the audience has every byte and the digest matched.
    auto report = _meter.update(_owner._offer.size, now);
    if (report && _owner._onProgress)
        _owner._onProgress(*report);
    _result.ok = true;
    _result.bytes = _owner._offer.size;
    _result.seconds = std::chrono::duration<double>(now - _start).count();
    return _result;
}

SendResult FileSender::Run::fail(const Failure& failure, bool tellAudience) {
    if (tellAudience)
        sendControl(AbortMessage{failure.code, failure.reason});
    _result.ok = false;
    _result.error = failure.reason;
    _result.bytes = ackedBytes();
    _result.seconds = std::chrono::duration<double>(TransferClock::now() - _start).count();
    return _result;
}

} // namespace toom::p2p::transfer
