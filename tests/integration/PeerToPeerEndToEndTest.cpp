// Peer to peer through real toom-client processes, brokered by an in-process server: files sent
// straight to the audience's client over UDP (clean and lossy links, several pairs at once, a
// path in the typed name, the /p2pvideo wording, the refusals; the audience asked first, y/n
// and accept/decline, an existing file never replaced), and direct private chats (consent,
// refusal, blocks, stopping from either side, a peer logging out, activity, silent
// connections to the chat port).
//
// Every client runs in its own temporary working directory (its download directory), is
// scripted through its standard input and observed through its output; waits are generous,
// because these tests run beside others on a loaded machine, and under AddressSanitizer.

#include "support/ChildProcess.h"
#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <Poco/File.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Path.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace toom::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

/// How long a whole file transfer may take (a few MiB, on a loaded machine, under ASan).
constexpr std::chrono::milliseconds kP2pTransferWait = 60s;
/// How long a reply or an event may take to show up.
constexpr std::chrono::milliseconds kP2pWait = 30s;
/// Time given to a second, duplicate notice to show up once everything before it has been seen.
constexpr std::chrono::milliseconds kP2pSettle = 300ms;

/// `text` as an ECMAScript regular expression that matches exactly it.
std::string p2pLiteral(const std::string& text) {
    static const std::string special = R"(\^$.|?*+()[]{}/)";
    std::string out;
    for (char c : text) {
        if (special.find(c) != std::string::npos)
            out += '\\';
        out += c;
    }
    return out;
}

std::string p2pLower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// `size` pseudo-random bytes from `seed`.
std::string p2pRandomBytes(std::size_t size, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; i += 8) {
        const std::uint64_t value = random();
        std::memcpy(bytes.data() + i, &value, std::min<std::size_t>(8, size - i));
    }
    return bytes;
}

void p2pWriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    ASSERT_TRUE(out.good()) << "cannot write " << path;
}

/// The bytes of the file at `path`, or nothing when it cannot be read.
std::optional<std::string> p2pReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// Whether the file at `path` holds exactly `expected` (without printing megabytes when not).
::testing::AssertionResult p2pSameBytes(const std::string& expected, const std::string& path) {
    auto actual = p2pReadFile(path);
    if (!actual)
        return ::testing::AssertionFailure() << path << " does not exist or cannot be read";
    if (*actual == expected)
        return ::testing::AssertionSuccess();
    const auto mismatch =
        std::mismatch(expected.begin(), expected.end(), actual->begin(), actual->end());
    return ::testing::AssertionFailure()
           << path << " differs: " << actual->size() << " bytes instead of " << expected.size()
           << ", first difference at offset " << (mismatch.first - expected.begin());
}

/// The names in directory `path`, sorted.
std::vector<std::string> p2pListDir(const std::string& path) {
    std::vector<std::string> names;
    Poco::File(path).list(names);
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> p2pClientArgs(const TestServer& server,
                                       std::vector<std::string> options = {}) {
    options.push_back("127.0.0.1");
    options.push_back(std::to_string(server.port()));
    options.push_back("0"); // The client's UDP port: any free one.
    return options;
}

/// One toom-client process logged in as a seed user, in a working directory of its own (a
/// fresh temporary one unless given), driven line by line.
class P2pClient {
public:
    P2pClient(const TestServer& server, const std::string& user,
              const std::vector<std::string>& options = {}, const std::string& workingDir = {})
        : _ownDir(workingDir.empty() ? std::make_unique<TempDir>() : nullptr)
        , _dir(workingDir.empty() ? _ownDir->path() : workingDir)
        , _user(user)
        , _process(TOOM_CLIENT_BINARY, p2pClientArgs(server, options), _dir) {
        _process.write(user + "\n" + passwordOf(user) + "\n");
    }

    /// True once the server has welcomed the user (the login is complete).
    bool welcomed() { return _process.waitFor("Welcome to", kP2pWait).has_value(); }

    /// Types one line.
    void type(const std::string& line) { _process.write(line + "\n"); }

    /// Waits until the output contains `text` (literally).
    bool sees(const std::string& text, std::chrono::milliseconds timeout = kP2pWait) {
        return _process.waitFor(p2pLiteral(text), timeout).has_value();
    }

    /// The output lines containing `text`, ignoring case.
    std::size_t linesWith(const std::string& text) const {
        std::istringstream lines(_process.output());
        const std::string wanted = p2pLower(text);
        std::size_t count = 0;
        for (std::string line; std::getline(lines, line);)
            count += p2pLower(line).find(wanted) != std::string::npos;
        return count;
    }

    /// Waits until at least `count` output lines contain `text` (ignoring case): for notices
    /// that an earlier step printed already.
    bool seesLines(const std::string& text, std::size_t count,
                   std::chrono::milliseconds timeout = kP2pWait) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (linesWith(text) < count) {
            if (std::chrono::steady_clock::now() >= deadline)
                return false;
            std::this_thread::sleep_for(10ms);
        }
        return true;
    }

    /// Like seesLines(), but looks every millisecond rather than every ten: for a test that
    /// must answer a line the moment it is printed, as a quick typist would.
    bool seesLinesAtOnce(const std::string& text, std::size_t count,
                         std::chrono::milliseconds timeout = kP2pWait) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (linesWith(text) < count) {
            if (std::chrono::steady_clock::now() >= deadline)
                return false;
            std::this_thread::sleep_for(1ms);
        }
        return true;
    }

    /// Ends the input after `command` (none: just the end of input) and returns the exit code;
    /// nothing if the client did not end within `timeout` (it is then killed).
    std::optional<int> quit(const std::string& command = "OUT",
                            std::chrono::milliseconds timeout = kP2pTransferWait) {
        if (!command.empty())
            type(command);
        _process.closeInput();
        return _process.waitFor(timeout);
    }

    /// Waits for the client to end by itself (the server logged it out).
    std::optional<int> waitExit(std::chrono::milliseconds timeout = kP2pWait) {
        return _process.waitFor(timeout);
    }

    std::string output() const { return _process.output(); }
    const std::string& dir() const { return _dir; }
    const std::string& user() const { return _user; }
    std::string file(const std::string& name) const {
        return Poco::Path(Poco::Path(_dir).makeDirectory(), name).toString();
    }

