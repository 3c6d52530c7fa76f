// toom-client's config file with the real binaries: found where XDG says, its settings used,
// the command line winning over it, and the sample shipped in config/ valid as it stands.

#include "support/ChildProcess.h"
#include "support/TempDir.h"
#include "support/TerminalProcess.h"
#include "support/TestServer.h"

#include <Poco/File.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace toom::test {
namespace {

using ::testing::HasSubstr;

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// Writes `text` to the client.conf a TerminalProcess in `dir` finds ($XDG_CONFIG_HOME is
/// dir/config there).
void writeXdgConfig(const TempDir& dir, const std::string& text) {
    Poco::File(dir.file("config/toom")).createDirectories();
    writeFile(dir.file("config/toom/client.conf"), text);
}

// The file names the server, suggests the username and sets the time column: "toom-client"
// with no argument connects, Enter takes the name, and every line starts with the year.
TEST(ClientConfig, TheXdgFileNamesTheServerTheUserAndTheTimeFormat) {
    TestServer server;
    TempDir dir;
    writeXdgConfig(dir, "# mine\n"
                        "server.port = " +
                            std::to_string(server.port()) +
                            "\n"
                            "login.username = yoda\n"
                            "display.time_format = <%Y>\n");
    TerminalProcess client(TOOM_CLIENT_BINARY, {}, dir.path());
    ASSERT_TRUE(client.waitFor("Username: yoda")) << client.output();
    client.type("\r");
    ASSERT_TRUE(client.waitFor("Password: ")) << client.output();
    client.type(passwordOf("yoda") + "\r");
    ASSERT_TRUE(client.waitFor("Welcome to Toom!")) << client.output();
    std::time_t now = std::time(nullptr);
    char year[8];
    std::strftime(year, sizeof year, "<%Y>", std::localtime(&now));
    EXPECT_THAT(client.output(), HasSubstr(year));
    client.type("OUT\r");
    EXPECT_EQ(client.waitExit(), 0) << client.output();
}

// On a terminal that takes no escape sequences the suggested name is offered in brackets.
TEST(ClientConfig, ADumbTerminalOffersTheUsernameInBrackets) {
    TestServer server;
    TempDir dir;
    writeXdgConfig(dir, "login.username = yoda\n");
    TerminalProcess client(TOOM_CLIENT_BINARY, {std::to_string(server.port())}, dir.path(), 80,
                           "dumb");
    ASSERT_TRUE(client.waitFor("Username: [yoda] ")) << client.output();
    client.type("\r");
    ASSERT_TRUE(client.waitFor("Password: ")) << client.output();
    client.type(passwordOf("yoda") + "\r");
    ASSERT_TRUE(client.waitFor("Welcome to Toom!")) << client.output();
    client.type("OUT\r");
    EXPECT_EQ(client.waitExit(), 0) << client.output();
}

TEST(ClientConfig, TheCommandLineWinsOverTheFile) {
    TestServer server;
    TempDir dir;
    writeXdgConfig(dir, "server.port = 1\n"
                        "display.time_format = <%Y>\n");
    TerminalProcess client(TOOM_CLIENT_BINARY,
                           {"--time-format", "[%H]", std::to_string(server.port())}, dir.path());
    ASSERT_TRUE(client.waitFor("Username: ")) << client.output();
    client.type("yoda\r");
    ASSERT_TRUE(client.waitFor("Password: ")) << client.output();
    client.type(passwordOf("yoda") + "\r");
    ASSERT_TRUE(client.waitFor("Welcome to Toom!")) << client.output();
    std::time_t now = std::time(nullptr);
    char year[8];
    std::strftime(year, sizeof year, "<%Y>", std::localtime(&now));
    EXPECT_EQ(client.output().find(year), std::string::npos) << client.output();
    EXPECT_THAT(client.output(), ::testing::ContainsRegex("\\[[0-9][0-9]\\]"));
    client.type("OUT\r");
    EXPECT_EQ(client.waitExit(), 0) << client.output();
}

// files.download_dir decides where a file from a peer is saved, files.auto_accept takes it
// without asking (scripted clients read the file too; --config names it).
TEST(ClientConfig, TheDownloadDirectoryComesFromTheFile) {
    TestServer server;
    TempDir obiwanDir;
    TempDir yodaDir;
    TempDir downloads;
    writeFile(obiwanDir.file("obiwan.conf"),
              "files.download_dir = " + downloads.path() + "\nfiles.auto_accept = on\n");
    const std::string port = std::to_string(server.port());
    ChildProcess obiwan(TOOM_CLIENT_BINARY,
                        {"--config", obiwanDir.file("obiwan.conf"), "127.0.0.1", port, "0"},
                        obiwanDir.path());
    obiwan.write("obiwan\n" + passwordOf("obiwan") + "\n");
    ASSERT_TRUE(obiwan.waitFor("Welcome to")) << obiwan.output();
    ChildProcess yoda(TOOM_CLIENT_BINARY, {"127.0.0.1", port, "0"}, yodaDir.path());
    yoda.write("yoda\n" + passwordOf("yoda") + "\n");
    ASSERT_TRUE(yoda.waitFor("Welcome to")) << yoda.output();
    writeFile(yodaDir.file("note.txt"), "the file\n");
    yoda.write("UPD obiwan note.txt\n");
    ASSERT_TRUE(obiwan.waitFor("Received note.txt from yoda")) << obiwan.output();
    std::ifstream saved(downloads.file("yoda_note.txt"));
    std::stringstream text;
    text << saved.rdbuf();
    EXPECT_EQ(text.str(), "the file\n");
    yoda.closeInput();
    obiwan.closeInput();
    EXPECT_EQ(yoda.waitFor(std::chrono::seconds(20)), 0) << yoda.output();
    EXPECT_EQ(obiwan.waitFor(std::chrono::seconds(20)), 0) << obiwan.output();
}

TEST(ClientConfig, ABadLineStopsTheClientNamingFileAndLine) {
    TempDir dir;
    writeFile(dir.file("bad.conf"), "server.port = 4000\nserver.prot = 4001\n");
    auto [code, output] =
        ChildProcess::run(TOOM_CLIENT_BINARY, {"--config", dir.file("bad.conf")}, dir.path());
    EXPECT_EQ(code, 2);
    EXPECT_THAT(output, HasSubstr(dir.file("bad.conf") + ":2: unknown key 'server.prot'"));
}

// The shipped sample, with every setting uncommented, is a valid file.
TEST(ClientConfig, TheSampleIsValidWithEverySettingUncommented) {
    std::ifstream sample(std::string(TOOM_SOURCE_DIR) + "/config/client.conf.sample");
    ASSERT_TRUE(sample) << "config/client.conf.sample";
    std::string all;
    int settings = 0;
    for (std::string line; std::getline(sample, line);) {
        if (line.rfind("#", 0) == 0 && line.find(" = ") != std::string::npos &&
            line.find(' ') > line.find('.')) {
            line.erase(0, 1);
            ++settings;
        }
        all += line + "\n";
    }
    EXPECT_GE(settings, 9);
    TempDir dir;
    writeFile(dir.file("sample.conf"), all);
    // --version runs after the file is read; a bad file would stop it with status 2... but
    // --help and --version deliberately ignore it, so a usage error shows whether it parsed.
    auto [code, output] = ChildProcess::run(
        TOOM_CLIENT_BINARY, {"--config", dir.file("sample.conf"), "--greeting-timeout", "0"},
        dir.path());
    EXPECT_EQ(code, 2);
    EXPECT_THAT(output, HasSubstr("invalid --greeting-timeout"))
        << "the file was refused: " << output;
}

} // namespace
} // namespace toom::test
