// Benchmark: the UDP file-transfer engine against a plain TCP copy, on loopback.
//
//   build/bench/bench_transfer [mebibytes=64] [runs=3] [chunk] [window] [ackEvery]
//
// (chunk defaults to SenderSettings::loopbackChunkSize, what a transfer on this machine uses;
// window and ackEvery to SenderSettings and InboxSettings.)
//
// Writes a random file of the given size, then copies it to a download directory:
//   - over TCP (a Poco StreamSocket: read file, send, receive, write file; no digest),
//   - with the transfer engine on a clean line (0% loss),
//   - with the engine through a LossyChannel at the presenter, which acts on both directions:
//     10% of DATA and 10% of ACKs dropped; then 10% dropped, duplicated and reordered each
//     way (what --simulate-loss 10 does).
// The engine's figure covers START to DONE: every chunk acknowledged, the audience's SHA-256
// checked and the file renamed into place. Each line is the median of `runs` runs.
// A measurement, not a test: build it in a Release or RelWithDebInfo tree.

#include "p2p/transfer/FileDigest.h"
#include "p2p/transfer/FileInbox.h"
#include "p2p/transfer/FileSender.h"
#include "p2p/transfer/LossyChannel.h"
#include "p2p/transfer/UdpChannel.h"
#include "support/TempDir.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace toom::p2p::transfer;
using SteadyClock = std::chrono::steady_clock;

namespace {

/// The library's defaults unless given on the command line.
struct Options {
    std::uint64_t bytes = 64ull << 20;
    int runs = 3;
    std::size_t chunk = SenderSettings{}.loopbackChunkSize; // What a loopback transfer uses.
    std::size_t window = SenderSettings{}.window;
    std::size_t ackEvery = InboxSettings{}.ackEvery;
};

struct Measurement {
    double seconds = 0;
    double cpuSeconds = 0; ///< User + system time of the whole process (both ends).
    double bestSeconds = 0;
    bool ok = false;
    std::uint64_t retransmissions = 0;
    std::string error;
};

double seconds(SteadyClock::duration d) {
    return std::chrono::duration<double>(d).count();
}

/// CPU time used so far by every thread of this process.
double processCpuSeconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto toSeconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

void writeRandomFile(const std::string& path, std::uint64_t size) {
    std::mt19937_64 random(2024);
    std::ofstream out(path, std::ios::binary);
    std::vector<std::uint64_t> block(8192);
    for (std::uint64_t written = 0; written < size;) {
        for (auto& word : block)
            word = random();
        auto n = std::min<std::uint64_t>(size - written, block.size() * 8);
        out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(n));
        written += n;
    }
}

Measurement tcpCopy(const std::string& from, const std::string& to) {
    Poco::Net::ServerSocket server(Poco::Net::SocketAddress("127.0.0.1", 0));
    std::thread receiver([&] {
        Poco::Net::StreamSocket connection = server.acceptConnection();
        std::ofstream out(to, std::ios::binary);
        std::vector<char> buffer(256 * 1024);
        for (int n;
             (n = connection.receiveBytes(buffer.data(), static_cast<int>(buffer.size()))) > 0;)
            out.write(buffer.data(), n);
    });
    auto start = SteadyClock::now();
    {
        Poco::Net::StreamSocket socket(server.address());
        std::ifstream in(from, std::ios::binary);
        std::vector<char> buffer(256 * 1024);
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            auto n = static_cast<int>(in.gcount());
            for (int sent = 0; sent < n;)
                sent += socket.sendBytes(buffer.data() + sent, n - sent);
        }
        socket.shutdownSend();
        receiver.join();
    }
    Measurement m;
    m.seconds = seconds(SteadyClock::now() - start);
    m.ok = true;
    return m;
}

Measurement engineCopy(const FileOffer& offer, const std::string& path,
                       const std::string& downloads, const Options& options,
                       std::optional<LossSettings> loss) {
    UdpChannel audienceSocket(Poco::Net::SocketAddress("127.0.0.1", 0));
    InboxSettings inboxSettings;
    inboxSettings.downloadDir = downloads;
    inboxSettings.ackEvery = options.ackEvery;
    inboxSettings.maxFileSize = ~0ull;
    FileInbox inbox(audienceSocket, inboxSettings);
    std::mutex mutex;
    std::condition_variable ended;
    std::optional<std::string> inboxOutcome;
    inbox.onReceived([&](const FileOffer&, const std::string&) {
        std::lock_guard lock(mutex);
        inboxOutcome = "";
        ended.notify_all();
    });
    inbox.onFailed([&](const FileOffer&, const std::string& reason) {
        std::lock_guard lock(mutex);
        inboxOutcome = reason;
        ended.notify_all();
    });
    inbox.start();
    inbox.expect(offer);

    UdpChannel presenterSocket(Poco::Net::SocketAddress("127.0.0.1", 0));
    std::optional<LossyChannel> presenterLossy;
    if (loss)
        presenterLossy.emplace(presenterSocket, *loss);
    DatagramChannel& presenterChannel =
        presenterLossy ? static_cast<DatagramChannel&>(*presenterLossy) : presenterSocket;
    SenderSettings senderSettings;
    senderSettings.chunkSize = options.chunk;
    senderSettings.loopbackChunkSize = options.chunk;
    senderSettings.window = options.window;
    FileSender sender(offer, path, audienceSocket.localAddress(), presenterChannel, senderSettings);
    SendResult result = sender.run();
    {
        std::unique_lock lock(mutex);
        ended.wait_for(lock, std::chrono::seconds(30), [&] { return inboxOutcome.has_value(); });
    }
    inbox.stop();
    Measurement m;
    m.seconds = result.seconds;
    m.ok = result.ok && inboxOutcome && inboxOutcome->empty();
    m.retransmissions = result.retransmissions;
    m.error = result.ok ? inboxOutcome.value_or("no outcome at the audience") : result.error;
    return m;
}

