// toom-server as a process: the seeds' positional arguments and their errors, --help, SIGTERM
// with a shutdown notice and exit code 0, and acknowledged data surviving kill -9.

#include "common/Version.h"
#include "server/store/SqliteStore.h"
#include "support/ChildProcess.h"
#include "support/Files.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <Poco/File.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

namespace toom::test {
namespace {

void writeSeedCredentials(const TempDir& dir) {
    std::ofstream out(dir.file("credentials.txt"));
    for (const auto& [name, password] : kSeedUsers)
        out << name << ' ' << password << '\n';
}

std::pair<int, std::string> runServer(const std::vector<std::string>& args,
                                      const std::string& dir) {
    return ChildProcess::run(TOOM_SERVER_BINARY, args, dir);
}

std::vector<std::string> configuredArgs(const TempDir& dir) {
    return {"--port=0",
            "--data-dir=" + dir.path(),
            "--credentials=" + dir.file("credentials.txt"),
            "-Dtoom.bind=127.0.0.1",
            "-Dauth.pbkdf2_iterations=1000",
            "-Dirc.port=0"};
}

TEST(ServerProcess, AttemptsOutsideOneToFiveIsRefusedWithTheSeedMessage) {
    TempDir dir;
    for (const std::string bad : {"0", "6", "2.5", "abc"}) {
        auto [code, output] = runServer({"4000", bad}, dir.path());
        EXPECT_EQ(code, 1) << bad;
        EXPECT_NE(output.find("Invalid number of allowed failed consecutive attempt: " + bad +
                              ". The valid value of argument number is an integer between 1 and 5"),
                  std::string::npos)
            << output;
    }
}

TEST(ServerProcess, WrongArgumentCountAndBadPortAreUsageErrors) {
    TempDir dir;
    EXPECT_EQ(runServer({"4000"}, dir.path()).first, 1);
    EXPECT_EQ(runServer({"4000", "3", "4", "5"}, dir.path()).first, 1);
    EXPECT_EQ(runServer({"99999", "3"}, dir.path()).first, 1);
    EXPECT_EQ(runServer({"--profile=nope"}, dir.path()).first, 1);
}

TEST(ServerProcess, HelpDescribesOptionsAndExitsZero) {
    TempDir dir;
    auto [code, output] = runServer({"--help"}, dir.path());
    EXPECT_EQ(code, 0);
    EXPECT_NE(output.find("--profile"), std::string::npos) << output;
    EXPECT_NE(output.find("<port> <attempts>"), std::string::npos);
}

// One version, from project(Toom VERSION ...): both programs print it, and HELLO carries it.
TEST(ServerProcess, BothProgramsAndTheGreetingShowTheProjectVersion) {
    TempDir dir;
    const std::string expected = std::string(kVersion) + " (protocol TOOM/1)\n";
    auto [serverCode, serverOut] = runServer({"--version"}, dir.path());
    EXPECT_EQ(serverCode, 0);
    EXPECT_EQ(serverOut, "toom-server " + expected);
    auto [clientCode, clientOut] = ChildProcess::run(TOOM_CLIENT_BINARY, {"--version"}, dir.path());
    EXPECT_EQ(clientCode, 0);
    EXPECT_EQ(clientOut, "toom-client " + expected);

    writeSeedCredentials(dir);
    ChildProcess server(TOOM_SERVER_BINARY, configuredArgs(dir), dir.path());
    const int port = waitListening(server);
    ASSERT_NE(port, 0) << server.output();
    TestClient client(port);
    EXPECT_EQ(client.greeting().field("server"), "toom-server/" + std::string(kVersion));
}

TEST(ServerProcess, PositionalFormKeepsCredentialsDataAndLogsInWorkingDirectory) {
    TempDir dir;
    writeSeedCredentials(dir);
    PortedServer started = startOnFreePort(TOOM_SERVER_BINARY, {"{port}", "3"}, dir.path());
    ChildProcess& server = *started.process;
    const int port = started.port;
    ASSERT_NE(port, 0) << server.output();
    TestClient yoda(port);
    EXPECT_EQ(yoda.greeting().field("profile"), "toom");
    Response login = yoda.login("yoda", "wise@!man", 8001);
    ASSERT_TRUE(login.ok()) << login.final.format();
    EXPECT_EQ(login.final.text(), "Welcome to TOOM!");
    yoda.request("ATU");
    // userlog.txt is written in the background, a moment after the login.
    std::string line;
    for (int i = 0; i < 500 && line.empty(); ++i) {
        std::ifstream userlog(dir.file("userlog.txt"));
        if (!std::getline(userlog, line))
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_FALSE(line.empty());
    EXPECT_NE(line.find("; yoda; 127.0.0.1; 8001"), std::string::npos) << line;
    EXPECT_TRUE(Poco::File(dir.file("toom.db")).exists());
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(), 0);
}

TEST(ServerProcess, ThreeArgumentFormIsTheMessagingProfile) {
    TempDir dir;
    writeSeedCredentials(dir);
    PortedServer started = startOnFreePort(TOOM_SERVER_BINARY, {"{port}", "20", "60"}, dir.path());
    ChildProcess& server = *started.process;
    const int port = started.port;
    ASSERT_NE(port, 0) << server.output();
    TestClient client(port);
    EXPECT_EQ(client.greeting().field("profile"), "messaging");
    EXPECT_EQ(client.greeting().field("registration"), "1");
    Response login = client.login("yoda", "wise@!man");
    EXPECT_EQ(login.final.text(), "Welcome to the greatest messaging application ever!");
    // Variant A appends a new user to credentials.txt (its spec's rule, and only its form's).
    TestClient newcomer(port);
    ASSERT_EQ(newcomer.request("newbie").final.field("next"), "new_password");
    ASSERT_TRUE(newcomer.request("s3cret!").ok());
    EXPECT_NE(readFile(dir.file("credentials.txt")).find("\nnewbie s3cret!\n"), std::string::npos);
    EXPECT_EQ(fileMode(dir.file("toom.db")), 0600);
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(), 0);
}

TEST(ServerProcess, SigtermTellsClientsAndExitsZero) {
    TempDir dir;
    writeSeedCredentials(dir);
    ChildProcess server(TOOM_SERVER_BINARY, configuredArgs(dir), dir.path());
    const int port = waitListening(server);
    ASSERT_NE(port, 0) << server.output();
    TestClient yoda(port);
    yoda.loginAs("yoda");
    TestClient anonymous(port);
    server.signal(SIGTERM);
    auto notice = yoda.waitEvent("SHUTDOWN", std::chrono::seconds(10));
    ASSERT_TRUE(notice);
    EXPECT_TRUE(yoda.waitClosed());
    EXPECT_TRUE(anonymous.waitEvent("SHUTDOWN", std::chrono::seconds(10)).has_value());
    EXPECT_EQ(server.wait(), 0);
}

// One server per port: a second server on a port in use exits at once with a clear error
// instead of sharing the port (SO_REUSEPORT) and splitting the users between two boards.
TEST(ServerProcess, ASecondServerOnAPortInUseExitsWithAnError) {
    TempDir dir;
    writeSeedCredentials(dir);
    ChildProcess first(TOOM_SERVER_BINARY, configuredArgs(dir), dir.path());
    const int port = waitListening(first);
    ASSERT_NE(port, 0) << first.output();

    TempDir otherDir;
    writeSeedCredentials(otherDir);
    auto args = configuredArgs(otherDir);
    args[0] = "--port=" + std::to_string(port);
    ChildProcess second(TOOM_SERVER_BINARY, args, otherDir.path());
    const auto code = second.waitFor(std::chrono::seconds(10));
    ASSERT_TRUE(code.has_value()) << "the second server is still running: " << second.output();
    EXPECT_EQ(*code, 1);
    EXPECT_NE(second.output().find("already in use"), std::string::npos) << second.output();

    // The first one still serves.
    TestClient yoda(port);
    yoda.loginAs("yoda"); // Asserts that the login succeeds.
}

TEST(ServerProcess, AcknowledgedRegistrationSurvivesKillNine) {
    TempDir dir;
    writeSeedCredentials(dir);
    auto args = configuredArgs(dir);
    args.push_back("--profile=toom-default");
    {
        ChildProcess server(TOOM_SERVER_BINARY, args, dir.path());
        const int port = waitListening(server);
        ASSERT_NE(port, 0) << server.output();
        TestClient client(port);
        Response created = client.login("survivor", "tough1");
        ASSERT_TRUE(created.ok()) << created.final.format(); // Acknowledged...
        server.signal(SIGKILL);                              // ...then the process dies.
        server.wait();
    }
    // Drop the line registration appended, so only the store can remember the account.
    std::ofstream(dir.file("credentials.txt"), std::ios::trunc) << "yoda wise@!man\n";
    ChildProcess again(TOOM_SERVER_BINARY, args, dir.path());
    const int port = waitListening(again);
    ASSERT_NE(port, 0) << again.output();
    TestClient client(port);
    Response user = client.request("survivor");
    EXPECT_EQ(user.final.field("next"), "password"); // Known, not "new_password".
    EXPECT_TRUE(client.request("tough1").ok());
    again.signal(SIGTERM);
    EXPECT_EQ(again.wait(), 0);
}

// Group commit keeps "acknowledged means durable" for private messages, to online users too
// (they are delivered at once and stored as history) and to offline ones (queued): a burst sent
// in one write, every OK read, then kill -9. Every acknowledged message is in the store, in
// order; the offline one still waits for its recipient.
TEST(ServerProcess, AcknowledgedPrivateMessagesSurviveKillNine) {
    TempDir dir;
    writeSeedCredentials(dir);
    auto args = configuredArgs(dir);
    args.push_back("-Dflood.burst=1000"); // The burst is the point here, not flood control.
    constexpr int kBurst = 300;
    std::vector<std::string> sent;
    {
        ChildProcess server(TOOM_SERVER_BINARY, args, dir.path());
        const int port = waitListening(server);
        ASSERT_NE(port, 0) << server.output();
        TestClient yoda(port);
        yoda.loginAs("yoda");
        TestClient obiwan(port);
        obiwan.loginAs("obiwan");
        std::string burst;
        for (int i = 0; i < kBurst; ++i) {
            sent.push_back("message " + std::to_string(i));
            burst += "PM obiwan " + sent.back() + "\n";
        }
        yoda.sendRaw(burst); // Pipelined: the server sees them in a few reads, not one by one.
        for (int i = 0; i < kBurst; ++i) {
            Response reply = yoda.readResponse();
            ASSERT_TRUE(reply.ok()) << i << ": " << reply.final.format(); // Acknowledged...
        }
        Response queued = yoda.request("PM luke while you were away");
        ASSERT_TRUE(queued.ok()) << queued.final.format();
        server.signal(SIGKILL); // ...then the process dies at once.
        server.wait();
    }
    SqliteStore store(dir.file("toom.db"));
    std::vector<std::string> stored;
    for (const auto& message : store.privateMessages()) {
        if (message.recipient == "obiwan" && message.sender == "yoda")
            stored.push_back(message.text);
    }
    EXPECT_EQ(stored, sent);
    const auto waiting = store.offlineMessagesFor("luke");
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].text, "while you were away");
    EXPECT_TRUE(store.offlineMessagesFor("obiwan").empty()); // Delivered: history, not queue.
}

