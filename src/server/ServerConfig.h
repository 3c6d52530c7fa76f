#pragma once
// Reads ServerOptions from Poco's layered configuration (config file, then command-line
// overrides). Every key, its default and its meaning is listed in config/toom-server.properties.

#include "server/ToomServer.h"

#include <Poco/Util/AbstractConfiguration.h>

namespace toom {

/// Builds the options: the profile named by `toom.profile` supplies defaults, and every other
/// key overrides one of them. Relative paths are made absolute against the working directory
/// (a daemon changes directory to /). Throws Poco::InvalidArgumentException for an unknown
/// profile or an out-of-range value.
ServerOptions optionsFromConfig(const Poco::Util::AbstractConfiguration& config);

} // namespace toom