private:
    std::unique_ptr<TempDir> _ownDir; // Before the process: removed after it has ended.
    std::string _dir;
    std::string _user;
    ChildProcess _process;
};

/// Both clients' output, for failure messages.
std::string p2pOutputs(const P2pClient& a, const P2pClient& b) {
    return "--- " + a.user() + " ---\n" + a.output() + "\n--- " + b.user() + " ---\n" + b.output();
}

/// `presenter` sends `typedPath` (`bytes`, already written there) to `audience`; checks both
/// sides' messages and that `audience` saved an identical copy as <presenter>_<name>.
void p2pExpectDelivered(P2pClient& presenter, P2pClient& audience, const std::string& typedPath,
                        const std::string& name, const std::string& bytes,
                        const std::string& verb = "UPD") {
    presenter.type(verb + " " + audience.user() + " " + typedPath);
    EXPECT_TRUE(presenter.sees("Sending " + name + " to " + audience.user()))
        << p2pOutputs(presenter, audience);
    ASSERT_TRUE(presenter.sees(typedPath + " has been uploaded", kP2pTransferWait))
        << p2pOutputs(presenter, audience);
    EXPECT_TRUE(audience.sees(presenter.user() + " is sending you " + name + " ("))
        << p2pOutputs(presenter, audience);
    ASSERT_TRUE(audience.sees("Received " + name + " from " + presenter.user(), kP2pTransferWait))
        << p2pOutputs(presenter, audience);
    EXPECT_TRUE(p2pSameBytes(bytes, audience.file(presenter.user() + "_" + name)));
    EXPECT_THAT(presenter.output(), Not(HasSubstr("Error.")));
    EXPECT_THAT(audience.output(), Not(HasSubstr("Error.")));
}

/// A random seed, reported with any failure of the current test.
std::uint64_t p2pSeed() {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) | device();
}

// ---------------------------------------------------------------------------------------------
// File transfer

TEST(PeerToPeerEndToEnd, MultiMegabyteFileArrivesByteIdentical) {
    TestServer server;
    P2pClient obiwan(server, "obiwan", {"--auto-accept-files"});
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    const std::uint64_t seed = p2pSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string bytes = p2pRandomBytes(6 << 20, seed);
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("lecture1.mp4"), bytes));

    ASSERT_NO_FATAL_FAILURE(
        p2pExpectDelivered(yoda, obiwan, "lecture1.mp4", "lecture1.mp4", bytes));
    EXPECT_TRUE(obiwan.sees("yoda is sending you lecture1.mp4 (6.0 MiB)")) << obiwan.output();
    // Only the received file is new in the audience's directory; the presenter's is untouched.
    EXPECT_EQ(p2pListDir(obiwan.dir()), (std::vector<std::string>{"yoda_lecture1.mp4"}));
    EXPECT_EQ(p2pListDir(yoda.dir()), (std::vector<std::string>{"lecture1.mp4"}));
    EXPECT_TRUE(p2pSameBytes(bytes, yoda.file("lecture1.mp4")));

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, LossyLinksOnBothSidesStillDeliverIdenticalBytes) {
    TestServer server;
    P2pClient obiwan(server, "obiwan", {"--simulate-loss", "10", "--auto-accept-files"});
    P2pClient yoda(server, "yoda", {"--simulate-loss", "10"});
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    const std::uint64_t seed = p2pSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string bytes = p2pRandomBytes(6 << 20, seed);
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("lossy.bin"), bytes));

    ASSERT_NO_FATAL_FAILURE(p2pExpectDelivered(yoda, obiwan, "lossy.bin", "lossy.bin", bytes));

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, ThreePairsTransferAtTheSameTime) {
    TestServer server;
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"yoda", "obiwan"}, {"hans", "luke"}, {"leia", "vader"}};
    std::vector<std::unique_ptr<P2pClient>> presenters;
    std::vector<std::unique_ptr<P2pClient>> audiences;
    for (const auto& [presenter, audience] : pairs) {
        audiences.push_back(std::make_unique<P2pClient>(
            server, audience, std::vector<std::string>{"--auto-accept-files"}));
        presenters.push_back(std::make_unique<P2pClient>(server, presenter));
    }
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        ASSERT_TRUE(audiences[i]->welcomed()) << audiences[i]->output();
        ASSERT_TRUE(presenters[i]->welcomed()) << presenters[i]->output();
    }
    const std::uint64_t seed = p2pSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::vector<std::string> files;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        files.push_back(p2pRandomBytes((3 << 20) + i * 1000, seed + i));
        ASSERT_NO_FATAL_FAILURE(p2pWriteFile(presenters[i]->file("part.bin"), files[i]));
    }

    // All three typed before any is waited for: the transfers overlap.
    for (std::size_t i = 0; i < pairs.size(); ++i)
        presenters[i]->type("UPD " + pairs[i].second + " part.bin");
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        P2pClient& presenter = *presenters[i];
        P2pClient& audience = *audiences[i];
        EXPECT_TRUE(presenter.sees("part.bin has been uploaded", kP2pTransferWait))
            << p2pOutputs(presenter, audience);
        EXPECT_TRUE(audience.sees("Received part.bin from " + presenter.user(), kP2pTransferWait))
            << p2pOutputs(presenter, audience);
        EXPECT_TRUE(p2pSameBytes(files[i], audience.file(presenter.user() + "_part.bin")));
        EXPECT_EQ(p2pListDir(audience.dir()),
                  (std::vector<std::string>{presenter.user() + "_part.bin"}));
    }
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        EXPECT_EQ(presenters[i]->quit(), 0) << presenters[i]->output();
        EXPECT_EQ(audiences[i]->quit(), 0) << audiences[i]->output();
    }
}