// The room and group logs after kill -9: a crash between storing a message and writing its
// line leaves the log short (or its last line cut off) while the store has the message. That is
// made deterministic by cutting the logs while the server is down; the next start puts every
// acknowledged line back, in order and in the seed format, and posting goes on after them.
TEST(ServerProcess, RoomAndGroupLogsHaveEveryAcknowledgedLineAfterKillNine) {
    TempDir dir;
    writeSeedCredentials(dir);
    const auto args = configuredArgs(dir); // Config mode: the restart keeps the state.
    const std::string roomLog = dir.file("SR_1_messageLog.txt");
    const std::string groupLog = dir.file("jedi_messageLog.txt");
    std::vector<std::string> roomLines;
    std::vector<std::string> groupLines;
    {
        ChildProcess server(TOOM_SERVER_BINARY, args, dir.path());
        const int port = waitListening(server);
        ASSERT_NE(port, 0) << server.output();
        TestClient yoda(port);
        yoda.loginAs("yoda");
        TestClient obiwan(port);
        obiwan.loginAs("obiwan");
        ASSERT_TRUE(yoda.request("SRB obiwan").ok());
        ASSERT_TRUE(yoda.request("CREATEGROUP jedi obiwan").ok());
        ASSERT_TRUE(obiwan.request("JOINGROUP jedi").ok());
        for (const std::string text : {"one", "two; too", "three"}) {
            ASSERT_TRUE(yoda.request("SRM 1 " + text).ok()); // Acknowledged...
            ASSERT_TRUE(obiwan.request("GROUPMSG jedi " + text).ok());
        }
        server.signal(SIGKILL); // ...then the process dies.
        server.wait();
        roomLines = readLines(roomLog);
        groupLines = readLines(groupLog);
    }
    ASSERT_EQ(roomLines.size(), 3u);
    ASSERT_EQ(groupLines.size(), 3u);
    const std::string stamp = "[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}";
    EXPECT_THAT(roomLines[1], ::testing::MatchesRegex("2; " + stamp + "; yoda; two; too"));
    EXPECT_THAT(groupLines[2], ::testing::MatchesRegex("3; " + stamp + "; obiwan; three"));

    // What the crash would have left: the room log lost two lines, the group log half of one.
    std::ofstream(roomLog, std::ios::trunc) << roomLines[0] << '\n';
    std::ofstream(groupLog, std::ios::trunc) << groupLines[0] << '\n' << groupLines[1].substr(0, 6);

    ChildProcess again(TOOM_SERVER_BINARY, args, dir.path());
    const int port = waitListening(again);
    ASSERT_NE(port, 0) << again.output();
    EXPECT_EQ(readLines(roomLog), roomLines);
    EXPECT_EQ(readLines(groupLog), groupLines);
    EXPECT_NE(again.output().find("room logs rewritten from the store: 2"), std::string::npos)
        << again.output();
    EXPECT_FALSE(Poco::File(roomLog + ".tmp").exists());

    TestClient yoda(port);
    yoda.loginAs("yoda");
    Response next = yoda.request("SRM 1 four");
    ASSERT_TRUE(next.ok()) << next.final.format();
    EXPECT_EQ(next.final.field("n"), "4");
    again.signal(SIGTERM);
    EXPECT_EQ(again.wait(), 0);
    const auto after = readLines(roomLog);
    ASSERT_EQ(after.size(), 4u);
    EXPECT_THAT(after[3], ::testing::MatchesRegex("4; " + stamp + "; yoda; four"));
}