/// The median run, with the best time and the median CPU time alongside (on a shared machine
/// the best shows what the code can do, the CPU time what it costs).
template <typename Run>
Measurement median(int runs, Run run) {
    std::vector<Measurement> all;
    std::vector<double> cpu;
    for (int i = 0; i < runs; ++i) {
        double cpuBefore = processCpuSeconds();
        all.push_back(run(i));
        cpu.push_back(processCpuSeconds() - cpuBefore);
        if (!all.back().ok)
            return all.back();
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
    Measurement middle = all[all.size() / 2];
    middle.bestSeconds = all.front().seconds;
    middle.cpuSeconds = cpu[cpu.size() / 2];
    return middle;
}

void report(const char* label, const Measurement& m, std::uint64_t bytes) {
    if (!m.ok) {
        std::printf("%-42s FAILED: %s\n", label, m.error.c_str());
        return;
    }
    double mb = static_cast<double>(bytes) / 1e6;
    std::printf("%-42s %7.3f s %7.1f MB/s %6.0f Mbit/s  best %6.1f MB/s  cpu %6.3f s", label,
                m.seconds, mb / m.seconds, mb / m.seconds * 8, mb / m.bestSeconds, m.cpuSeconds);
    if (m.retransmissions > 0)
        std::printf("  (%llu chunks resent)", static_cast<unsigned long long>(m.retransmissions));
    std::printf("\n");
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (argc > 1)
        options.bytes = std::stoull(argv[1]) << 20;
    if (argc > 2)
        options.runs = std::max(1, std::stoi(argv[2]));
    if (argc > 3)
        options.chunk = std::stoul(argv[3]);
    if (argc > 4)
        options.window = std::stoul(argv[4]);
    if (argc > 5)
        options.ackEvery = std::stoul(argv[5]);

    toom::test::TempDir dir;
    std::string path = dir.file("source.bin");
    writeRandomFile(path, options.bytes);
    auto digestStart = SteadyClock::now();
    auto digest = digestFile(path);
    double digestSeconds = seconds(SteadyClock::now() - digestStart);
    if (!digest) {
        std::printf("cannot digest %s\n", path.c_str());
        return 1;
    }
    std::printf("file: %llu bytes; chunk %zu, window %zu, ACK every %zu; median of %d runs\n",
                static_cast<unsigned long long>(options.bytes), options.chunk, options.window,
                options.ackEvery, options.runs);
    std::printf("%-42s %7.3f s %7.1f MB/s\n", "SHA-256 of the file (context)", digestSeconds,
                static_cast<double>(options.bytes) / digestSeconds / 1e6);

    FileOffer offer;
    offer.presenter = "bench";
    offer.audience = "audience";
    offer.fileName = "source.bin";
    offer.size = digest->size;
    offer.sha256 = digest->sha256;
    int tokenCounter = 0;
    auto nextOffer = [&] {
        char token[33];
        std::snprintf(token, sizeof token, "%032x", ++tokenCounter);
        FileOffer copy = offer;
        copy.token = token;
        return copy;
    };

    bool allOk = true;
    auto measure = [&](const char* label, auto run) {
        Measurement m = median(options.runs, run);
        allOk = allOk && m.ok;
        report(label, m, options.bytes);
    };
    measure("TCP copy (Poco StreamSocket)",
            [&](int) { return tcpCopy(path, dir.file("tcp-copy.bin")); });
    measure("UDP engine, 0% loss", [&](int) {
        return engineCopy(nextOffer(), path, dir.file("downloads"), options, std::nullopt);
    });
    LossSettings dropOnly;
    dropOnly.drop = 0.10;
    measure("UDP engine, 10% loss each way", [&](int run) {
        dropOnly.seed = 100 + run;
        return engineCopy(nextOffer(), path, dir.file("downloads"), options, dropOnly);
    });
    measure("UDP engine, 10% loss+dup+reorder each way", [&](int run) {
        return engineCopy(nextOffer(), path, dir.file("downloads"), options,
                          LossSettings::uniform(10, 200 + run));
    });
    return allOk ? 0 : 1;
}
