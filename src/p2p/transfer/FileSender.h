#pragma once
// The presenter's end of a transfer: sends one file to one audience over its own channel and
// returns when the audience confirmed the digest, or when the transfer failed.

#include "p2p/transfer/DatagramChannel.h"
#include "p2p/transfer/FileOffer.h"
#include "p2p/transfer/TransferProgress.h"
#include "p2p/transfer/TransferSettings.h"

#include <atomic>
#include <functional>
#include <string>

namespace toom::p2p::transfer {

struct SendResult {
    bool ok = false;
    std::string error;                 ///< Why it failed, for people; "" when ok.
    std::uint64_t bytes = 0;           ///< Acknowledged by the audience.
    double seconds = 0;                ///< From the first START to the end.
    std::uint64_t retransmissions = 0; ///< DATA datagrams that repeated a chunk.
};

class FileSender {
public:
    using ProgressCallback = std::function<void(const TransferProgress&)>;

    /// `channel` is this transfer's own (a fresh ephemeral UDP socket), used only by run() and
    /// never closed by it; it must outlive run(). `audience` is the address the server gave.
    FileSender(FileOffer offer, std::string path, Poco::Net::SocketAddress audience,
               DatagramChannel& channel, SenderSettings settings = {});

    /// Called on run()'s thread at most once per settings.progressInterval, and once at 100%.
    /// Set before run().
    void onProgress(ProgressCallback callback) { _onProgress = std::move(callback); }

    /// Sends the file; blocks until done or failed (the client calls it on its own thread).
    /// A failure found here (timeout, cancel, unreadable file) is also told to the audience
    /// with a best-effort ABORT. Call once.
    SendResult run();

    /// Asks run() to give up soon (within about 100 ms); safe from any thread.
    void cancel() { _cancelled = true; }

private:
    class Run;

    FileOffer _offer;
    std::string _path;
    Poco::Net::SocketAddress _audience;
    DatagramChannel& _channel;
    SenderSettings _settings;
    ProgressCallback _onProgress;
    std::atomic<bool> _cancelled{false};
};

} // namespace toom::p2p::transfer