TEST(PeerToPeerEndToEnd, PresenterEndingItsInputAtOnceStillFinishesTheTransfer) {
    TestServer server;
    TempDir downloads;
    P2pClient obiwan(server, "obiwan", {"--download-dir", downloads.path(), "--auto-accept-files"});
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    const std::uint64_t seed = p2pSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string bytes = p2pRandomBytes(4 << 20, seed);
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("last.bin"), bytes));

    // The UPD is the last line: the client exits only once the file has gone.
    yoda.type("UPD obiwan last.bin");
    EXPECT_EQ(yoda.quit(""), 0) << yoda.output();
    EXPECT_THAT(yoda.output(), HasSubstr("last.bin has been uploaded"));
    ASSERT_TRUE(obiwan.sees("Received last.bin from yoda", kP2pTransferWait)) << obiwan.output();
    // Saved in --download-dir, not in the working directory.
    EXPECT_TRUE(p2pSameBytes(bytes, downloads.file("yoda_last.bin")));
    EXPECT_TRUE(p2pListDir(obiwan.dir()).empty());

    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, PathInTheTypedNameStaysOnThePresentersSide) {
    TestServer server;
    // area/secret.bin, area/yoda/ (yoda's working directory), area/obiwan/ (obiwan's).
    TempDir area;
    Poco::File(area.file("yoda")).createDirectories();
    Poco::File(area.file("obiwan")).createDirectories();
    const std::uint64_t seed = p2pSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string bytes = p2pRandomBytes((1 << 20) + 123, seed);
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(area.file("secret.bin"), bytes));

    P2pClient obiwan(server, "obiwan", {"--auto-accept-files"}, area.file("obiwan"));
    P2pClient yoda(server, "yoda", {}, area.file("yoda"));
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();

    ASSERT_NO_FATAL_FAILURE(p2pExpectDelivered(yoda, obiwan, "../secret.bin", "secret.bin", bytes));
    EXPECT_EQ(p2pListDir(area.file("obiwan")), (std::vector<std::string>{"yoda_secret.bin"}));
    EXPECT_EQ(p2pListDir(area.path()), (std::vector<std::string>{"obiwan", "secret.bin", "yoda"}));
    EXPECT_TRUE(p2pListDir(area.file("yoda")).empty());

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, P2pVideoSendsAFileInTheTessengerProfile) {
    TestServer server([](ServerOptions& o) {
        o.settings = ServerSettings::fromProfile(*findProfile("tessenger"));
    });
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.sees("Welcome to TESSENGER!")) << obiwan.output();
    ASSERT_TRUE(yoda.sees("Welcome to TESSENGER!")) << yoda.output();
    const std::uint64_t seed = p2pSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string bytes = p2pRandomBytes(2 << 20, seed);
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("clip.mp4"), bytes));

    ASSERT_NO_FATAL_FAILURE(
        p2pExpectDelivered(yoda, obiwan, "clip.mp4", "clip.mp4", bytes, "/p2pvideo"));
    EXPECT_TRUE(obiwan.sees("yoda is sending you clip.mp4 (2.0 MiB)")) << obiwan.output();

    EXPECT_EQ(yoda.quit("/logout"), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit("/logout"), 0) << obiwan.output();
    EXPECT_THAT(yoda.output(), HasSubstr("Bye, yoda!"));
}

TEST(PeerToPeerEndToEnd, UpdRefusalsWithoutArgumentsOfflineAudienceOrMissingFile) {
    TestServer server;
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("notes.txt"), "a few notes\n"));
    Poco::File(yoda.file("folder")).createDirectories();

    yoda.type("UPD");
    EXPECT_TRUE(yoda.sees("Usage: UPD <user> <file>")) << yoda.output();
    // The file exists, so only the server can refuse: obiwan is a user, but not logged in.
    yoda.type("UPD obiwan notes.txt");
    EXPECT_TRUE(yoda.sees("obiwan is offline")) << yoda.output();
    yoda.type("UPD obiwan missing.bin");
    EXPECT_TRUE(yoda.sees("Error. missing.bin does not exist or is not a readable file"))
        << yoda.output();
    yoda.type("UPD obiwan folder");
    EXPECT_TRUE(yoda.sees("Error. folder does not exist or is not a readable file"))
        << yoda.output();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_THAT(yoda.output(), Not(HasSubstr("Sending ")));
    EXPECT_THAT(yoda.output(), Not(HasSubstr("has been uploaded")));
}

