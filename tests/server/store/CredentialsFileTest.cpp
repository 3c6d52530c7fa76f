#include "server/store/CredentialsFile.h"

#include "support/TempDir.h"

#include <Poco/File.h>

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace toom {
namespace {

class CredentialsFileTest : public ::testing::Test {
protected:
    void write(const std::string& content) {
        std::ofstream out(_path, std::ios::binary | std::ios::trunc);
        out << content;
    }

    std::string read() const {
        std::ifstream in(_path, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        return content.str();
    }

    test::TempDir _dir;
    std::string _path = _dir.file("credentials.txt");
};

TEST_F(CredentialsFileTest, CreatesAMissingFile) {
    CredentialsFile file(_path);
    EXPECT_EQ(file.path(), _path);
    file.append("alice", "pw1");
    EXPECT_EQ(read(), "alice pw1\n");
}

TEST_F(CredentialsFileTest, CreatesMissingParentDirectories) {
    std::string nested = _dir.file("a/b/credentials.txt");
    CredentialsFile file(nested);
    file.append("alice", "pw1");
    EXPECT_TRUE(Poco::File(nested).exists());
}

TEST_F(CredentialsFileTest, AppendsAfterAFinalNewline) {
    write("alice pw1\n");
    CredentialsFile file(_path);
    file.append("bob", "pw2");
    file.append("carol", "pw3");
    EXPECT_EQ(read(), "alice pw1\nbob pw2\ncarol pw3\n");
}

TEST_F(CredentialsFileTest, AddsTheMissingNewlineFirst) {
    write("alice pw1\r\nbob pw2");
    CredentialsFile file(_path);
    file.append("carol", "pw3");
    EXPECT_EQ(read(), "alice pw1\r\nbob pw2\ncarol pw3\n");
}

TEST_F(CredentialsFileTest, AppendsToAnEmptyFileWithoutABlankLine) {
    write("");
    CredentialsFile file(_path);
    file.append("alice", "pw1");
    EXPECT_EQ(read(), "alice pw1\n");
}

TEST_F(CredentialsFileTest, ConcurrentAppendsKeepLinesWhole) {
    CredentialsFile file(_path);
    constexpr int kThreads = 8;
    constexpr int kPerThread = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&file, t] {
            for (int i = 0; i < kPerThread; ++i) {
                file.append("user" + std::to_string(t) + "_" + std::to_string(i), "pw");
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    std::istringstream lines(read());
    std::set<std::string> seen;
    std::string line;
    while (std::getline(lines, line)) {
        EXPECT_EQ(line.substr(line.size() - 3), " pw") << line;
        seen.insert(line);
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

} // namespace
} // namespace toom
