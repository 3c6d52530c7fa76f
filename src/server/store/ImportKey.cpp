#include "server/store/ImportKey.h"

#include "common/Hex.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/RandomStream.h>

#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace toom {

namespace {
constexpr std::size_t kKeyBytes = 32;
}

std::string loadOrCreateImportKey(const std::string& path) {
    {
        std::ifstream in(path);
        std::string hex;
        if (in >> hex) {
            if (auto key = fromHex(hex); key && key->size() == kKeyBytes)
                return *key;
        }
    }
    std::string key(kKeyBytes, '\0');
    Poco::RandomInputStream random; // The OS entropy source.
    random.read(key.data(), static_cast<std::streamsize>(key.size()));
    const std::string hex = toHex(key.data(), key.size()) + '\n';
    Poco::File(Poco::Path(path).makeAbsolute().parent()).createDirectories();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Poco::FileException("cannot create", path);
    ::fchmod(fd, 0600); // Also when the file existed with looser rights (and no valid key).
    const bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
    ::close(fd);
    if (!written)
        throw Poco::FileException("cannot write", path);
    return key;
}

} // namespace toom