TEST(PeerToPeerEndToEnd, UpdToAUserWhoBlockedYouIsRefused) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("notes.txt"), "a few notes\n"));
    obiwan.type("block yoda");
    ASSERT_TRUE(obiwan.sees("yoda is blocked")) << obiwan.output();

    yoda.type("UPD obiwan notes.txt");
    EXPECT_TRUE(yoda.sees("Your file could not be sent as obiwan has blocked you"))
        << yoda.output();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("is sending you")));
    EXPECT_TRUE(p2pListDir(obiwan.dir()).empty());
}

TEST(PeerToPeerEndToEnd, AFileOfferIsAskedAndADeclineTellsThePresenter) {
    TestServer server;
    P2pClient obiwan(server, "obiwan"); // the default: asked first
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("big.bin"), p2pRandomBytes(100 << 10, 7)));

    yoda.type("UPD obiwan big.bin");
    ASSERT_TRUE(obiwan.sees("Receive big.bin (100.0 KiB) from yoda? Answer y or n (or accept 1 / "
                            "decline 1)"))
        << p2pOutputs(yoda, obiwan);
    obiwan.type("n");
    ASSERT_TRUE(obiwan.sees("Declined big.bin from yoda")) << obiwan.output();
    // The presenter hears it from the audience at once, not by timing out.
    ASSERT_TRUE(yoda.sees("Error. big.bin was not sent to obiwan: the audience ended the "
                          "transfer: obiwan declined the file",
                          kP2pWait))
        << p2pOutputs(yoda, obiwan);
    EXPECT_TRUE(p2pListDir(obiwan.dir()).empty());
    // Answered: a second answer finds nothing left to answer.
    obiwan.type("decline");
    EXPECT_TRUE(obiwan.sees("Error. no file offer is waiting for an answer")) << obiwan.output();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
    EXPECT_THAT(yoda.output(), Not(HasSubstr("has been uploaded")));
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("Received ")));
}

TEST(PeerToPeerEndToEnd, AnAcceptedFileNeverReplacesAnExistingOne) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    const std::uint64_t seed = p2pSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string bytes = p2pRandomBytes((1 << 20) + 5, seed);
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("big.bin"), bytes));
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(obiwan.file("yoda_big.bin"), "obiwan's own file"));

    yoda.type("UPD obiwan big.bin");
    ASSERT_TRUE(obiwan.sees("Receive big.bin (1.0 MiB) from yoda?")) << p2pOutputs(yoda, obiwan);
    // Nothing is received before the answer.
    std::this_thread::sleep_for(kP2pSettle);
    EXPECT_EQ(p2pListDir(obiwan.dir()), (std::vector<std::string>{"yoda_big.bin"}));
    obiwan.type("accept");
    EXPECT_TRUE(obiwan.sees("Accepted big.bin from yoda: receiving it into ")) << obiwan.output();
    ASSERT_TRUE(obiwan.sees("Received big.bin from yoda, saved as ", kP2pTransferWait))
        << p2pOutputs(yoda, obiwan);
    ASSERT_TRUE(obiwan.sees("yoda_big (1).bin")) << obiwan.output();
    EXPECT_TRUE(yoda.sees("big.bin has been uploaded to obiwan", kP2pTransferWait))
        << yoda.output();

    // Again, answered with a bare "y": the next free number.
    yoda.type("UPD obiwan big.bin");
    ASSERT_TRUE(obiwan.sees("(or accept 2 / decline 2)")) << obiwan.output();
    obiwan.type("y");
    ASSERT_TRUE(obiwan.sees("yoda_big (2).bin", kP2pTransferWait)) << p2pOutputs(yoda, obiwan);

    EXPECT_EQ(p2pListDir(obiwan.dir()),
              (std::vector<std::string>{"yoda_big (1).bin", "yoda_big (2).bin", "yoda_big.bin"}));
    EXPECT_EQ(p2pReadFile(obiwan.file("yoda_big.bin")), "obiwan's own file");
    EXPECT_TRUE(p2pSameBytes(bytes, obiwan.file("yoda_big (1).bin")));
    EXPECT_TRUE(p2pSameBytes(bytes, obiwan.file("yoda_big (2).bin")));
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("Error.")));

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, OnATerminalTheAudienceSeesItsOwnProgressBar) {
    TestServer server;
    TempDir obiwanDir;
    TerminalProcess obiwan(TOOM_CLIENT_BINARY, {"127.0.0.1", std::to_string(server.port()), "0"},
                           obiwanDir.path());
    ASSERT_TRUE(obiwan.waitFor("Username: ")) << obiwan.output();
    obiwan.type("obiwan\r");
    ASSERT_TRUE(obiwan.waitFor("Password: ")) << obiwan.output();
    obiwan.type(passwordOf("obiwan") + "\r");
    ASSERT_TRUE(obiwan.waitFor("Welcome to Toom!")) << obiwan.output();
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    const std::string bytes = p2pRandomBytes(3 << 20, 11);
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("big.bin"), bytes));

    yoda.type("UPD obiwan big.bin");
    ASSERT_TRUE(obiwan.waitFor("Answer y or n (or accept 1 / decline 1)")) << obiwan.output();
    obiwan.type("y\r");
    // The status row: the file, its sender and the bar, at least once (the end is always
    // reported), in the same units as the offer.
    ASSERT_TRUE(obiwan.waitFor("big.bin from yoda [", kP2pTransferWait)) << obiwan.output();
    ASSERT_TRUE(obiwan.waitFor("saved as ", kP2pTransferWait)) << obiwan.output();
    EXPECT_NE(obiwan.output().find("iB/s"), std::string::npos) << obiwan.output();
    EXPECT_TRUE(yoda.sees("big.bin has been uploaded to obiwan", kP2pTransferWait))
        << yoda.output();
    EXPECT_TRUE(p2pSameBytes(
        bytes,
        Poco::Path(Poco::Path(obiwanDir.path()).makeDirectory(), "yoda_big.bin").toString()));

    obiwan.type("OUT\r");
    EXPECT_EQ(obiwan.waitExit(), 0) << obiwan.output();
    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
}

