// toom-client: connects to a Toom server, logs in and runs commands, interactively on a
// terminal or from a script on stdin. See ClientOptions.h for the command line.

#include "client/ClientOptions.h"
#include "client/ClientSession.h"
#include "client/Console.h"
#include "client/ExitCodes.h"
#include "client/History.h"
#include "client/LineEditor.h"
#include "client/ScriptInput.h"
#include "client/TcpTransport.h"
#include "client/Terminal.h"

#include <Poco/Exception.h>
#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>

#include <csignal>
#include <exception>
#include <iostream>
#include <memory>
#include <unistd.h>

using namespace toom::client;

namespace {
int runSession(const ClientOptions& options, TcpTransport& transport, int udpPort) {
    bool interactive = Terminal::isTerminal(STDIN_FILENO);
    ClientSession::Settings settings{udpPort};
    if (!interactive) {
        Console console(std::cout, false);
        ScriptInput input(STDIN_FILENO, console, options.echo);
        ClientSession session(transport, input, console, settings);
        return session.run();
    }
    // Declared first so that it is destroyed last: the terminal is restored after everything
    // else, whichever way this function is left.
    Terminal terminal(STDIN_FILENO);
    Console console(std::cout, true, [&terminal] { return terminal.columns(); });
    History history;
    LineEditor editor(STDIN_FILENO, terminal, console, history);
    terminal.waitMode();
    ClientSession session(transport, editor, console, settings);
    return session.run();
}
} // namespace

int main(int argc, char** argv) {
    // A write to a socket the server has closed must fail with EPIPE, not kill the client.
    std::signal(SIGPIPE, SIG_IGN);
    const std::string program = "toom-client";
    auto parsed = parseArguments(std::vector<std::string>(argv + 1, argv + argc));
    if (parsed.status == ParsedArguments::Status::Help) {
        std::cout << usageText(program);
        return exitcode::kOk;
    }
    if (parsed.status == ParsedArguments::Status::Error) {
        std::cerr << program << ": " << parsed.error << "\n" << usageText(program);
        return exitcode::kSetup;
    }
    const ClientOptions& options = parsed.options;

    // The UDP socket is bound for the whole session: peers send files to it, and the server
    // learns its port from UDPPORT.
    Poco::Net::DatagramSocket udp;
    int udpPort = 0;
    try {
        udp.bind(Poco::Net::SocketAddress("0.0.0.0", static_cast<Poco::UInt16>(options.udpPort)));
        udpPort = udp.address().port();
    } catch (const Poco::Exception& e) {
        std::cerr << program << ": cannot bind UDP port " << options.udpPort << ": "
                  << e.displayText() << "\n";
        return exitcode::kSetup;
    }

    std::unique_ptr<TcpTransport> transport;
    const std::string where = options.host + ":" + std::to_string(options.port);
    try {
        transport = std::make_unique<TcpTransport>(
            Poco::Net::SocketAddress(options.host, static_cast<Poco::UInt16>(options.port)));
    } catch (const Poco::Net::ConnectionRefusedException&) {
        std::cerr << program << ": cannot connect to " << where
                  << ": connection refused (is the server running?)\n";
        return exitcode::kSetup;
    } catch (const Poco::Exception& e) {
        std::cerr << program << ": cannot connect to " << where << ": " << e.displayText() << "\n";
        return exitcode::kSetup;
    }

    try {
        return runSession(options, *transport, udpPort);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return exitcode::kConnectionLost;
    }
}
