#include "client/app/ClientConfigFile.h"

#include "client/session/EventFormatter.h"
#include "common/Text.h"

#include <fstream>
#include <functional>
#include <map>

namespace toom::client {

namespace {
// A config file is a screenful of settings; anything much larger is not one.
constexpr std::size_t kMaxConfigBytes = 64 * 1024;

std::optional<bool> parseSwitch(const std::string& value) {
    if (value == "on" || value == "true" || value == "yes" || value == "1")
        return true;
    if (value == "off" || value == "false" || value == "no" || value == "0")
        return false;
    return std::nullopt;
}

std::string expandHome(const std::string& path, const char* home) {
    if (home == nullptr || *home == '\0')
        return path;
    if (path == "~")
        return home;
    if (path.rfind("~/", 0) == 0)
        return std::string(home) + path.substr(1);
    return path;
}

/// Applies one value; returns what is wrong with it, or nothing.
using Setter = std::function<std::optional<std::string>(const std::string& value,
                                                        ClientOptions& options, const char* home)>;

std::optional<std::string> setSwitch(const std::string& value, bool& field) {
    auto parsed = parseSwitch(value);
    if (!parsed)
        return "expected on or off, not '" + value + "'";
    field = *parsed;
    return std::nullopt;
}

const std::map<std::string, Setter>& setters() {
    static const std::map<std::string, Setter> table = {
        {"server.host",
         [](const std::string& v, ClientOptions& o, const char*) -> std::optional<std::string> {
             if (v.find_first_of(" \t") != std::string::npos)
                 return "a server address has no spaces";
             o.host = v;
             return std::nullopt;
         }},
        {"server.port",
         [](const std::string& v, ClientOptions& o, const char*) -> std::optional<std::string> {
             const int port = parsePort(v, 1);
             if (port < 0)
                 return "expected a port from 1 to 65535, not '" + v + "'";
             o.port = port;
             return std::nullopt;
         }},
        {"server.tls",
         [](const std::string& v, ClientOptions& o, const char*) { return setSwitch(v, o.tls); }},
        {"server.tls_ca",
         [](const std::string& v, ClientOptions& o, const char* home) {
             o.tlsCaFile = expandHome(v, home);
             return std::optional<std::string>();
         }},
        {"server.tls_insecure", [](const std::string& v, ClientOptions& o,
                                   const char*) { return setSwitch(v, o.tlsInsecure); }},
        {"login.username",
         [](const std::string& v, ClientOptions& o, const char*) -> std::optional<std::string> {
             if (v.find_first_of(" \t") != std::string::npos)
                 return "a username has no spaces";
             o.username = v;
             return std::nullopt;
         }},
        {"display.colour", [](const std::string& v, ClientOptions& o,
                              const char*) { return setSwitch(v, o.colour); }},
        {"display.color", [](const std::string& v, ClientOptions& o,
                             const char*) { return setSwitch(v, o.colour); }},
        {"display.time_format",
         [](const std::string& v, ClientOptions& o, const char*) -> std::optional<std::string> {
             if (auto refused = EventFormatter::checkTimeFormat(v))
                 return *refused;
             o.timeFormat = v;
             return std::nullopt;
         }},
        {"files.download_dir",
         [](const std::string& v, ClientOptions& o, const char* home) {
             o.downloadDir = expandHome(v, home);
             return std::optional<std::string>();
         }},
        {"files.auto_accept", [](const std::string& v, ClientOptions& o,
                                 const char*) { return setSwitch(v, o.autoAcceptFiles); }},
        {"connection.reconnect", [](const std::string& v, ClientOptions& o,
                                    const char*) { return setSwitch(v, o.reconnect); }},
        {"connection.greeting_timeout",
         [](const std::string& v, ClientOptions& o, const char*) -> std::optional<std::string> {
             auto seconds = parseGreetingTimeout(v);
             if (!seconds)
                 return "expected seconds from 1 to 600, not '" + v + "'";
             o.greetingTimeoutSeconds = *seconds;
             return std::nullopt;
         }},
    };
    return table;
}
} // namespace

std::string defaultConfigPath(const char* xdgConfigHome, const char* home) {
    // The XDG base directory spec: an empty XDG_CONFIG_HOME counts as unset.
    if (xdgConfigHome != nullptr && *xdgConfigHome != '\0')
        return std::string(xdgConfigHome) + "/toom/client.conf";
    if (home != nullptr && *home != '\0')
        return std::string(home) + "/.config/toom/client.conf";
    return {};
}

std::optional<std::string> configArgument(const std::vector<std::string>& args) {
    std::optional<std::string> found;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--")
            break;
        if (args[i] == "--config" && i + 1 < args.size())
            found = args[++i];
        else if (args[i].rfind("--config=", 0) == 0)
            found = args[i].substr(9);
    }
    return found;
}

std::optional<std::string> applyConfig(std::string_view text, const std::string& fileName,
                                       ClientOptions& options, const char* home) {
    if (text.size() > kMaxConfigBytes)
        return fileName + ": too large for a config file (over 64 KiB)";
    std::size_t lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        ++lineNumber;
        const std::string line(trim(text.substr(start, end - start)));
        start = end + 1;
        const auto where = fileName + ":" + std::to_string(lineNumber) + ": ";
        if (line.empty() || line[0] == '#' || line[0] == ';')
            continue;
        const auto equals = line.find('=');
        if (equals == std::string::npos)
            return where + "expected key = value, not '" + line + "'";
        const std::string key(trim(std::string_view(line).substr(0, equals)));
        const std::string value(trim(std::string_view(line).substr(equals + 1)));
        if (key.size() >= 8 && key.compare(key.size() - 8, 8, "password") == 0)
            return where + "passwords are never read from a file; the client asks for it";
        const auto setter = setters().find(key);
        if (setter == setters().end())
            return where + "unknown key '" + key + "' (config/client.conf.sample lists them)";
        if (value.empty())
            return where + "no value for " + key;
        if (auto wrong = setter->second(value, options, home))
            return where + key + ": " + *wrong;
    }
    return std::nullopt;
}

std::optional<std::string> loadConfigFile(const std::string& path, bool required,
                                          ClientOptions& options, const char* home) {
    if (path.empty())
        return std::nullopt;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        if (!required)
            return std::nullopt; // No config file: the defaults stand.
        return "cannot read the config file " + path;
    }
    std::string text;
    text.resize(kMaxConfigBytes + 1);
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(file.gcount()));
    if (file.bad())
        return "cannot read the config file " + path;
    return applyConfig(text, path, options, home);
}

} // namespace toom::client