// ---------------------------------------------------------------------------------------------
// Private chat

/// `requester` asks `target`, who accepts; returns once both ends are open. May be called
/// again for the same two once an earlier chat has ended.
void p2pOpenPrivateChat(P2pClient& requester, P2pClient& target) {
    const std::string& from = requester.user();
    const std::string& to = target.user();
    // Each step waits for one more line than the earlier chats printed.
    const std::string waiting = "Waiting for " + to + " to accept private messaging";
    const std::string asked = from + " would like to private message, enter y or n: ";
    const std::string enabled = "Private messaging with " + from + " enabled";
    const std::string accepted = to + " accepted private messaging";
    const std::string startedHere = "Start private messaging with " + to;
    const std::string startedThere = "Start private messaging with " + from;
    const std::size_t counts[] = {requester.linesWith(waiting),     target.linesWith(asked),
                                  target.linesWith(enabled),        requester.linesWith(accepted),
                                  requester.linesWith(startedHere), target.linesWith(startedThere)};
    requester.type("startprivate " + to);
    ASSERT_TRUE(requester.seesLines(waiting, counts[0] + 1)) << p2pOutputs(requester, target);
    ASSERT_TRUE(target.seesLines(asked, counts[1] + 1)) << p2pOutputs(requester, target);
    target.type("y");
    ASSERT_TRUE(target.seesLines(enabled, counts[2] + 1)) << p2pOutputs(requester, target);
    ASSERT_TRUE(requester.seesLines(accepted, counts[3] + 1)) << p2pOutputs(requester, target);
    ASSERT_TRUE(requester.seesLines(startedHere, counts[4] + 1)) << p2pOutputs(requester, target);
    ASSERT_TRUE(target.seesLines(startedThere, counts[5] + 1)) << p2pOutputs(requester, target);
}

/// A server round trip for `client` whose answer is known and changes nothing
/// (`stopprivate` with someone it has no chat with): once its answer is printed, so is every
/// event the server had sent the client before. Then a moment more for anything arriving
/// peer to peer.
void p2pRoundTrip(P2pClient& client, const std::string& other) {
    const std::string answer = "Private messaging with " + other + " is not enabled";
    const std::size_t before = client.linesWith(answer);
    client.type("stopprivate " + other);
    ASSERT_TRUE(client.seesLines(answer, before + 1)) << client.output();
    std::this_thread::sleep_for(kP2pSettle);
}

TEST(PeerToPeerEndToEnd, PrivateChatAcceptedCarriesMessagesBothWays) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pOpenPrivateChat(yoda, obiwan));

    yoda.type("private obiwan Hello there, young padawan");
    EXPECT_TRUE(obiwan.sees("yoda(private): Hello there, young padawan")) << obiwan.output();
    obiwan.type("private yoda General Kenobi at your service");
    EXPECT_TRUE(yoda.sees("obiwan(private): General Kenobi at your service")) << yoda.output();
    yoda.type("private obiwan second one");
    EXPECT_TRUE(obiwan.sees("yoda(private): second one")) << obiwan.output();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
    EXPECT_THAT(p2pOutputs(yoda, obiwan), Not(HasSubstr("Error.")));
}

/// Rounds of the race below: the direct connection is set up in a millisecond or two on
/// loopback, about the time a typed line takes to reach the client, so one round alone proves
/// little. Before the fix 9 to 15 rounds of 20 lost their message ("not enabled"), on either
/// side; after it, some of the 20 still find the connection being set up (the "waited"
/// property) and must be delivered all the same.
constexpr int kPrivateRaceRounds = 20;

/// Which side of a private chat types its first message the moment it may.
enum class QuickTypist { Requester, Acceptor };

