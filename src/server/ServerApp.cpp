#include "server/ServerApp.h"

#include "common/Protocol.h"
#include "common/Version.h"
#include "server/ServerConfig.h"
#include "server/ToomServer.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/LoggingRegistry.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <csignal>
#include <iostream>
#include <pthread.h>

namespace toom {

using Poco::Util::Application;
using Poco::Util::Option;
using Poco::Util::OptionSet;

namespace {

/// The signals main() waits for. They are blocked in the main thread before any other thread
/// starts, so every thread inherits the mask and only sigwait() in main() ever takes them (a
/// SIGHUP would otherwise kill the process: its default action is to terminate).
sigset_t handledSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGQUIT, SIGTERM, SIGHUP})
        sigaddset(&set, sig);
    return set;
}

/// Closes every FileChannel the logging configuration made; Poco's FileChannel opens its file
/// again on the next message, so a log moved away by logrotate is followed by a new one.
std::size_t reopenLogFiles(const Poco::Util::AbstractConfiguration& config) {
    std::vector<std::string> channels;
    config.keys("logging.channels", channels);
    std::size_t reopened = 0;
    for (const auto& name : channels) {
        const std::string cls = config.getString("logging.channels." + name + ".class", "");
        if (cls != "FileChannel" && cls != "Poco::FileChannel")
            continue;
        try {
            Poco::LoggingRegistry::defaultRegistry().channelForName(name)->close();
            ++reopened;
        } catch (const Poco::NotFoundException&) {
            // Configured but never made (no logger uses it).
        }
    }
    return reopened;
}

bool parsePort(const std::string& text, int& port) {
    int value = 0;
    if (!Poco::NumberParser::tryParse(text, value) || value < 1 || value > 65535)
        return false;
    port = value;
    return true;
}
} // namespace

ServerApp::ServerApp() {
    setUnixOptions(true);
}

void ServerApp::initialize(Application& self) {
    if (!_configLoaded)
        loadConfiguration(); // toom-server.properties beside the executable, if there is one.
    ServerApplication::initialize(self);
}

void ServerApp::defineOptions(OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(
        Option("help", "h", "show this help and exit").required(false).repeatable(false));
    options.addOption(
        Option("version", "V", "print the version and exit").required(false).repeatable(false));
    options.addOption(Option("config-file", "c", "load configuration from FILE (properties format)")
                          .required(false)
                          .repeatable(true)
                          .argument("FILE"));
    options.addOption(
        Option("port", "p", "listen on PORT (default 4000)").required(false).argument("PORT"));
    options.addOption(
        Option("profile", "P",
               "behave like a seed: toom-default, messaging, toom, toom-rooms, tessenger")
            .required(false)
            .argument("NAME"));
    options.addOption(
        Option("data-dir", "", "keep the store and logs in DIR").required(false).argument("DIR"));
    options.addOption(Option("credentials", "",
                             "import accounts from FILE (username password per line; names are "
                             "unique without regard to case, the first spelling wins)")
                          .required(false)
                          .argument("FILE"));
    options.addOption(
        Option("keep-state", "",
               "with <port> <attempts> or <port> <block_duration> <timeout>: keep what the "
               "previous run in this directory left (posts, messages, blocks, rooms and groups, "
               "login history, logs) instead of starting empty (toom.keep_state)")
            .required(false)
            .repeatable(false));
    options.addOption(
        Option("define", "D", "set a configuration property, e.g. -D auth.max_attempts=5")
            .required(false)
            .repeatable(true)
            .argument("KEY=VALUE"));
    options.addOption(
        Option("debug", "d",
               "print per-command audit lines, with the message text they quote, and debug output")
            .required(false));
}

void ServerApp::handleOption(const std::string& name, const std::string& value) {
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        _helpRequested = true;
        stopOptionsProcessing();
    } else if (name == "version") {
        _versionRequested = true;
        stopOptionsProcessing();
    } else if (name == "config-file") {
        loadConfiguration(value);
        _configLoaded = true;
    } else if (name == "port") {
        config().setString("toom.port", value);
    } else if (name == "profile") {
        config().setString("toom.profile", value);
    } else if (name == "data-dir") {
        config().setString("toom.data_dir", value);
    } else if (name == "credentials") {
        config().setString("toom.credentials_file", value);
    } else if (name == "keep-state") {
        config().setString("toom.keep_state", "true");
    } else if (name == "define") {
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Poco::InvalidArgumentException("--define needs KEY=VALUE", value);
        config().setString(value.substr(0, eq), value.substr(eq + 1));
    } else if (name == "debug") {
        _debug = true;
    }
}

