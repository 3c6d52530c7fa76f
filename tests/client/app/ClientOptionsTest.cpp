#include "client/app/ClientOptions.h"

#include <gtest/gtest.h>

using namespace toom::client;

namespace {
ParsedArguments parse(std::vector<std::string> args) {
    return parseArguments(args);
}
} // namespace

TEST(ClientOptionsTest, PortOnlyConnectsToLocalhost) {
    auto parsed = parse({"4000"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
    EXPECT_EQ(parsed.options.host, "127.0.0.1");
    EXPECT_EQ(parsed.options.port, 4000);
    EXPECT_EQ(parsed.options.udpPort, 0);
    EXPECT_FALSE(parsed.options.echo);
}

TEST(ClientOptionsTest, AddressAndPort) {
    auto parsed = parse({"10.0.0.7", "6000"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
    EXPECT_EQ(parsed.options.host, "10.0.0.7");
    EXPECT_EQ(parsed.options.port, 6000);
    EXPECT_EQ(parsed.options.udpPort, 0);
}

TEST(ClientOptionsTest, AddressPortAndUdpPort) {
    auto parsed = parse({"127.0.0.1", "4000", "8001"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
    EXPECT_EQ(parsed.options, (ClientOptions{"127.0.0.1", 4000, 8001, false}));
}

TEST(ClientOptionsTest, UdpPortZeroLetsTheSystemPick) {
    auto parsed = parse({"localhost", "4000", "0"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
    EXPECT_EQ(parsed.options.host, "localhost");
    EXPECT_EQ(parsed.options.udpPort, 0);
}

TEST(ClientOptionsTest, EchoMayAppearAnywhere) {
    for (auto args : std::vector<std::vector<std::string>>{{"--echo", "127.0.0.1", "4000"},
                                                           {"127.0.0.1", "--echo", "4000"},
                                                           {"4000", "--echo"}}) {
        auto parsed = parse(args);
        ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
        EXPECT_TRUE(parsed.options.echo);
        EXPECT_EQ(parsed.options.port, 4000);
    }
}

TEST(ClientOptionsTest, HelpWinsOverEverythingElse) {
    EXPECT_EQ(parse({"--help"}).status, ParsedArguments::Status::Help);
    EXPECT_EQ(parse({"-h"}).status, ParsedArguments::Status::Help);
    EXPECT_EQ(parse({"127.0.0.1", "4000", "--help"}).status, ParsedArguments::Status::Help);
    EXPECT_EQ(parse({"--version"}).status, ParsedArguments::Status::Version);
    EXPECT_EQ(parse({"-V"}).status, ParsedArguments::Status::Version);
}

TEST(ClientOptionsTest, WrongArgumentCountsAreErrors) {
    auto none = parse({});
    EXPECT_EQ(none.status, ParsedArguments::Status::Error);
    EXPECT_EQ(none.error, "missing server port");
    auto many = parse({"127.0.0.1", "4000", "8001", "9"});
    EXPECT_EQ(many.status, ParsedArguments::Status::Error);
    EXPECT_EQ(many.error, "too many arguments");
    EXPECT_EQ(parse({"--echo"}).status, ParsedArguments::Status::Error);
}

TEST(ClientOptionsTest, BadServerPortsAreErrors) {
    for (std::string bad : {"0", "65536", "-1", "abc", "40a", "4.0", "+80", " 80", "", "999999"}) {
        auto parsed = parse({"127.0.0.1", bad});
        EXPECT_EQ(parsed.status, ParsedArguments::Status::Error) << "port '" << bad << "'";
    }
    auto parsed = parse({"65536"});
    EXPECT_EQ(parsed.status, ParsedArguments::Status::Error);
    EXPECT_NE(parsed.error.find("1 to 65535"), std::string::npos);
}

TEST(ClientOptionsTest, PortLimitsAreAccepted) {
    EXPECT_EQ(parse({"1"}).options.port, 1);
    EXPECT_EQ(parse({"65535"}).options.port, 65535);
    EXPECT_EQ(parse({"127.0.0.1", "4000", "65535"}).options.udpPort, 65535);
}

TEST(ClientOptionsTest, BadUdpPortsAreErrors) {
    for (std::string bad : {"65536", "x", "-5", "1e3"}) {
        auto parsed = parse({"127.0.0.1", "4000", bad});
        EXPECT_EQ(parsed.status, ParsedArguments::Status::Error) << "udp port '" << bad << "'";
    }
}

TEST(ClientOptionsTest, UnknownOptionsAreErrors) {
    auto parsed = parse({"--verbose", "4000"});
    EXPECT_EQ(parsed.status, ParsedArguments::Status::Error);
    EXPECT_EQ(parsed.error, "unknown option: --verbose");
}

TEST(ClientOptionsTest, EmptyAddressIsAnError) {
    EXPECT_EQ(parse({"", "4000"}).status, ParsedArguments::Status::Error);
}

TEST(ClientOptionsTest, DoubleDashEndsOptions) {
    auto parsed = parse({"--", "4000"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
    EXPECT_EQ(parsed.options.port, 4000);
}

TEST(ClientOptionsTest, ParsePortBounds) {
    EXPECT_EQ(parsePort("0", 0), 0);
    EXPECT_EQ(parsePort("0", 1), -1);
    EXPECT_EQ(parsePort("00080", 1), 80);
    EXPECT_EQ(parsePort("123456", 0), -1);
}

TEST(ClientOptionsTest, UsageNamesBothForms) {
    auto usage = usageText("toom-client");
    EXPECT_NE(usage.find("toom-client [options] <server_ip> <server_port> [<udp_port>]"),
              std::string::npos);
    EXPECT_NE(usage.find("toom-client [options] <server_port>"), std::string::npos);
}

TEST(ClientOptionsTest, PeerToPeerOptionsInBothSpellings) {
    auto parsed = parse({"--download-dir", "/tmp/in", "--max-file-mb=10", "--simulate-loss", "10",
                         "127.0.0.1", "4000", "8001"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run) << parsed.error;
    EXPECT_EQ(parsed.options.downloadDir, "/tmp/in");
    EXPECT_EQ(parsed.options.maxFileMb, 10);
    EXPECT_EQ(parsed.options.simulateLossPercent, 10);
    EXPECT_EQ(parsed.options.udpPort, 8001);
}

TEST(ClientOptionsTest, PeerToPeerDefaults) {
    auto parsed = parse({"4000"});
    EXPECT_EQ(parsed.options.downloadDir, ".");
    EXPECT_EQ(parsed.options.maxFileMb, 4096);
    EXPECT_EQ(parsed.options.simulateLossPercent, 0);
}

TEST(ClientOptionsTest, BadPeerToPeerOptionValuesAreErrors) {
    for (std::vector<std::string> args : {std::vector<std::string>{"--max-file-mb", "0", "4000"},
                                          {"--max-file-mb", "lots", "4000"},
                                          {"--simulate-loss", "51", "4000"},
                                          {"--simulate-loss=-1", "4000"},
                                          {"--download-dir=", "4000"},
                                          {"4000", "--download-dir"}}) {
        EXPECT_EQ(parse(args).status, ParsedArguments::Status::Error) << args.front();
    }
}

TEST(ClientOptionsTest, TimeFormatAndColour) {
    auto parsed = parse({"--time-format", "%H:%M:%S", "--no-colour", "4000"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
    EXPECT_EQ(parsed.options.timeFormat, "%H:%M:%S");
    EXPECT_FALSE(parsed.options.colour);
    EXPECT_FALSE(parse({"--no-color", "4000"}).options.colour);
    auto defaults = parse({"4000"});
    EXPECT_EQ(defaults.options.timeFormat, "%H:%M");
    EXPECT_TRUE(defaults.options.colour);
    auto bad = parse({"--time-format=", "4000"});
    EXPECT_EQ(bad.status, ParsedArguments::Status::Error);
    EXPECT_NE(bad.error.find("--time-format"), std::string::npos) << bad.error;
}

TEST(ClientOptionsTest, NoHistoryKeepsTheEditLineHistoryOutOfTheFile) {
    EXPECT_TRUE(parse({"4000"}).options.history);
    auto parsed = parse({"--no-history", "4000"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run);
    EXPECT_FALSE(parsed.options.history);
}

TEST(ClientOptionsTest, AutoAcceptFilesIsOffUnlessAsked) {
    EXPECT_FALSE(parse({"4000"}).options.autoAcceptFiles);
    auto parsed = parse({"--auto-accept-files", "127.0.0.1", "4000"});
    ASSERT_EQ(parsed.status, ParsedArguments::Status::Run) << parsed.error;
    EXPECT_TRUE(parsed.options.autoAcceptFiles);
    auto usage = usageText("toom-client");
    EXPECT_NE(usage.find("--auto-accept-files"), std::string::npos);
    EXPECT_NE(usage.find("answer y or n, or accept / decline"), std::string::npos);
}
