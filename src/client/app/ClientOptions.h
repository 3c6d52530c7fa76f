#pragma once
// The toom-client command line:
//   toom-client <server_ip> <server_port> [<udp_port>]
//   toom-client <server_port>              (server on 127.0.0.1)
// plus --echo, --download-dir, --max-file-mb, --auto-accept-files, --time-format, --no-colour,
// --no-history, --simulate-loss, --config, --reconnect/--no-reconnect, --greeting-timeout,
// --tls, --tls-ca, --tls-insecure, --help and --version. The config file (ClientConfigFile.h) gives
// the defaults the command line overrides.

#include <optional>
#include <string>
#include <vector>

namespace toom::client {

/// The settings taken from the config file and the command line.
struct ClientOptions {
    std::string host = "127.0.0.1"; ///< Server address (IP or host name).
    int port = 0;                   ///< Server TCP port, 1-65535.
    int udpPort = 0;                ///< Local UDP port to bind; 0 = the OS picks.
    bool echo = false;              ///< Scripted mode: print each prompt and the line read.
    std::string downloadDir = ".";  ///< Where received files are saved.
    int maxFileMb = 4096;           ///< Largest file accepted from a peer, in MiB.
    /// Receive files offered by peers without asking (the seed profiles always do); also config
    /// files.auto_accept.
    bool autoAcceptFiles = false;
    /// The time column's strftime(3) format on a terminal.
    std::string timeFormat = "%H:%M";
    /// Colour on a terminal that takes escape sequences; off with --no-colour or NO_COLOR.
    bool colour = true;
    /// On a terminal, keep the edit line's history in $XDG_STATE_HOME/toom/history; off with
    /// --no-history.
    bool history = true;
    /// Testing aid: drop, duplicate and reorder this percentage of P2P datagrams each way.
    int simulateLossPercent = 0;
    /// Offered at the first Username prompt on a terminal (config login.username).
    std::string username = {};
    /// On a terminal, reconnect and log in again when the connection drops.
    bool reconnect = true;
    /// A server that sends no greeting this long after the connect is not a Toom server.
    int greetingTimeoutSeconds = 10;
    /// Speak TLS to the server (its tls.port), verifying its certificate and host name.
    bool tls = false;
    /// PEM file of the CA or self-signed certificate to trust instead of the system's (--tls-ca).
    std::string tlsCaFile = {};
    /// Skip the verification (--tls-insecure; a warning says so).
    bool tlsInsecure = false;
    bool operator==(const ClientOptions&) const = default;
};

/// The outcome of parsing the arguments.
struct ParsedArguments {
    enum class Status {
        Run,     ///< `options` are valid.
        Help,    ///< --help: print usage to stdout, exit 0.
        Version, ///< --version: print the version to stdout, exit 0.
        Error    ///< `error` says what is wrong: print it and the usage to stderr, exit 2.
    };
    Status status = Status::Error;
    ClientOptions options;
    std::string error;
};

/// Parses the arguments after the program name, over `defaults` (from the config file). The
/// server port may then be left out when `defaults` has one.
ParsedArguments parseArguments(const std::vector<std::string>& args,
                               const ClientOptions& defaults = {});

/// Parses a greeting timeout: whole seconds from 1 to 600.
std::optional<int> parseGreetingTimeout(const std::string& text);

/// Parses a port number: decimal digits only, within [minimum, 65535]. -1 if invalid.
int parsePort(const std::string& text, int minimum);

/// The usage text, naming the program `program`.
std::string usageText(const std::string& program);

} // namespace toom::client
