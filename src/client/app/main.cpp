// toom-client: connects to a Toom server, logs in and runs commands, interactively on a
// terminal or from a script on stdin. See ClientOptions.h for the command line.

#include "client/app/AnswerRouting.h"
#include "client/app/ClientConfigFile.h"
#include "client/app/ClientOptions.h"
#include "client/app/FileTransferBridge.h"
#include "client/app/PrivateChatBridge.h"
#include "client/session/ClientSession.h"
#include "client/session/CompletionFeed.h"
#include "client/session/EventFormatter.h"
#include "client/session/ExitCodes.h"
#include "client/session/IrcHabits.h"
#include "client/session/TcpTransport.h"
#include "client/session/TlsTransport.h"
#include "client/terminal/Console.h"
#include "client/terminal/CookedLineInput.h"
#include "client/terminal/History.h"
#include "client/terminal/HistoryFile.h"
#include "client/terminal/LineEditor.h"
#include "client/terminal/ScriptInput.h"
#include "client/terminal/Terminal.h"
#include "common/Profile.h"
#include "common/Protocol.h"
#include "common/Version.h"
#include "p2p/chat/PrivateChats.h"
#include "p2p/transfer/UdpChannel.h"

#include <Poco/Exception.h>
#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Path.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

using namespace toom::client;

