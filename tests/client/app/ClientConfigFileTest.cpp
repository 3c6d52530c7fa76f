// The config file: every key, the defaults it leaves alone, and a clear error naming the file
// and the line for every kind of bad line.

#include "client/app/ClientConfigFile.h"

#include <gtest/gtest.h>

using namespace toom::client;

namespace {

std::optional<std::string> applyText(const std::string& text, ClientOptions& options) {
    return applyConfig(text, "client.conf", options, "/home/yoda");
}

TEST(ClientConfigFile, EveryKeyIsApplied) {
    ClientOptions options;
    const auto error = applyText("# Toom\n"
                                 "; also a comment\n"
                                 "\n"
                                 "server.host = chat.example.org\n"
                                 "server.port=4100\n"
                                 "  login.username =  yoda  \n"
                                 "display.colour = off\n"
                                 "display.time_format = %H:%M:%S\n"
                                 "files.download_dir = ~/Downloads\n"
                                 "files.auto_accept = yes\n"
                                 "connection.reconnect = false\n"
                                 "connection.greeting_timeout = 3\r\n",
                                 options);
    ASSERT_FALSE(error) << *error;
    EXPECT_EQ(options.host, "chat.example.org");
    EXPECT_EQ(options.port, 4100);
    EXPECT_EQ(options.username, "yoda");
    EXPECT_FALSE(options.colour);
    EXPECT_EQ(options.timeFormat, "%H:%M:%S");
    EXPECT_EQ(options.downloadDir, "/home/yoda/Downloads");
    EXPECT_TRUE(options.autoAcceptFiles);
    EXPECT_FALSE(options.reconnect);
    EXPECT_EQ(options.greetingTimeoutSeconds, 3);
}

TEST(ClientConfigFile, AnEmptyFileChangesNothing) {
    ClientOptions options;
    EXPECT_FALSE(applyText("", options));
    EXPECT_TRUE(options == ClientOptions());
}

TEST(ClientConfigFile, BadLinesNameTheFileAndTheLine) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"server.port = 4000\njust words\n",
         "client.conf:2: expected key = value, not 'just words'"},
        {"server.prot = 4000\n", "client.conf:1: unknown key 'server.prot'"},
        {"server.port = 70000\n", "client.conf:1: server.port: expected a port from 1 to 65535"},
        {"display.colour = maybe\n", "client.conf:1: display.colour: expected on or off"},
        {"display.time_format = \n", "client.conf:1: no value for display.time_format"},
        {"connection.greeting_timeout = 0\n", "client.conf:1: connection.greeting_timeout:"},
        {"login.username = two words\n", "client.conf:1: login.username: a username has no"},
        {"\n\nlogin.password = secret\n", "client.conf:3: passwords are never read from a file"},
    };
    for (const auto& [text, expected] : cases) {
        ClientOptions options;
        const auto error = applyText(text, options);
        ASSERT_TRUE(error) << text;
        EXPECT_EQ(error->rfind(expected, 0), 0u) << *error;
    }
}

TEST(ClientConfigFile, AHugeFileIsRefusedNotRead) {
    ClientOptions options;
    const auto error = applyText(std::string(100 * 1024, '#'), options);
    ASSERT_TRUE(error);
    EXPECT_NE(error->find("too large"), std::string::npos);
}

TEST(ClientConfigFile, BinaryGarbageIsAnErrorNotACrash) {
    ClientOptions options;
    std::string garbage;
    for (int i = 0; i < 512; ++i)
        garbage += static_cast<char>((i * 37) % 256);
    EXPECT_TRUE(applyText(garbage, options));
}

TEST(ClientConfigFile, TheDefaultPathFollowsXdg) {
    EXPECT_EQ(defaultConfigPath("/x", "/home/y"), "/x/toom/client.conf");
    EXPECT_EQ(defaultConfigPath("", "/home/y"), "/home/y/.config/toom/client.conf");
    EXPECT_EQ(defaultConfigPath(nullptr, "/home/y"), "/home/y/.config/toom/client.conf");
    EXPECT_EQ(defaultConfigPath(nullptr, nullptr), "");
}

TEST(ClientConfigFile, ConfigArgumentIsFoundBeforeTheOptionsEnd) {
    EXPECT_EQ(configArgument({"--config", "a.conf", "4000"}), "a.conf");
    EXPECT_EQ(configArgument({"--config=b.conf"}), "b.conf");
    EXPECT_FALSE(configArgument({"4000"}));
    EXPECT_FALSE(configArgument({"--", "--config", "c.conf"}));
}

TEST(ClientConfigFile, AMissingFileIsFineUnlessNamed) {
    ClientOptions options;
    EXPECT_FALSE(loadConfigFile("/nonexistent/toom/client.conf", false, options, nullptr));
    auto error = loadConfigFile("/nonexistent/toom/client.conf", true, options, nullptr);
    ASSERT_TRUE(error);
    EXPECT_EQ(*error, "cannot read the config file /nonexistent/toom/client.conf");
}

TEST(ClientConfigFile, TheCommandLineOverridesTheFile) {
    ClientOptions defaults;
    ASSERT_FALSE(applyText("server.host = 10.0.0.9\nserver.port = 4100\n"
                           "display.time_format = %H\nconnection.reconnect = off\n",
                           defaults));
    auto fromFile = parseArguments({}, defaults);
    ASSERT_EQ(fromFile.status, ParsedArguments::Status::Run) << fromFile.error;
    EXPECT_EQ(fromFile.options.host, "10.0.0.9");
    EXPECT_EQ(fromFile.options.port, 4100);

    auto overridden = parseArguments({"--time-format", "%M", "--reconnect", "--config", "x.conf",
                                      "--greeting-timeout=2", "5000"},
                                     defaults);
    ASSERT_EQ(overridden.status, ParsedArguments::Status::Run) << overridden.error;
    EXPECT_EQ(overridden.options.host, "10.0.0.9") << "only the port given: the file's host";
    EXPECT_EQ(overridden.options.port, 5000);
    EXPECT_EQ(overridden.options.timeFormat, "%M");
    EXPECT_TRUE(overridden.options.reconnect);
    EXPECT_EQ(overridden.options.greetingTimeoutSeconds, 2);
}

TEST(ClientConfigFile, WithoutAPortAnywhereThePortIsMissing) {
    auto parsed = parseArguments({}, ClientOptions());
    EXPECT_EQ(parsed.status, ParsedArguments::Status::Error);
    EXPECT_EQ(parsed.error, "missing server port");
}

TEST(ClientConfigFile, BadNewOptionsAreUsageErrors) {
    EXPECT_EQ(parseArguments({"--greeting-timeout", "0", "4000"}).status,
              ParsedArguments::Status::Error);
    EXPECT_EQ(parseArguments({"--config=", "4000"}).status, ParsedArguments::Status::Error);
    EXPECT_FALSE(parseArguments({"--no-reconnect", "4000"}).options.reconnect);
}

} // namespace
