#pragma once
// toom-client's config file: $XDG_CONFIG_HOME/toom/client.conf (~/.config/toom/client.conf when
// XDG_CONFIG_HOME is unset or empty), or the file --config names. Lines of `key = value`;
// blank lines and lines starting with '#' or ';' are skipped. It sets the defaults that the
// command line then overrides. Never a password: the client does not store one anywhere.
// config/client.conf.sample lists every key.

#include "client/app/ClientOptions.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toom::client {

/// The default config path from the values of XDG_CONFIG_HOME and HOME (either may be null);
/// empty when neither is set.
std::string defaultConfigPath(const char* xdgConfigHome, const char* home);

/// The file named by --config FILE or --config=FILE in `args` (before a "--"), if any.
std::optional<std::string> configArgument(const std::vector<std::string>& args);

/// Applies the settings in `text`, the content of the file `fileName`, to `options`. `home`
/// (may be null) expands a leading "~/" in paths. Returns "FILE:LINE: what is wrong" for the
/// first bad line, or nothing when every line is fine (then every line was applied).
std::optional<std::string> applyConfig(std::string_view text, const std::string& fileName,
                                       ClientOptions& options, const char* home);

/// Reads and applies the file at `path`. A missing file is fine unless `required` (it was
/// named with --config). Returns the error, or nothing.
std::optional<std::string> loadConfigFile(const std::string& path, bool required,
                                          ClientOptions& options, const char* home);

} // namespace toom::client
