// A seed run starts empty, as every seed's server does, and a config run keeps its state:
// toom-server as a process, stopped (SIGTERM) and started again in the same directory.
//
// The first run leaves one of everything: a board post (messagelog.txt), a block, an offline
// private message, a separate room and a group with a message each (their logs), and a login
// that ended (whoelsesince). A positional second run sees none of it, numbers from 1 again and
// still knows the accounts; with --keep-state, or in config mode, it sees all of it.

#include "support/ChildProcess.h"
#include "support/Files.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <Poco/File.h>

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

namespace toom::test {
namespace {

/// One toom-server process in `dir`; SIGTERM and a clean exit when it goes out of scope.
class ServerRun {
public:
    /// `args` may hold "{port}", replaced by a free port (the positional forms need one).
    ServerRun(const TempDir& dir, const std::vector<std::string>& args) {
        PortedServer started = startOnFreePort(TOOM_SERVER_BINARY, args, dir.path());
        _process = std::move(started.process);
        _port = started.port;
    }
    ~ServerRun() {
        if (_port != 0) {
            _process->signal(SIGTERM);
            EXPECT_EQ(_process->wait(), 0) << _process->output();
        }
    }

    int port() const { return _port; }
    std::string output() const { return _process->output(); }

private:
    std::unique_ptr<ChildProcess> _process;
    int _port = 0;
};

void writeRunCredentials(const TempDir& dir) {
    std::ofstream out(dir.file("credentials.txt"));
    for (const auto& [name, password] : kSeedUsers)
        out << name << ' ' << password << '\n';
}

/// The config form of the other process tests, on any free port, with the store in `dir`.
std::vector<std::string> configRunArgs(const TempDir& dir) {
    return {"--port=0",
            "--data-dir=" + dir.path(),
            "--credentials=" + dir.file("credentials.txt"),
            "-Dtoom.bind=127.0.0.1",
            "--profile=toom-default",
            "-Dirc.port=0"};
}

/// The first run: one of everything a run can leave behind.
void leaveTraces(int port, const TempDir& dir) {
    TestClient yoda(port);
    yoda.loginAs("yoda");
    {
        TestClient hans(port);
        hans.loginAs("hans");
        ASSERT_EQ(yoda.request("MSG Hello from the first run").final.field("n"), "1");
        ASSERT_EQ(yoda.request("SRB hans").final.field("room"), "1");
        ASSERT_EQ(yoda.request("SRM 1 room message").final.field("n"), "1");
        ASSERT_TRUE(yoda.request("/creategroup learning hans").ok());
        ASSERT_EQ(yoda.request("/groupmsg learning group message").final.field("n"), "1");
        ASSERT_TRUE(hans.request("OUT").ok()); // A login that ended: whoelsesince's history.
        hans.waitClosed();
    }
    ASSERT_TRUE(yoda.request("block vader").ok());
    ASSERT_EQ(yoda.request("PM luke while you were away").final.field("delivered"), "0");
    // What the seed logs hold now.
    ASSERT_EQ(readLines(dir.file("messagelog.txt")).size(), 1u);
    ASSERT_EQ(readLines(dir.file("SR_1_messageLog.txt")).size(), 1u);
    ASSERT_EQ(readLines(dir.file("learning_messageLog.txt")).size(), 1u);
}

/// True when `client` has received a MESSAGE event by the end of one round trip.
bool gotAMessage(TestClient& client) {
    client.request("BLOCKS"); // Anything sent at login has arrived before this reply.
    return client.waitEvent("MESSAGE", std::chrono::milliseconds(0)).has_value();
}

/// The second run sees nothing of the first, numbers from 1 again, and knows the accounts.
void expectTracesGone(int port, const TempDir& dir) {
    // Before anyone does anything: the previous run's logs are gone or empty.
    EXPECT_EQ(readFile(dir.file("messagelog.txt")), "");
    EXPECT_FALSE(Poco::File(dir.file("SR_1_messageLog.txt")).exists());
    EXPECT_FALSE(Poco::File(dir.file("learning_messageLog.txt")).exists());

    TestClient yoda(port);
    yoda.loginAs("yoda"); // The accounts come from credentials.txt, as every run.
    EXPECT_EQ(yoda.request("BLOCKS").final.field("count"), "0");
    EXPECT_EQ(yoda.request("whoelsesince 100000").column("user"), std::vector<std::string>{});
    EXPECT_EQ(yoda.request("RDM 1 Jan 2000 00:00:00").rows.size(), 0u);
    {
        TestClient luke(port);
        luke.loginAs("luke");
        EXPECT_FALSE(gotAMessage(luke));
    }
    TestClient hans(port);
    hans.loginAs("hans");
    Response room = yoda.request("SRB hans");
    EXPECT_EQ(room.final.field("created"), "1") << room.final.format();
    EXPECT_EQ(room.final.field("room"), "1");
    EXPECT_EQ(yoda.request("SRM 1 again").final.field("n"), "1");
    Response group = yoda.request("/creategroup learning hans");
    EXPECT_TRUE(group.ok()) << group.final.format();
    EXPECT_EQ(yoda.request("/groupmsg learning again").final.field("n"), "1");
    Response post = yoda.request("MSG Hello from the second run");
    EXPECT_EQ(post.final.text().rfind("Message #1 posted at ", 0), 0u) << post.final.format();

    const auto board = readLines(dir.file("messagelog.txt"));
    ASSERT_EQ(board.size(), 1u);
    EXPECT_EQ(board[0].rfind("1; ", 0), 0u) << board[0];
    EXPECT_NE(board[0].find("; Hello from the second run"), std::string::npos) << board[0];
    const auto roomLog = readLines(dir.file("SR_1_messageLog.txt"));
    ASSERT_EQ(roomLog.size(), 1u);
    EXPECT_EQ(roomLog[0].rfind("1; ", 0), 0u) << roomLog[0];
    EXPECT_EQ(readLines(dir.file("learning_messageLog.txt")).size(), 1u);
}

/// The second run carries on from the first.
void expectTracesKept(int port, const TempDir& dir) {
    EXPECT_EQ(readLines(dir.file("messagelog.txt")).size(), 1u);
    EXPECT_EQ(readLines(dir.file("SR_1_messageLog.txt")).size(), 1u);
    EXPECT_EQ(readLines(dir.file("learning_messageLog.txt")).size(), 1u);

    TestClient yoda(port);
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("BLOCKS").column("user"), std::vector<std::string>{"vader"});
    EXPECT_EQ(yoda.request("whoelsesince 100000").column("user"), std::vector<std::string>{"hans"});
    EXPECT_EQ(yoda.request("RDM 1 Jan 2000 00:00:00").rows.size(), 1u);
    {
        TestClient luke(port);
        luke.loginAs("luke");
        auto got = luke.waitEvent("MESSAGE");
        ASSERT_TRUE(got);
        EXPECT_EQ(got->field("text"), "while you were away");
    }
    TestClient hans(port);
    hans.loginAs("hans");
    EXPECT_EQ(yoda.request("SRB hans").final.field("created"), "0"); // Still room 1.
    EXPECT_EQ(yoda.request("SRM 1 again").final.field("n"), "2");
    EXPECT_EQ(yoda.request("/creategroup learning hans").code(), "NAME_TAKEN");
    EXPECT_EQ(yoda.request("MSG Hello from the second run").final.field("n"), "2");
    EXPECT_EQ(readLines(dir.file("messagelog.txt")).size(), 2u);
    EXPECT_EQ(readLines(dir.file("SR_1_messageLog.txt")).size(), 2u);
}

TEST(SeedRun, PositionalRunStartsWithNothingFromThePreviousRun) {
    TempDir dir;
    writeRunCredentials(dir);
    {
        ServerRun first(dir, {"{port}", "3"});
        ASSERT_NE(first.port(), 0) << first.output();
        ASSERT_NO_FATAL_FAILURE(leaveTraces(first.port(), dir));
    }
    ServerRun second(dir, {"{port}", "3"});
    ASSERT_NE(second.port(), 0) << second.output();
    expectTracesGone(second.port(), dir);
    EXPECT_NE(second.output().find("fresh run"), std::string::npos) << second.output();
}

TEST(SeedRun, KeepStateOptionKeepsThePreviousRunOfAPositionalServer) {
    TempDir dir;
    writeRunCredentials(dir);
    {
        ServerRun first(dir, {"--keep-state", "{port}", "3"});
        ASSERT_NE(first.port(), 0) << first.output();
        ASSERT_NO_FATAL_FAILURE(leaveTraces(first.port(), dir));
    }
    ServerRun second(dir, {"--keep-state", "{port}", "3"});
    ASSERT_NE(second.port(), 0) << second.output();
    expectTracesKept(second.port(), dir);
}

// A keep-state run is still followed by a fresh one when the option is left off.
TEST(SeedRun, APositionalRunAfterAKeptOneStartsEmpty) {
    TempDir dir;
    writeRunCredentials(dir);
    {
        ServerRun first(dir, {"--keep-state", "{port}", "3"});
        ASSERT_NE(first.port(), 0) << first.output();
        ASSERT_NO_FATAL_FAILURE(leaveTraces(first.port(), dir));
    }
    ServerRun second(dir, {"{port}", "3"});
    ASSERT_NE(second.port(), 0) << second.output();
    expectTracesGone(second.port(), dir);
}

TEST(SeedRun, ConfigModeKeepsItsStateAsBefore) {
    TempDir dir;
    writeRunCredentials(dir);
    {
        ServerRun first(dir, configRunArgs(dir));
        ASSERT_NE(first.port(), 0) << first.output();
        ASSERT_NO_FATAL_FAILURE(leaveTraces(first.port(), dir));
    }
    ServerRun second(dir, configRunArgs(dir));
    ASSERT_NE(second.port(), 0) << second.output();
    expectTracesKept(second.port(), dir);
}

TEST(SeedRun, ConfigModeStartsEmptyWhenToldTo) {
    TempDir dir;
    writeRunCredentials(dir);
    {
        ServerRun first(dir, configRunArgs(dir));
        ASSERT_NE(first.port(), 0) << first.output();
        ASSERT_NO_FATAL_FAILURE(leaveTraces(first.port(), dir));
    }
    auto args = configRunArgs(dir);
    args.push_back("-Dtoom.keep_state=false");
    ServerRun second(dir, args);
    ASSERT_NE(second.port(), 0) << second.output();
    expectTracesGone(second.port(), dir);
}

// Starting the same seed server twice by mistake: the second one cannot have the port, and it
// fails before it empties anything the first one is using.
TEST(SeedRun, ASecondServerOnThePortInUseLeavesTheRunningOnesStateAlone) {
    TempDir dir;
    writeRunCredentials(dir);
    const std::string port = std::to_string(freePort());
    {
        ServerRun first(dir, {"--keep-state", port, "3"});
        ASSERT_NE(first.port(), 0) << first.output();
        ASSERT_NO_FATAL_FAILURE(leaveTraces(first.port(), dir));

        ChildProcess second(TOOM_SERVER_BINARY, {port, "3"}, dir.path());
        const auto code = second.waitFor(std::chrono::seconds(10));
        ASSERT_TRUE(code.has_value()) << "the second server is still running: " << second.output();
        EXPECT_EQ(*code, 1);
        EXPECT_NE(second.output().find("already in use"), std::string::npos) << second.output();
        EXPECT_EQ(second.output().find("fresh run"), std::string::npos) << second.output();
    }
    // Everything the first run left is still in the store and the logs.
    ServerRun again(dir, {"--keep-state", "{port}", "3"});
    ASSERT_NE(again.port(), 0) << again.output();
    expectTracesKept(again.port(), dir);
}

// Variant D: messagelog.txt holds the private messages, numbered from 1 in every run.
TEST(SeedRun, TessengerPrivateLogStartsFromOneInEveryRun) {
    TempDir dir;
    writeRunCredentials(dir);
    const std::vector<std::string> args = {"--profile=tessenger", "{port}", "3"};
    for (const char* text : {"first run", "second run"}) {
        ServerRun run(dir, args);
        ASSERT_NE(run.port(), 0) << run.output();
        TestClient yoda(run.port());
        yoda.loginAs("yoda");
        TestClient obiwan(run.port());
        obiwan.loginAs("obiwan");
        EXPECT_EQ(yoda.request("/joingroup learning").code(), "UNKNOWN_ROOM") << text;
        ASSERT_TRUE(yoda.request(std::string("/msgto obiwan ") + text).ok());
        ASSERT_TRUE(yoda.request("/creategroup learning obiwan").ok()) << text;
        const auto log = readLines(dir.file("messagelog.txt"));
        ASSERT_EQ(log.size(), 1u) << text;
        EXPECT_EQ(log[0].rfind("1; ", 0), 0u) << log[0];
        EXPECT_NE(log[0].find("; obiwan; " + std::string(text)), std::string::npos) << log[0];
    }
}

// Variant A: a registration is appended to credentials.txt and outlives the run; the login
// history does not.
TEST(SeedRun, MessagingRunKeepsRegistrationsButNotLoginHistory) {
    TempDir dir;
    writeRunCredentials(dir);
    const std::vector<std::string> args = {"{port}", "20", "60"};
    {
        ServerRun first(dir, args);
        ASSERT_NE(first.port(), 0) << first.output();
        TestClient newcomer(first.port());
        ASSERT_EQ(newcomer.request("newbie").final.field("next"), "new_password");
        ASSERT_TRUE(newcomer.request("s3cret!").ok());
        ASSERT_TRUE(newcomer.request("logout").ok());
        newcomer.waitClosed();
        TestClient yoda(first.port());
        yoda.loginAs("yoda");
        ASSERT_EQ(yoda.request("whoelsesince 100000").column("user"),
                  std::vector<std::string>{"newbie"});
    }
    ServerRun second(dir, args);
    ASSERT_NE(second.port(), 0) << second.output();
    TestClient yoda(second.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("whoelsesince 100000").column("user"), std::vector<std::string>{});
    TestClient newbie(second.port());
    EXPECT_EQ(newbie.request("newbie").final.field("next"), "password"); // Known, not new.
    EXPECT_TRUE(newbie.request("s3cret!").ok());
    EXPECT_NE(readFile(dir.file("credentials.txt")).find("\nnewbie s3cret!\n"), std::string::npos);
}

TEST(SeedRun, HelpNamesTheKeepStateOption) {
    TempDir dir;
    auto [code, output] = ChildProcess::run(TOOM_SERVER_BINARY, {"--help"}, dir.path());
    EXPECT_EQ(code, 0);
    EXPECT_NE(output.find("--keep-state"), std::string::npos) << output;
}

} // namespace
} // namespace toom::test