/// `requester` asks `target` for a private chat kPrivateRaceRounds times. Each round, the
/// `typist` side types a message the moment its client says the chat was accepted ("<target>
/// accepted private messaging" for the requester, "Private messaging with <requester> enabled"
/// for the acceptor), when the direct connection is typically still being set up; the message
/// must reach the other side (sent at once, or once the connection is up) and the typist must
/// never be told "not enabled". Then the chat is stopped for the next round.
void p2pExpectFirstMessagesDelivered(P2pClient& requester, P2pClient& target, QuickTypist typist) {
    const std::string& from = requester.user();
    const std::string& to = target.user();
    P2pClient& sender = typist == QuickTypist::Requester ? requester : target;
    P2pClient& receiver = typist == QuickTypist::Requester ? target : requester;
    const std::string cue = typist == QuickTypist::Requester
                                ? to + " accepted private messaging"
                                : "Private messaging with " + from + " enabled";
    const std::string waiting = "Waiting for " + to + " to accept private messaging";
    const std::string asked = from + " would like to private message, enter y or n: ";
    std::vector<int> lost; // Rounds whose message did not arrive.
    for (int round = 1; round <= kPrivateRaceRounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const auto n = static_cast<std::size_t>(round);
        const std::string text = "round " + std::to_string(round) + " hello";
        const std::size_t notEnabledBefore = sender.linesWith("not enabled");
        requester.type("startprivate " + to);
        ASSERT_TRUE(requester.seesLines(waiting, n)) << p2pOutputs(requester, target);
        ASSERT_TRUE(target.seesLines(asked, n)) << p2pOutputs(requester, target);
        target.type("y");
        ASSERT_TRUE(sender.seesLinesAtOnce(cue, n)) << p2pOutputs(requester, target);
        sender.type("private " + receiver.user() + " " + text);

        // Delivered, or refused: whichever shows first.
        const std::string arrived = sender.user() + "(private): " + text;
        const auto deadline = std::chrono::steady_clock::now() + kP2pWait;
        while (receiver.linesWith(arrived) == 0 &&
               sender.linesWith("not enabled") == notEnabledBefore &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(10ms);
        if (receiver.linesWith(arrived) != 1)
            lost.push_back(round);

        // Both ends up, then the chat stopped by the requester: the next round starts afresh.
        ASSERT_TRUE(requester.seesLines("Start private messaging with " + to, n))
            << p2pOutputs(requester, target);
        ASSERT_TRUE(target.seesLines("Start private messaging with " + from, n))
            << p2pOutputs(requester, target);
        requester.type("stopprivate " + to);
        ASSERT_TRUE(requester.seesLines("Stopped private messaging with " + to, n))
            << p2pOutputs(requester, target);
        ASSERT_TRUE(target.seesLines(from + " stopped private messaging", n))
            << p2pOutputs(requester, target);
    }
    std::string rounds;
    for (int round : lost)
        rounds += " " + std::to_string(round);
    EXPECT_TRUE(lost.empty()) << lost.size() << " of " << kPrivateRaceRounds
                              << " first messages were lost (rounds" << rounds << ")\n"
                              << p2pOutputs(requester, target);
    // How many messages had to wait for the connection (the rest found it up): for the record,
    // since it depends on timing, but the rounds are there to make it more than none.
    ::testing::Test::RecordProperty("waited",
                                    static_cast<int>(sender.linesWith("is still being set up")));
    EXPECT_EQ(sender.linesWith("not enabled"), 0u) << sender.output();
    EXPECT_EQ(requester.linesWith("Error."), 0u) << requester.output();
    EXPECT_EQ(target.linesWith("Error."), 0u) << target.output();
}

TEST(PeerToPeerEndToEnd, PrivateMessageTypedRightAfterTheAcceptArrives) {
    TestServer server;
    P2pClient luke(server, "luke");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(luke.welcomed()) << luke.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pExpectFirstMessagesDelivered(yoda, luke, QuickTypist::Requester));
    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(luke.quit(), 0) << luke.output();
}

TEST(PeerToPeerEndToEnd, PrivateMessageTypedRightAfterAcceptingArrives) {
    TestServer server;
    P2pClient luke(server, "luke");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(luke.welcomed()) << luke.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pExpectFirstMessagesDelivered(yoda, luke, QuickTypist::Acceptor));
    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(luke.quit(), 0) << luke.output();
}

TEST(PeerToPeerEndToEnd, PrivateChatDeclinedIsNotOpened) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();

    yoda.type("startprivate obiwan");
    ASSERT_TRUE(yoda.sees("Waiting for obiwan to accept private messaging")) << yoda.output();
    ASSERT_TRUE(obiwan.sees("yoda would like to private message, enter y or n: "))
        << obiwan.output();
    obiwan.type("n");
    EXPECT_TRUE(obiwan.sees("You declined private messaging with yoda")) << obiwan.output();
    EXPECT_TRUE(yoda.sees("obiwan declined private messaging")) << yoda.output();

    yoda.type("private obiwan are you sure?");
    EXPECT_TRUE(yoda.sees("Error. Private messaging to obiwan not enabled")) << yoda.output();
    obiwan.type("private yoda no thanks");
    EXPECT_TRUE(obiwan.sees("Error. Private messaging to yoda not enabled")) << obiwan.output();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
    EXPECT_THAT(p2pOutputs(yoda, obiwan), Not(HasSubstr("Start private messaging")));
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("yoda(private)")));
}

TEST(PeerToPeerEndToEnd, PrivateChatWithAUserWhoBlockedYouIsRefusedWithoutAskingThem) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    obiwan.type("block yoda");
    ASSERT_TRUE(obiwan.sees("yoda is blocked")) << obiwan.output();

    yoda.type("startprivate obiwan");
    EXPECT_TRUE(
        yoda.sees("Error. Private messaging with obiwan is not possible as they have blocked you"))
        << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pRoundTrip(obiwan, "yoda"));
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("would like to private message")));
    EXPECT_THAT(yoda.output(), Not(HasSubstr("Waiting for obiwan")));

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, PrivateWithoutASessionIsAnError) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();

    yoda.type("private obiwan psst");
    EXPECT_TRUE(yoda.sees("Error. Private messaging to obiwan not enabled")) << yoda.output();
    // Not even to someone who is offline.
    yoda.type("private luke psst");
    EXPECT_TRUE(yoda.sees("Error. Private messaging to luke not enabled")) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pRoundTrip(obiwan, "yoda"));

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("psst")));
}

