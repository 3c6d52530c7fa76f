#pragma once
// toom-server as a Poco ServerApplication: options, config file, logging channels, signals.
//
//   toom-server [options]                               config file and options
//   toom-server <port> <attempts>                       seeds B, C, D (attempts: 1 to 5)
//   toom-server <port> <block_duration> <timeout>       seed A
//
// With the positional forms the server reads credentials.txt from its working directory and
// keeps its data and logs there, as the seeds do, and starts each run empty but for the
// accounts, as their servers do (--keep-state keeps the previous run's state).

#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace toom {

class ServerApp final : public Poco::Util::ServerApplication {
public:
    ServerApp();

protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    /// Applies the seeds' positional arguments to the configuration. Returns an exit code, or
    /// -1 to go on.
    int applyPositional(const std::vector<std::string>& args);
    void printHelp();

    bool _helpRequested = false;
    bool _versionRequested = false;
    bool _debug = false;
    bool _configLoaded = false;
};

} // namespace toom