void ServerApp::printHelp() {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[options]  |  <port> <attempts>  |  <port> <block_duration> <timeout>");
    help.setHeader(
        "Toom chat server. With positional arguments it behaves like the seed designs: "
        "<port> <attempts> (1 to 5 failed logins before a 10 s lock; profile toom) or "
        "<port> <block_duration> <timeout> (profile messaging); credentials.txt, data and "
        "logs are then in the working directory, and each run starts empty as the seeds' "
        "servers do: the accounts of credentials.txt (and variant A's registrations, appended "
        "to it) stay, while board posts, offline messages, blocks, rooms and groups, login "
        "history and the text logs of the previous run are gone (--keep-state keeps them). "
        "Without positional arguments the server keeps its state from run to run.");
    help.setFooter("Signals: SIGTERM or SIGINT stops the server; SIGHUP reopens the log files and "
                   "reads the credentials file again. IRC clients connect to irc.port (6667 "
                   "in the default profile, off in the seed profiles; -D irc.port=0 turns it "
                   "off), logging in with SASL PLAIN or PASS as a Toom account, or as a guest "
                   "where irc.allow_guests is on. Configuration keys are documented in "
                   "config/toom-server.properties.");
    help.format(std::cout);
}

int ServerApp::applyPositional(const std::vector<std::string>& args) {
    if (args.empty())
        return -1;
    if (args.size() != 2 && args.size() != 3) {
        std::cerr << "Usage: " << commandName()
                  << " [options] | <port> <attempts> | <port> <block_duration> <timeout>\n";
        return 1;
    }
    int port = 0;
    if (!parsePort(args[0], port)) {
        std::cerr << "Invalid port: " << args[0]
                  << ". The port is an integer between 1 and 65535\n";
        return 1;
    }
    auto setDefault = [this](const std::string& key, const std::string& value) {
        if (!config().has(key))
            config().setString(key, value);
    };
    config().setInt("toom.port", port);
    // The seeds keep credentials.txt, data and logs in the working directory.
    setDefault("toom.data_dir", ".");
    setDefault("toom.credentials_file", "credentials.txt");
    // And keep nothing across runs (A: "no state across runs"; D: users, messages and groups
    // start empty; B's and C's servers clear their logs). --keep-state, or toom.keep_state in a
    // config file, overrides it.
    setDefault("toom.keep_state", "false");
    if (args.size() == 2) {
        int attempts = 0;
        if (!Poco::NumberParser::tryParse(args[1], attempts) || attempts < 1 || attempts > 5) {
            std::cout << "Invalid number of allowed failed consecutive attempt: " << args[1]
                      << ". The valid value of argument number is an integer between 1 and 5\n";
            return 1;
        }
        setDefault("toom.profile", "toom");
        config().setInt("auth.max_attempts", attempts);
        config().setInt("auth.lock_seconds", 10);
    } else {
        int blockDuration = 0;
        int timeout = 0;
        if (!Poco::NumberParser::tryParse(args[1], blockDuration) || blockDuration < 0) {
            std::cout << "Invalid block duration: " << args[1]
                      << ". It is a whole number of seconds\n";
            return 1;
        }
        if (!Poco::NumberParser::tryParse(args[2], timeout) || timeout < 0) {
            std::cout << "Invalid timeout: " << args[2] << ". It is a whole number of seconds\n";
            return 1;
        }
        setDefault("toom.profile", "messaging");
        // Variant A's spec: a new user's name and password are appended to credentials.txt.
        setDefault("auth.save_registrations_to_credentials", "true");
        config().setInt("auth.max_attempts", 3);
        config().setInt("auth.lock_seconds", blockDuration);
        config().setInt("session.idle_timeout_seconds", timeout);
    }
    return -1;
}

int ServerApp::main(const std::vector<std::string>& args) {
    if (_helpRequested) {
        printHelp();
        return Application::EXIT_OK;
    }
    if (_versionRequested) {
        std::cout << "toom-server " << kVersion << " (protocol " << protocol::kNameAndVersion
                  << ")\n";
        return Application::EXIT_OK;
    }
    if (int code = applyPositional(args); code >= 0)
        return code;

    ServerOptions options;
    try {
        options = optionsFromConfig(config());
    } catch (const Poco::Exception& e) {
        std::cerr << "toom-server: " << e.displayText() << '\n';
        return 1;
    }
    if (_debug) {
        options.settings.consoleAudit = true;
        options.settings.auditMessageText = true;
        Poco::Logger::root().setLevel(Poco::Message::PRIO_DEBUG);
    } else if (!options.settings.consoleAudit) {
        // Variant A's server prints nothing on its terminal unless asked to (-d).
        Poco::Logger::get("toom.audit").setLevel(Poco::Message::PRIO_WARNING);
    }

    const sigset_t signals = handledSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr); // Before the server starts any thread.
    ToomServer server(options);
    try {
        server.start();
    } catch (const Poco::Exception& e) {
        std::cerr << "toom-server: cannot start: " << e.displayText() << '\n';
        return 1;
    }
    // SIGINT, SIGTERM and SIGQUIT stop the server; SIGHUP reopens the log files and reads the
    // credentials file again, and the server goes on.
    Poco::Logger& log = Poco::Logger::get("toom.server");
    for (;;) {
        int sig = 0;
        if (sigwait(&signals, &sig) != 0)
            continue;
        if (sig != SIGHUP)
            break;
        const std::size_t files = reopenLogFiles(config());
        log.notice("SIGHUP: reopened %z log file(s); reading the credentials file again", files);
        server.reloadCredentials();
    }
    server.stop();
    return Application::EXIT_OK;
}

} // namespace toom