// Private text stays private: without -d the console carries audit lines about what happened
// but never what users wrote; with -d it does. (The default profile logged every private
// message in full before.)
TEST(ServerProcess, MessageTextStaysOutOfTheConsoleUnlessDebugging) {
    for (const bool debug : {false, true}) {
        TempDir dir;
        writeSeedCredentials(dir);
        auto args = configuredArgs(dir);
        if (debug)
            args.push_back("-d");
        ChildProcess server(TOOM_SERVER_BINARY, args, dir.path());
        const int port = waitListening(server);
        ASSERT_NE(port, 0) << server.output();
        {
            TestClient yoda(port);
            yoda.loginAs("yoda");
            TestClient obiwan(port);
            obiwan.loginAs("obiwan");
            ASSERT_TRUE(yoda.request("PM obiwan the secret plans").ok());
            ASSERT_TRUE(yoda.request("POST a board secret").ok());
            ASSERT_TRUE(yoda.request("CREATEGROUP jedi obiwan").ok());
            ASSERT_TRUE(obiwan.request("JOINGROUP jedi").ok());
            ASSERT_TRUE(obiwan.request("GROUPMSG jedi a group secret").ok());
            ASSERT_TRUE(yoda.request("logout").ok());
        }
        // The audit line of the logout proves every earlier line has been written.
        ASSERT_TRUE(server.waitFor("obiwan from \\S+ disconnected")) << server.output();
        const std::string out = server.output();
        for (const char* secret : {"the secret plans", "a board secret", "a group secret"}) {
            if (debug) {
                EXPECT_NE(out.find(secret), std::string::npos) << "-d must show: " << secret;
            } else {
                EXPECT_EQ(out.find(secret), std::string::npos) << "leaked: " << secret << "\n"
                                                               << out;
            }
        }
        server.signal(SIGTERM);
        EXPECT_EQ(server.wait(), 0);
    }
}

