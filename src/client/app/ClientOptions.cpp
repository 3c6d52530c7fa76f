#include "client/app/ClientOptions.h"

#include "client/session/EventFormatter.h"

#include <optional>

namespace toom::client {

int parsePort(const std::string& text, int minimum) {
    // Digits only: "+80", " 80", "80abc" and "8.0" are typos, not ports. Six digits is
    // already out of range, which also keeps the accumulation from overflowing.
    if (text.empty() || text.size() > 5)
        return -1;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    if (value < minimum || value > 65535)
        return -1;
    return value;
}

namespace {
/// A decimal integer within [minimum, maximum], or nothing.
std::optional<int> boundedNumber(const std::string& text, int minimum, int maximum) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != text.npos)
        return std::nullopt;
    const int value = std::stoi(text);
    if (value < minimum || value > maximum)
        return std::nullopt;
    return value;
}
} // namespace

std::optional<int> parseGreetingTimeout(const std::string& text) {
    return boundedNumber(text, 1, 600);
}

ParsedArguments parseArguments(const std::vector<std::string>& args,
                               const ClientOptions& defaults) {
    ParsedArguments result;
    result.options = defaults;
    std::vector<std::string> positional;
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        // Options with a value: "--name value" or "--name=value".
        auto valueOf = [&](const std::string& name) -> std::optional<std::string> {
            if (optionsEnded)
                return std::nullopt;
            if (arg == name && i + 1 < args.size())
                return args[++i];
            if (arg.rfind(name + "=", 0) == 0)
                return arg.substr(name.size() + 1);
            return std::nullopt;
        };
        if (auto dir = valueOf("--download-dir")) {
            if (dir->empty()) {
                result.error = "empty --download-dir";
                return result;
            }
            result.options.downloadDir = *dir;
        } else if (auto mb = valueOf("--max-file-mb")) {
            auto value = boundedNumber(*mb, 1, 1 << 20);
            if (!value) {
                result.error = "invalid --max-file-mb '" + *mb + "': expected 1 to 1048576";
                return result;
            }
            result.options.maxFileMb = *value;
        } else if (auto format = valueOf("--time-format")) {
            if (auto refused = EventFormatter::checkTimeFormat(*format)) {
                result.error = "invalid --time-format '" + *format + "': " + *refused;
                return result;
            }
            result.options.timeFormat = *format;
        } else if (auto loss = valueOf("--simulate-loss")) {
            auto value = boundedNumber(*loss, 0, 50);
            if (!value) {
                result.error = "invalid --simulate-loss '" + *loss + "': expected 0 to 50";
                return result;
            }
            result.options.simulateLossPercent = *value;
        } else if (auto config = valueOf("--config")) {
            // Read before the rest (ClientConfigFile.h); only checked here.
            if (config->empty()) {
                result.error = "empty --config";
                return result;
            }
        } else if (auto seconds = valueOf("--greeting-timeout")) {
            auto value = parseGreetingTimeout(*seconds);
            if (!value) {
                result.error = "invalid --greeting-timeout '" + *seconds + "': expected 1 to 600";
                return result;
            }
            result.options.greetingTimeoutSeconds = *value;
        } else if (auto ca = valueOf("--tls-ca")) {
            if (ca->empty()) {
                result.error = "empty --tls-ca";
                return result;
            }
            result.options.tls = true;
            result.options.tlsCaFile = *ca;
        } else if (!optionsEnded && arg == "--tls") {
            result.options.tls = true;
        } else if (!optionsEnded && arg == "--tls-insecure") {
            result.options.tls = true;
            result.options.tlsInsecure = true;
        } else if (!optionsEnded && (arg == "--reconnect" || arg == "--no-reconnect")) {
            result.options.reconnect = arg == "--reconnect";
        } else if (!optionsEnded && arg == "--") {
            optionsEnded = true;
        } else if (!optionsEnded && (arg == "--help" || arg == "-h")) {
            result.status = ParsedArguments::Status::Help;
            return result;
        } else if (!optionsEnded && (arg == "--version" || arg == "-V")) {
            result.status = ParsedArguments::Status::Version;
            return result;
        } else if (!optionsEnded && (arg == "--no-colour" || arg == "--no-color")) {
            result.options.colour = false;
        } else if (!optionsEnded && arg == "--no-history") {
            result.options.history = false;
        } else if (!optionsEnded && arg == "--echo") {
            result.options.echo = true;
        } else if (!optionsEnded && arg == "--auto-accept-files") {
            result.options.autoAcceptFiles = true;
        } else if (!optionsEnded && arg.size() > 1 && arg[0] == '-') {
            result.error = "unknown option: " + arg;
            return result;
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.size() > 3) {
        result.error = "too many arguments";
        return result;
    }
    if (positional.empty()) {
        // The config file may name the server; then no argument is needed.
        if (defaults.port == 0) {
            result.error = "missing server port";
            return result;
        }
        result.status = ParsedArguments::Status::Run;
        return result;
    }
    std::size_t portIndex = 0;
    if (positional.size() >= 2) {
        if (positional[0].empty()) {
            result.error = "empty server address";
            return result;
        }
        result.options.host = positional[0];
        portIndex = 1;
    }
    result.options.port = parsePort(positional[portIndex], 1);
    if (result.options.port < 0) {
        result.error = "invalid server port '" + positional[portIndex] +
                       "': expected an integer from 1 to 65535";
        return result;
    }
    if (positional.size() == 3) {
        result.options.udpPort = parsePort(positional[2], 0);
        if (result.options.udpPort < 0) {
            result.error = "invalid UDP port '" + positional[2] +
                           "': expected an integer from 0 to 65535 (0 = any free port)";
            return result;
        }
    }
    result.status = ParsedArguments::Status::Run;
    return result;
}