namespace {
/// What the peer-to-peer parts need from main: the bound UDP socket and the options.
struct PeerSetup {
    Poco::Net::DatagramSocket udp;
    const ClientOptions& options;
};

FileTransferBridge::Options transferOptions(const ClientOptions& options) {
    FileTransferBridge::Options o;
    // Absolute, so that messages name the real place and "." survives Poco's path handling.
    o.inbox.downloadDir = Poco::Path(options.downloadDir).makeAbsolute().toString();
    o.inbox.maxFileSize = static_cast<std::uint64_t>(options.maxFileMb) << 20;
    o.simulateLossPercent = options.simulateLossPercent;
    o.autoAccept = options.autoAcceptFiles;
    return o;
}

/// One of the seeds' built-in profiles (not the default, not a name this client does not know).
bool isSeedProfile(const std::string& name) {
    auto known = toom::findProfile(name);
    return known && known->name != toom::defaultProfile().name;
}

std::string serverName(const ClientOptions& options) {
    return options.host + ":" + std::to_string(options.port);
}

/// The connection to the server: TCP, or TLS with --tls. Throws Poco::Exception.
struct Connected {
    std::unique_ptr<LineTransport> transport;
    Poco::Net::SocketAddress local; ///< Our end: what the server (and so our peers) see.
};
Connected connectToServer(const ClientOptions& options) {
    if (options.tls) {
        TlsClientOptions tls;
        tls.verify = !options.tlsInsecure;
        tls.caFile = options.tlsCaFile;
        auto transport = std::make_unique<TlsTransport>(options.host, options.port, tls,
                                                        options.greetingTimeoutSeconds);
        const Poco::Net::SocketAddress local = transport->localAddress();
        return {std::move(transport), local};
    }
    auto transport = std::make_unique<TcpTransport>(
        Poco::Net::SocketAddress(options.host, static_cast<Poco::UInt16>(options.port)),
        options.greetingTimeoutSeconds);
    const Poco::Net::SocketAddress local = transport->localAddress();
    return {std::move(transport), local};
}

/// Connection-level settings: the greeting deadline always; on a terminal (`interactive`) the
/// suggested username and reconnecting. Scripts keep failing fast (exit 3) on a lost
/// connection, so that whatever runs them sees it.
void configureConnection(ClientSession& session, const ClientOptions& options, bool interactive) {
    session.expectGreetingWithin(std::chrono::seconds(options.greetingTimeoutSeconds),
                                 serverName(options));
    if (!interactive)
        return;
    if (!options.username.empty())
        session.suggestUsername(options.username);
    if (!options.reconnect)
        return;
    ClientSession::Reconnect reconnect;
    reconnect.connect = [options] { // A copy: TLS or not, verified as the first connect was.
        try {
            return connectToServer(options).transport;
        } catch (const Poco::Exception& e) {
            throw std::runtime_error(e.displayText());
        }
    };
    reconnect.random = [engine = std::minstd_rand(std::random_device{}())]() mutable {
        return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
    };
    session.reconnectWith(std::move(reconnect));
}

/// Runs one session with everything around it: the direct private chats (listening before
/// login, so that the port can be announced), the file transfers on the UDP port, and the
/// console they all print to. When the session ends the chats are closed first (the peers
/// hear of it at once), then the transfers are waited for; the console and terminal go last.
int runWith(Console& console, InputSource& input, Connected& server, PeerSetup& peer,
            EventFormatter* formatter = nullptr, CompletionFeed* completion = nullptr) {
    LineTransport& transport = *server.transport;
    toom::p2p::chat::PrivateChats chats(
        "", [&console](std::string_view text) { console.printLine(text); });
    int chatPort = 0;
    try {
        // On the address the server sees us at, which is what it tells our peers.
        chatPort = chats.listen(server.local.host(), 0);
    } catch (const Poco::Exception& e) {
        // Everything else still works; the server refuses private chats with this client.
        console.printLine("Private messaging is unavailable: " + e.displayText());
    }
    toom::p2p::transfer::UdpChannel udp(peer.udp);
    ClientSession session(transport, input, console,
                          {static_cast<int>(peer.udp.address().port()), chatPort});
    if (formatter)
        session.formatEventsWith(*formatter);
    if (completion)
        completion->attach(session);
    configureConnection(session, peer.options, formatter != nullptr);
    IrcHabits habits(formatter != nullptr); // HELP laid out for reading on a terminal only.
    habits.install(session.hooks());
    session.decoratePrompt([&habits](const std::string& prompt) { return habits.prompt(prompt); });
    FileTransferBridge files(udp, console, transferOptions(peer.options));
    files.install(session.hooks(), session.events());
    PrivateChatBridge privateChats(chats, console);
    privateChats.install(session.hooks(), session.events());
    installAnswerRouting(session.hooks(), privateChats, files); // y/n: a chat's, or a file's
    // Both keep their own copy: their threads must not read the session's, which the main
    // thread writes. The seed profiles receive files without asking.
    session.onLoggedIn([&chats, &files, &session](const std::string& username) {
        chats.setUser(username);
        files.setUser(username, isSeedProfile(session.profile().name));
    });
    const int code = session.run();
    chats.closeAll(); // First: the peers hear of it at once, and nothing more is printed.
    files.finish();
    return code;
}

// Whether the screen takes the edit line's escape sequences: standard output is a terminal
// and TERM names one (unset, empty or "dumb" says it takes none, as in Emacs' shell buffers).
bool acceptsEscapes() {
    const char* term = std::getenv("TERM");
    return Terminal::isTerminal(STDOUT_FILENO) && term != nullptr && *term != '\0' &&
           std::string_view(term) != "dumb";
}

// NO_COLOR (no-color.org): present and not empty turns colour off, whatever the terminal.
bool noColourRequested() {
    const char* value = std::getenv("NO_COLOR");
    return value != nullptr && *value != '\0';
}

/// A terminal's decoration: the time column always, colour and bell only where escape
/// sequences (and a BEL) are welcome.
Console::Decoration terminalDecoration(const EventFormatter& formatter, bool takesEscapes,
                                       bool colour) {
    Console::Decoration decoration;
    decoration.colour = takesEscapes && colour && !noColourRequested();
    decoration.bell = takesEscapes;
    decoration.stamp = [&formatter] {
        const std::time_t now = std::time(nullptr);
        return formatter.timeColumn(now, now);
    };
    return decoration;
}

/// The history file, loaded into `history` and kept up to date from it; none with --no-history
/// or without a home directory.
std::unique_ptr<HistoryFile> keepHistory(History& history, const ClientOptions& options) {
    if (!options.history)
        return nullptr;
    auto path = HistoryFile::defaultPath(std::getenv("XDG_STATE_HOME"), std::getenv("HOME"));
    if (!path)
        return nullptr;
    auto file = std::make_unique<HistoryFile>(*path);
    file->loadInto(history); // An unreadable file leaves this run's history empty.
    file->attach(history);
    return file;
}

int runSession(Connected& transport, PeerSetup& peer) {
    bool interactive = Terminal::isTerminal(STDIN_FILENO);
    if (!interactive) {
        Console console(std::cout, false);
        ScriptInput input(STDIN_FILENO, console, peer.options.echo);
        return runWith(console, input, transport, peer);
    }
    // Declared first so that it is destroyed last: the terminal is restored after everything
    // else, whichever way this function is left.
    Terminal terminal(STDIN_FILENO);
    EventFormatter formatter(peer.options.timeFormat);
    if (!acceptsEscapes()) {
        // No edit line: its cursor moves and redraws would reach the screen as garbage.
        Console console(std::cout, false);
        console.decorate(terminalDecoration(formatter, false, false));
        CookedLineInput input(STDIN_FILENO, terminal, console);
        return runWith(console, input, transport, peer, &formatter);
    }
    Console console(std::cout, true, [&terminal] { return terminal.columns(); });
    console.decorate(terminalDecoration(formatter, true, peer.options.colour));
    History history;
    const auto historyFile = keepHistory(history, peer.options);
    LineEditor editor(STDIN_FILENO, terminal, console, history);
    CompletionFeed completion(IrcHabits::commandShapes());
    editor.completeWith(completion);
    terminal.bracketedPaste(STDOUT_FILENO);
    terminal.waitMode();
    return runWith(console, editor, transport, peer, &formatter, &completion);
}
} // namespace

