// Benchmark: board fan-out to many online users.
//
//   build/bench/bench_broadcast [receivers=1000] [posts=100]
//
// Starts a server in-process, logs in `receivers` clients and one poster, then the poster
// sends `posts` board posts back to back. Reports how long the poster waited for its replies
// (the server never waits on recipients' sockets), and how long until every receiver had read
// every post, i.e. delivered events per second. A measurement, not a test.

#include "support/TestClient.h"
#include "support/TestServer.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace toom;
using namespace toom::test;
using SteadyClock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const int receivers = argc > 1 ? std::stoi(argv[1]) : 1000;
    const int posts = argc > 2 ? std::stoi(argv[2]) : 100;

    TestServer server([&](ServerOptions& o) {
        o.maxConnections = receivers + 10;
        o.settings.presenceNotices = false;
        o.settings.selfRegistration = true;
        o.settings.maxOutboundBytes = 8 << 20;
    });
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < receivers; ++i) {
        clients.push_back(std::make_unique<TestClient>(server.port()));
        clients.back()->sendRaw("reader" + std::to_string(i) + "\npw\n");
    }
    for (auto& c : clients) {
        c->readResponse();
        c->readResponse();
    }
    TestClient poster(server.port());
    poster.login("poster", "pw");

    const auto start = SteadyClock::now();
    std::string burst;
    for (int i = 0; i < posts; ++i)
        burst += "POST benchmark post number " + std::to_string(i) + "\n";
    poster.sendRaw(burst);
    int failures = 0;
    for (int i = 0; i < posts; ++i)
        failures += poster.readResponse().ok() ? 0 : 1;
    const auto acknowledged = SteadyClock::now();

    long received = 0;
    for (auto& c : clients) {
        for (int i = 0; i < posts; ++i) {
            if (c->waitEvent("BOARD", std::chrono::seconds(30)))
                ++received;
        }
    }
    const auto done = SteadyClock::now();
    auto ms = [](SteadyClock::duration d) {
        return std::chrono::duration<double, std::milli>(d).count();
    };

    std::printf("receivers: %d, posts: %d, failures: %d\n", receivers, posts, failures);
    std::printf("poster got all %d replies after %.0f ms (%.2f ms per post incl. fan-out to %d)\n",
                posts, ms(acknowledged - start), ms(acknowledged - start) / posts, receivers);
    std::printf("all %ld events read by all receivers after %.0f ms: %.0f events/s\n", received,
                ms(done - start), static_cast<double>(received) / (ms(done - start) / 1000.0));
    return failures == 0 && received == static_cast<long>(receivers) * posts ? 0 : 1;
}
