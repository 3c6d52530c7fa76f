#pragma once
// The secret that marks imported credentials lines (StoredAccountService::setImportKey): 32
// random bytes, hex encoded, in a file of its own (toom.data_dir/credentials.key, mode 0600),
// made on the first start and kept. Losing it costs one PBKDF2 per credentials line at the
// next start, nothing else.

#include <string>

namespace toom {

/// The key stored at `path`, or a new one written there (0600) when the file is missing or
/// does not hold one. Throws Poco::FileException when it can be neither read nor written.
std::string loadOrCreateImportKey(const std::string& path);

} // namespace toom