int main(int argc, char** argv) {
    // A write to a socket the server has closed must fail with EPIPE, not kill the client.
    std::signal(SIGPIPE, SIG_IGN);
    const std::string program = "toom-client";
    const std::vector<std::string> args(argv + 1, argv + argc);
    // The config file first: it gives the defaults that the arguments override.
    ClientOptions defaults;
    const auto namedConfig = configArgument(args);
    const std::string configPath =
        namedConfig ? *namedConfig
                    : defaultConfigPath(std::getenv("XDG_CONFIG_HOME"), std::getenv("HOME"));
    const auto configError =
        loadConfigFile(configPath, namedConfig.has_value(), defaults, std::getenv("HOME"));
    auto parsed = parseArguments(args, defaults);
    if (parsed.status == ParsedArguments::Status::Help) {
        std::cout << usageText(program);
        return exitcode::kOk;
    }
    if (parsed.status == ParsedArguments::Status::Version) {
        std::cout << program << " " << toom::kVersion << " (protocol "
                  << toom::protocol::kNameAndVersion << ")\n";
        return exitcode::kOk;
    }
    if (configError) { // After --help and --version, which a broken file must not block.
        std::cerr << program << ": " << *configError << "\n";
        return exitcode::kSetup;
    }
    if (parsed.status == ParsedArguments::Status::Error) {
        std::cerr << program << ": " << parsed.error << "\n" << usageText(program);
        return exitcode::kSetup;
    }
    const ClientOptions& options = parsed.options;

    // The UDP socket is bound for the whole session: peers send files to it, and the server
    // learns its port from UDPPORT.
    PeerSetup peer{Poco::Net::DatagramSocket(), options};
    try {
        peer.udp.bind(
            Poco::Net::SocketAddress("0.0.0.0", static_cast<Poco::UInt16>(options.udpPort)));
    } catch (const Poco::Exception& e) {
        std::cerr << program << ": cannot bind UDP port " << options.udpPort << ": "
                  << e.displayText() << "\n";
        return exitcode::kSetup;
    }

    Connected transport;
    const std::string where = serverName(options);
    if (options.tls && options.tlsInsecure)
        std::cerr << program << ": warning: --tls-insecure: the server's certificate is not "
                  << "verified; anyone in the middle can read and change what is sent\n";
    try {
        transport = connectToServer(options);
    } catch (const Poco::Net::ConnectionRefusedException&) {
        std::cerr << program << ": cannot connect to " << where
                  << ": connection refused (is the server running?)\n";
        return exitcode::kSetup;
    } catch (const Poco::Exception& e) {
        std::cerr << program << ": cannot connect to " << where << ": " << e.displayText() << "\n";
        return exitcode::kSetup;
    }

    try {
        return runSession(transport, peer);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return exitcode::kConnectionLost;
    }
}