std::string usageText(const std::string& program) {
    return "Usage: " + program +
           " [options] <server_ip> <server_port> [<udp_port>]\n"
           "       " +
           program +
           " [options] <server_port>\n"
           "       " +
           program +
           " [options]           (server.host and server.port from the config file)\n"
           "\n"
           "Connects to a Toom server (when only the port is given: the config file's\n"
           "server.host, else 127.0.0.1) and logs in.\n"
           "<udp_port> is the local UDP port for peer-to-peer transfers (0 or omitted: any\n"
           "free port).\n"
           "\n"
           "On a terminal the client edits lines interactively; otherwise it reads the\n"
           "username, the password and then one command per line from stdin. With\n"
           "TERM=dumb (or unset), or output that is not a terminal, it writes no escape\n"
           "sequences: plain prompts, the terminal's own line editing, no password echo.\n"
           "On a terminal every line starts with the local time, and what arrives says\n"
           "where it came from: [msg] a private message, [board #7] a board post, [#jedi]\n"
           "a group, [room 3] a room, -- presence and invitations. Names have colours of\n"
           "their own; your name in someone's message is highlighted and rings the bell,\n"
           "as a private message does. Scripts (stdin not a terminal) see the server's\n"
           "text unchanged.\n"
           "\n"
           "Files from peers (UPD, /p2pvideo, SENDFILE to you) are asked about first:\n"
           "answer y or n, or accept / decline [<number>|<user>|<file>] (needed when a\n"
           "private messaging request waits too; acceptprivate / declineprivate answer\n"
           "that). A script answers the same way, or passes --auto-accept-files. The seed\n"
           "profiles accept every file, as their specifications do. A received file is\n"
           "saved as <sender>_<name>, never over an existing file: \"yoda_big (1).bin\".\n"
           "\n"
           "irssi habits: /msg <user> <text>, /query <user> (plain lines then go to that\n"
           "user; /query alone ends it), /me <action>, /join <group>, /part [group],\n"
           "/names [group], /whois <user>, /quit. HELP /query explains one.\n"
           "\n"
           "The edit line: up/down recall earlier commands, kept between runs in\n"
           "$XDG_STATE_HOME/toom/history (default ~/.local/state/toom/history; never the\n"
           "password). Ctrl-R searches them (Ctrl-R again: older; Enter runs; Esc or\n"
           "Ctrl-G cancels). Tab completes commands, online users and groups; a second\n"
           "Tab lists them. A paste of several lines asks before anything is sent:\n"
           "(s)end each line as typed (after what stands before the cursor, e.g.\n"
           "\"PM obiwan \"), (o)ne line on the edit line, or (c)ancel.\n"
           "\n"
           "Options:\n"
           "  --echo               in scripted mode, print each prompt and the line read\n"
           "  --download-dir DIR   save files received from peers in DIR (default: .)\n"
           "  --max-file-mb N      refuse files from peers larger than N MiB (default 4096)\n"
           "  --auto-accept-files  receive every file offered without asking\n"
           "  --time-format FMT    the time column's strftime format (default %H:%M)\n"
           "  --no-colour          no colour (also: the NO_COLOR environment variable)\n"
           "  --no-history         keep no history file (the edit line still recalls\n"
           "                       this run's commands)\n"
           "  --simulate-loss P    testing aid: drop, duplicate and reorder P% of the\n"
           "                       peer-to-peer datagrams, each way (0 to 50)\n"
           "  --config FILE        read FILE instead of $XDG_CONFIG_HOME/toom/client.conf\n"
           "                       (~/.config/toom/client.conf); options here win over it\n"
           "  --no-reconnect       on a terminal, end when the connection drops instead of\n"
           "                       reconnecting (--reconnect: the default)\n"
           "  --greeting-timeout S a server silent S seconds after the connect is not a\n"
           "                       Toom server (default 10, 1 to 600)\n"
           "  --tls                speak TLS to the server's TLS port, verifying its\n"
           "                       certificate against the system's CAs and the host name\n"
           "  --tls-ca FILE        with --tls: trust the CA (or self-signed certificate)\n"
           "                       in PEM FILE instead of the system's\n"
           "  --tls-insecure       with --tls: do not verify the certificate (a warning\n"
           "                       is printed; anyone in the middle can read along)\n"
           "  --help               show this help\n"
           "  --version            print the version\n"
           "\n"
           "When the connection drops on a terminal, the client keeps the line being typed,\n"
           "reconnects after 1, 2, 4 ... s (at most 30 s apart, 10 attempts, 5 minutes)\n"
           "and logs in again with the name and password typed at the start (kept in\n"
           "memory only). Scripts (stdin not a terminal) are not reconnected: they end as\n"
           "before, with status 3 when the connection is lost.\n"
           "\n"
           "Config file keys (key = value; see client.conf.sample): server.host,\n"
           "server.port, login.username (offered at the Username prompt), display.colour,\n"
           "display.time_format, files.download_dir, files.auto_accept,\n"
           "connection.reconnect, connection.greeting_timeout, server.tls, server.tls_ca,\n"
           "server.tls_insecure. Never a password.\n"
           "\n"
           "Exit status: 0 logout or end of input, 1 login refused (account blocked, or\n"
           "logging in again after a reconnect refused), 2 usage, config or connection\n"
           "error (also: no Toom greeting in time), 3 connection lost, 4 reconnecting gave\n"
           "up.\n";
}

} // namespace toom::client
