// The import key file: made once, 0600, kept across starts, replaced when unreadable.

#include "server/store/ImportKey.h"

#include "support/Files.h"
#include "support/TempDir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sys/stat.h>

namespace toom {
namespace {

mode_t modeOf(const std::string& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 0777;
}

TEST(ImportKeyTest, MadeOncePrivateAndKept) {
    test::TempDir dir;
    const std::string path = dir.file("sub/credentials.key");
    const std::string key = loadOrCreateImportKey(path);
    EXPECT_EQ(key.size(), 32u);
    EXPECT_EQ(modeOf(path), 0600u);
    EXPECT_EQ(test::readFile(path).size(), 65u); // 64 hex digits and a newline.
    EXPECT_EQ(loadOrCreateImportKey(path), key);
    test::TempDir other;
    EXPECT_NE(loadOrCreateImportKey(other.file("credentials.key")), key);
}

TEST(ImportKeyTest, AFileWithoutAKeyIsReplacedAndMadePrivate) {
    test::TempDir dir;
    const std::string path = dir.file("credentials.key");
    {
        std::ofstream out(path);
        out << "not hex at all\n";
    }
    ::chmod(path.c_str(), 0644);
    const std::string key = loadOrCreateImportKey(path);
    EXPECT_EQ(key.size(), 32u);
    EXPECT_EQ(modeOf(path), 0600u);
    EXPECT_EQ(loadOrCreateImportKey(path), key);
}

} // namespace
} // namespace toom