// A session that ends without OUT is logged with user, address and reason; a logout is not
// reported as a disconnect.
TEST(ServerProcess, DisconnectsWithoutLogoutAreLogged) {
    TempDir dir;
    writeSeedCredentials(dir);
    ChildProcess server(TOOM_SERVER_BINARY, configuredArgs(dir), dir.path());
    const int port = waitListening(server);
    ASSERT_NE(port, 0) << server.output();
    {
        TestClient luke(port);
        luke.loginAs("luke");
        ASSERT_TRUE(luke.request("logout").ok());
        luke.waitClosed();
    }
    {
        TestClient yoda(port);
        yoda.loginAs("yoda");
    } // Closed without OUT.
    auto line = server.waitFor("(yoda from 127\\.0\\.0\\.1 disconnected: [^\\n]*)");
    ASSERT_TRUE(line) << server.output();
    EXPECT_EQ(*line, "yoda from 127.0.0.1 disconnected: connection lost without logging out");
    EXPECT_EQ(server.output().find("luke from"), std::string::npos) << server.output();
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(), 0);
}

// SIGHUP reloads what can be reloaded and never stops the server (its default action would):
// the log file moved away (logrotate) is written anew, and an account added to the
// credentials file can log in at once.
TEST(ServerProcess, SighupReopensTheLogAndReadsTheCredentialsAgain) {
    TempDir dir;
    writeSeedCredentials(dir);
    const std::string logFile = dir.file("toom-server.log");
    auto args = configuredArgs(dir);
    args.push_back("-Dauth.self_registration=false"); // rey must come from the file.
    // As the sample config does: the console (where waitListening reads the port) and a file.
    for (const std::string& key : std::vector<std::string>{
             "logging.loggers.root.channel=splitter", "logging.loggers.root.level=information",
             "logging.channels.splitter.class=SplitterChannel",
             "logging.channels.splitter.channels=console,file",
             "logging.channels.console.class=ConsoleChannel",
             "logging.channels.file.class=FileChannel", "logging.channels.file.path=" + logFile})
        args.push_back("-D" + key);
    ChildProcess server(TOOM_SERVER_BINARY, args, dir.path());
    const int port = waitListening(server);
    ASSERT_NE(port, 0) << server.output();
    {
        TestClient yoda(port);
        yoda.loginAs("yoda");
    }
    ASSERT_TRUE(Poco::File(logFile).exists());
    Poco::File(logFile).renameTo(logFile + ".1");
    { std::ofstream(dir.file("credentials.txt"), std::ios::app) << "rey falcon123\n"; }

    server.signal(SIGHUP);
    // The reload's own log lines, in the new file, say it ran (bounded wait).
    std::string fresh;
    for (int i = 0; i < 100 && fresh.find("1 added") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        fresh = Poco::File(logFile).exists() ? readFile(logFile) : std::string();
    }
    EXPECT_NE(fresh.find("SIGHUP: reopened 1 log file(s)"), std::string::npos) << fresh;
    EXPECT_NE(fresh.find("1 added"), std::string::npos) << fresh;
    // The server is still there after SIGHUP, and knows the new account.
    TestClient rey(port);
    EXPECT_TRUE(rey.login("rey", "falcon123").ok())
        << "the account added to credentials.txt was not read on SIGHUP";
    EXPECT_EQ(readFile(logFile + ".1").find("SIGHUP"), std::string::npos);
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(), 0);
}

} // namespace
} // namespace toom::test