TEST(PeerToPeerEndToEnd, StopPrivateFromTheRequesterSideEndsItOnBothSides) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pOpenPrivateChat(yoda, obiwan));

    yoda.type("stopprivate obiwan");
    EXPECT_TRUE(yoda.sees("Stopped private messaging with obiwan")) << yoda.output();
    EXPECT_TRUE(obiwan.sees("yoda stopped private messaging")) << obiwan.output();
    obiwan.type("private yoda still there?");
    EXPECT_TRUE(obiwan.sees("Error. Private messaging to yoda not enabled")) << obiwan.output();
    yoda.type("private obiwan hello?");
    EXPECT_TRUE(yoda.sees("Error. Private messaging to obiwan not enabled")) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pRoundTrip(obiwan, "yoda"));
    ASSERT_NO_FATAL_FAILURE(p2pRoundTrip(yoda, "obiwan"));
    // One notice each.
    EXPECT_EQ(obiwan.linesWith("stopped private messaging"), 1u) << obiwan.output();
    EXPECT_EQ(yoda.linesWith("Stopped private messaging with obiwan"), 1u) << yoda.output();
    EXPECT_EQ(yoda.linesWith("Private messaging with obiwan stopped"), 0u) << yoda.output();

    // The server forgot the chat: it can be started again.
    ASSERT_NO_FATAL_FAILURE(p2pOpenPrivateChat(yoda, obiwan));
    yoda.type("private obiwan welcome back");
    EXPECT_TRUE(obiwan.sees("yoda(private): welcome back")) << obiwan.output();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("still there?")));
    EXPECT_THAT(yoda.output(), Not(HasSubstr("hello?")));
}

TEST(PeerToPeerEndToEnd, StopPrivateFromTheTargetSideEndsItOnBothSides) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pOpenPrivateChat(yoda, obiwan));

    obiwan.type("stopprivate yoda");
    EXPECT_TRUE(obiwan.sees("Stopped private messaging with yoda")) << obiwan.output();
    EXPECT_TRUE(yoda.sees("obiwan stopped private messaging")) << yoda.output();
    yoda.type("private obiwan come back");
    EXPECT_TRUE(yoda.sees("Error. Private messaging to obiwan not enabled")) << yoda.output();
    obiwan.type("private yoda bye");
    EXPECT_TRUE(obiwan.sees("Error. Private messaging to yoda not enabled")) << obiwan.output();
    ASSERT_NO_FATAL_FAILURE(p2pRoundTrip(obiwan, "yoda"));
    ASSERT_NO_FATAL_FAILURE(p2pRoundTrip(yoda, "obiwan"));
    EXPECT_EQ(yoda.linesWith("stopped private messaging"), 1u) << yoda.output();
    EXPECT_EQ(obiwan.linesWith("Stopped private messaging with yoda"), 1u) << obiwan.output();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("come back")));
}

TEST(PeerToPeerEndToEnd, PeerLogoutEndsThePrivateChatWithOneNotice) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pOpenPrivateChat(yoda, obiwan));
    yoda.type("private obiwan leaving now");
    ASSERT_TRUE(obiwan.sees("yoda(private): leaving now")) << obiwan.output();

    EXPECT_EQ(yoda.quit("logout"), 0) << yoda.output();
    // The news comes from the server ("yoda logged out; private messaging with yoda ended")
    // or from yoda's client ("Private messaging with yoda ended: yoda left"), whichever is
    // first; the other must not be printed as well.
    ASSERT_TRUE(obiwan.seesLines("private messaging with yoda ended", 1)) << obiwan.output();
    ASSERT_NO_FATAL_FAILURE(p2pRoundTrip(obiwan, "yoda"));
    EXPECT_EQ(obiwan.linesWith("private messaging with yoda ended"), 1u) << obiwan.output();
    obiwan.type("private yoda are you there?");
    EXPECT_TRUE(obiwan.sees("Error. Private messaging to yoda not enabled")) << obiwan.output();

    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, PrivateMessagesCountAsActivity) {
    // The timeout is several times the pacing, so that a loaded machine (CI runs the sanitizer
    // builds side by side) stretching one round of messages does not log anyone out.
    TestServer server([](ServerOptions& o) { o.settings.idleTimeoutSeconds = 6; });
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_NO_FATAL_FAILURE(p2pOpenPrivateChat(yoda, obiwan));

    // Nothing but private messages for about 8 s, one a second each way: both stay logged in.
    // (The messages go peer to peer; the client's PRIVATE check is what the server sees.)
    const auto start = std::chrono::steady_clock::now();
    auto lastActivity = start;
    for (int i = 0; i <= 8; ++i) {
        std::this_thread::sleep_until(start + i * 1s); // Pacing, not a wait for a result.
        lastActivity = std::chrono::steady_clock::now();
        yoda.type("private obiwan tick " + std::to_string(i));
        obiwan.type("private yoda tock " + std::to_string(i));
        ASSERT_TRUE(obiwan.sees("yoda(private): tick " + std::to_string(i)))
            << p2pOutputs(yoda, obiwan);
        ASSERT_TRUE(yoda.sees("obiwan(private): tock " + std::to_string(i)))
            << p2pOutputs(yoda, obiwan);
    }
    EXPECT_THAT(yoda.output(), Not(HasSubstr("inactivity")));
    EXPECT_THAT(obiwan.output(), Not(HasSubstr("inactivity")));
    EXPECT_THAT(p2pOutputs(yoda, obiwan), Not(HasSubstr("timed out")));

    // Then silence: the timeout applies.
    EXPECT_TRUE(yoda.sees("You have been logged out due to inactivity", 20s)) << yoda.output();
    const auto idle = std::chrono::steady_clock::now() - lastActivity;
    EXPECT_GE(idle, 5500ms) << "logged out too early";
    EXPECT_EQ(yoda.waitExit(), 0) << yoda.output();
    EXPECT_TRUE(obiwan.sees("You have been logged out due to inactivity", 20s)) << obiwan.output();
    EXPECT_EQ(obiwan.waitExit(), 0) << obiwan.output();
}

