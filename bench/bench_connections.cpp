// Benchmark: many concurrent clients on one server.
//
//   build/bench/bench_connections [clients=2000] [requests=2000]
//
// Starts a server in-process on an ephemeral loopback port, connects and logs in `clients`
// clients (pipelined logins), then times `requests` WHO round trips from one client while all
// are connected, and reports logins/s, round-trip percentiles, and the process's resident
// memory per connection. A measurement, not a test: nothing here passes or fails.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace toom;
using namespace toom::test;
using SteadyClock = std::chrono::steady_clock;

namespace {
long residentKiB() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

double ms(SteadyClock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}
} // namespace

int main(int argc, char** argv) {
    const int clients = argc > 1 ? std::stoi(argv[1]) : 2000;
    const int requests = argc > 2 ? std::stoi(argv[2]) : 2000;

    TestServer server([&](ServerOptions& o) {
        o.maxConnections = clients + 10;
        o.settings.presenceNotices = false; // Measure the server, not N^2 notices to this process.
        o.settings.selfRegistration = true;
    });
    const long baseKiB = residentKiB();

    std::vector<std::unique_ptr<TestClient>> connected;
    connected.reserve(static_cast<std::size_t>(clients));
    const auto loginStart = SteadyClock::now();
    for (int i = 0; i < clients; ++i) {
        connected.push_back(std::make_unique<TestClient>(server.port()));
        connected.back()->sendRaw("UDPPORT " + std::to_string(10000 + i) + "\nbench" +
                                  std::to_string(i) + "\npw" + std::to_string(i) + "\n");
    }
    int failures = 0;
    for (auto& c : connected) {
        for (int step = 0; step < 3; ++step)
            failures += c->readResponse().ok() ? 0 : 1;
    }
    const auto loginTime = SteadyClock::now() - loginStart;
    const long loadedKiB = residentKiB();

    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(requests));
    TestClient& probe = *connected[connected.size() / 2];
    for (int i = 0; i < requests; ++i) {
        const auto start = SteadyClock::now();
        Response r = probe.request("whoelse");
        samples.push_back(ms(SteadyClock::now() - start));
        failures += r.ok() ? 0 : 1;
    }
    std::sort(samples.begin(), samples.end());
    auto pct = [&](double p) {
        return samples[static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1))];
    };

    std::printf("clients connected and logged in: %d (failures: %d)\n", clients, failures);
    std::printf(
        "first-time logins (account created, PBKDF2 %d iterations): %.0f ms total, %.0f logins/s\n",
        server.options().pbkdf2Iterations, ms(loginTime), clients / (ms(loginTime) / 1000.0));
    std::printf(
        "whoelse round trip listing %d users, %d samples: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
        clients - 1, requests, pct(0.50), pct(0.99), samples.back());
    std::printf(
        "resident memory: %ld KiB before, %ld KiB with all connected (%.1f KiB per connection, "
        "client sockets in this process included)\n",
        baseKiB, loadedKiB, static_cast<double>(loadedKiB - baseKiB) / clients);
    std::printf("server-side open connections: %zu\n", server.server().connectionCount());
    return failures == 0 ? 0 : 1;
}