TEST(PeerToPeerEndToEnd, YesOrNoIsRefusedWhileAChatRequestAndAFileOfferBothWait) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    P2pClient luke(server, "luke");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    ASSERT_TRUE(luke.welcomed()) << luke.output();
    ASSERT_NO_FATAL_FAILURE(p2pWriteFile(yoda.file("notes.txt"), "a few notes\n"));

    luke.type("startprivate obiwan");
    ASSERT_TRUE(obiwan.sees("luke would like to private message, enter y or n: "))
        << obiwan.output();
    yoda.type("UPD obiwan notes.txt");
    ASSERT_TRUE(obiwan.sees("Receive notes.txt (12 bytes) from yoda?")) << obiwan.output();

    // Which question would a "y" answer? Neither: the user is told what to type.
    obiwan.type("y");
    ASSERT_TRUE(obiwan.sees("Error. A private messaging request and a file offer are both "
                            "waiting"))
        << obiwan.output();
    p2pRoundTrip(luke, "hans");
    EXPECT_THAT(luke.output(), Not(HasSubstr("accepted private messaging")));
    EXPECT_TRUE(p2pListDir(obiwan.dir()).empty());

    obiwan.type("decline yoda");
    ASSERT_TRUE(obiwan.sees("Declined notes.txt from yoda")) << obiwan.output();
    ASSERT_TRUE(yoda.sees("obiwan declined the file")) << yoda.output();
    // Only the request waits now: "y" is its answer again.
    obiwan.type("y");
    ASSERT_TRUE(obiwan.sees("Private messaging with luke enabled")) << obiwan.output();
    ASSERT_TRUE(luke.sees("Start private messaging with obiwan")) << p2pOutputs(luke, obiwan);

    EXPECT_EQ(luke.quit(), 0) << luke.output();
    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

/// Connections to a chat port that never say a word, kept at `count` open: one the other end
/// closes (or answers) is replaced within 50 ms. For as long as it lives.
class P2pSilentCrowd {
public:
    P2pSilentCrowd(const Poco::Net::SocketAddress& target, std::size_t count)
        : _thread([this, target, count] { run(target, count); }) {}

    ~P2pSilentCrowd() {
        _stop = true;
        _thread.join();
    }

    P2pSilentCrowd(const P2pSilentCrowd&) = delete;
    P2pSilentCrowd& operator=(const P2pSilentCrowd&) = delete;

    /// Connections opened so far.
    std::size_t opened() const { return _opened; }
    /// Connections the chat port closed or answered (and that were replaced).
    std::size_t closed() const { return _closed; }

private:
    void run(const Poco::Net::SocketAddress& target, std::size_t count) {
        std::vector<Poco::Net::StreamSocket> sockets;
        while (!_stop) {
            for (auto it = sockets.begin(); it != sockets.end();) {
                if (it->poll(Poco::Timespan(0),
                             Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR)) {
                    it->close();
                    it = sockets.erase(it);
                    ++_closed;
                } else {
                    ++it;
                }
            }
            while (sockets.size() < count) {
                try {
                    sockets.emplace_back(target);
                    ++_opened;
                } catch (const Poco::Exception&) {
                    break;
                }
            }
            std::this_thread::sleep_for(50ms);
        }
    }

    std::atomic<bool> _stop{false};
    std::atomic<std::size_t> _opened{0};
    std::atomic<std::size_t> _closed{0};
    std::thread _thread;
};

TEST(PeerToPeerEndToEnd, SilentConnectionsToTheChatPortDoNotLockARealPeerOut) {
    TestServer server;
    P2pClient obiwan(server, "obiwan");
    P2pClient yoda(server, "yoda");
    ASSERT_TRUE(obiwan.welcomed()) << obiwan.output();
    ASSERT_TRUE(yoda.welcomed()) << yoda.output();
    // Learn obiwan's chat port as any requester would: ask, and obiwan accepts.
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(luke.request("STARTPRIVATE obiwan").ok());
    ASSERT_TRUE(obiwan.sees("luke would like to private message")) << obiwan.output();
    obiwan.type("y");
    auto accepted = luke.waitEvent("PRIVATE_ACCEPTED", kP2pWait);
    ASSERT_TRUE(accepted);
    auto address = accepted->field("address");
    auto port = accepted->intField("port");
    ASSERT_TRUE(address && port) << accepted->format();

    // Eight connections from one address that never greet, from the address yoda uses too,
    // kept at eight however often obiwan closes them.
    P2pSilentCrowd crowd(Poco::Net::SocketAddress(*address, static_cast<Poco::UInt16>(*port)), 8);
    const auto deadline = std::chrono::steady_clock::now() + kP2pWait;
    while (crowd.opened() < 8 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    ASSERT_GE(crowd.opened(), 8u);

    ASSERT_NO_FATAL_FAILURE(p2pOpenPrivateChat(yoda, obiwan));
    yoda.type("private obiwan through the crowd");
    EXPECT_TRUE(obiwan.sees("yoda(private): through the crowd")) << p2pOutputs(yoda, obiwan);
    EXPECT_THAT(yoda.output(), Not(HasSubstr("BUSY")));
    // The crowd was at obiwan's port all along: obiwan closes its oldest to make room (four
    // places per address), and it keeps coming back.
    const auto closing = std::chrono::steady_clock::now() + kP2pWait;
    while (crowd.closed() == 0 && std::chrono::steady_clock::now() < closing)
        std::this_thread::sleep_for(10ms);
    EXPECT_GT(crowd.closed(), 0u) << "opened " << crowd.opened();

    EXPECT_EQ(yoda.quit(), 0) << yoda.output();
    EXPECT_EQ(obiwan.quit(), 0) << obiwan.output();
}

} // namespace
} // namespace toom::test
