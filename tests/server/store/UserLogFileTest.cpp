// UserLogFile: userlog.txt, "seq; timestamp; username; IP; UDP port", one line per online user.

#include "server/store/UserLogFile.h"

#include "common/SeedTime.h"
#include "support/Files.h"
#include "support/TempDir.h"

#include <Poco/File.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace toom {
namespace {

using test::readFile;
using test::TempDir;

// 1 Jun 2023 and 12 Jun 2023 at 09:05:07 local time, so padding shows in the day.
Poco::Timestamp june(int day) {
    return *parseSeedTime(std::to_string(day) + " Jun 2023 09:05:07");
}

class UserLogFileTest : public ::testing::Test {
protected:
    TempDir dir;
    std::string path = dir.file("userlog.txt");
};

TEST_F(UserLogFileTest, StartsEmptyAndTruncatesAnOldFile) {
    {
        std::ofstream old(path);
        old << "1; 01 Jan 2020 00:00:00; ghost; 1.2.3.4; 1\n";
    }
    UserLogFile log(path, true);
    EXPECT_TRUE(Poco::File(path).exists());
    EXPECT_EQ(readFile(path), "");
    EXPECT_TRUE(log.lines().empty());
    EXPECT_EQ(log.path(), path);
}

TEST_F(UserLogFileTest, WritesOneNumberedLinePerUser) {
    UserLogFile log(path, true);
    log.add({"yoda", "127.0.0.1", 8001, june(1)});
    log.add({"luke", "10.0.0.2", 0, june(12)});
    log.flush();
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 8001\n"
                              "2; 12 Jun 2023 09:05:07; luke; 10.0.0.2; 0\n");
    EXPECT_EQ(log.lines(),
              (std::vector<std::string>{"1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 8001",
                                        "2; 12 Jun 2023 09:05:07; luke; 10.0.0.2; 0"}));
}

TEST_F(UserLogFileTest, UnpaddedDays) {
    UserLogFile log(path, false);
    log.add({"yoda", "127.0.0.1", 8001, june(1)});
    log.flush();
    EXPECT_EQ(readFile(path), "1; 1 Jun 2023 09:05:07; yoda; 127.0.0.1; 8001\n");
}

TEST_F(UserLogFileTest, RemovingRenumbers) {
    UserLogFile log(path, true);
    log.add({"yoda", "127.0.0.1", 8001, june(1)});
    log.add({"luke", "127.0.0.1", 8002, june(1)});
    log.add({"leia", "127.0.0.1", 8003, june(1)});
    log.remove("luke");
    log.flush();
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 8001\n"
                              "2; 01 Jun 2023 09:05:07; leia; 127.0.0.1; 8003\n");
    log.remove("yoda");
    log.flush();
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; leia; 127.0.0.1; 8003\n");
    log.remove("leia");
    log.flush();
    EXPECT_EQ(readFile(path), "");
}

TEST_F(UserLogFileTest, RemovingSomeoneAbsentChangesNothing) {
    UserLogFile log(path, true);
    log.add({"yoda", "127.0.0.1", 8001, june(1)});
    log.remove("vader");
    EXPECT_EQ(log.lines().size(), 1u);
    log.flush();
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 8001\n");
}

TEST_F(UserLogFileTest, ReplaceMovesTheUserToTheEndWithTheNewConnection) {
    UserLogFile log(path, true);
    log.add({"yoda", "127.0.0.1", 8001, june(1)});
    log.add({"luke", "127.0.0.1", 8002, june(1)});
    log.replace({"yoda", "127.0.0.2", 9001, june(12)});
    log.flush();
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; luke; 127.0.0.1; 8002\n"
                              "2; 12 Jun 2023 09:05:07; yoda; 127.0.0.2; 9001\n");
    log.replace({"leia", "127.0.0.1", 8003, june(12)});
    EXPECT_EQ(log.lines().size(), 3u);
}

TEST_F(UserLogFileTest, UpdateUdpPortRewritesTheLine) {
    UserLogFile log(path, true);
    log.add({"yoda", "127.0.0.1", 0, june(1)});
    log.updateUdpPort("yoda", 9000);
    log.flush();
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 9000\n");
}

TEST_F(UserLogFileTest, CreatesMissingDirectories) {
    const std::string nested = dir.file("a/b/userlog.txt");
    UserLogFile log(nested, true);
    log.add({"yoda", "127.0.0.1", 1, june(1)});
    log.flush();
    EXPECT_EQ(readFile(nested), "1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 1\n");
}

TEST_F(UserLogFileTest, LeavesNoTemporaryFileBehind) {
    UserLogFile log(path, true);
    log.add({"yoda", "127.0.0.1", 1, june(1)});
    log.replace({"yoda", "127.0.0.1", 2, june(1)}); // A rewrite.
    log.flush();
    EXPECT_FALSE(Poco::File(path + ".tmp").exists());
}

TEST_F(UserLogFileTest, EmptyPathKeepsLinesInMemoryOnly) {
    UserLogFile log("", true);
    log.add({"yoda", "127.0.0.1", 1, june(1)});
    EXPECT_EQ(log.lines(),
              (std::vector<std::string>{"1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 1"}));
}

ino_t userLogInode(const std::string& file) {
    struct stat st {};
    return ::stat(file.c_str(), &st) == 0 ? st.st_ino : 0;
}

// Logins alone are appended to the file as it is; a logout (which renumbers) replaces it.
TEST_F(UserLogFileTest, LoginsAreAppendedAndLogoutsRewrite) {
    UserLogFile log(path, true);
    log.add({"yoda", "127.0.0.1", 8001, june(1)});
    log.flush();
    const ino_t first = userLogInode(path);
    ASSERT_NE(first, 0u);
    log.add({"luke", "127.0.0.1", 8002, june(1)});
    log.add({"leia", "127.0.0.1", 8003, june(1)});
    log.flush();
    EXPECT_EQ(userLogInode(path), first); // Appended, not replaced.
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 8001\n"
                              "2; 01 Jun 2023 09:05:07; luke; 127.0.0.1; 8002\n"
                              "3; 01 Jun 2023 09:05:07; leia; 127.0.0.1; 8003\n");
    log.remove("yoda");
    log.flush();
    EXPECT_NE(userLogInode(path), first); // Replaced whole.
    EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; luke; 127.0.0.1; 8002\n"
                              "2; 01 Jun 2023 09:05:07; leia; 127.0.0.1; 8003\n");
}

// Whatever mix of logins, logouts, takeovers and port changes arrives, and however the writer's
// batches fall, the file ends up exactly as the list.
TEST_F(UserLogFileTest, TheFileFollowsTheListThroughAnyMixOfChanges) {
    UserLogFile log(path, true);
    std::mt19937 random(20261202);
    for (int round = 0; round < 300; ++round) {
        const std::string name = "user" + std::to_string(random() % 20);
        switch (random() % 4) {
        case 0:
        case 1:
            log.replace({name, "127.0.0.1", static_cast<int>(random() % 9000), june(1)});
            break;
        case 2:
            log.remove(name);
            break;
        default:
            log.updateUdpPort(name, static_cast<int>(random() % 9000));
            break;
        }
        if (random() % 10 == 0) {
            log.flush();
            std::string expected;
            for (const auto& line : log.lines())
                expected += line + "\n";
            ASSERT_EQ(readFile(path), expected) << "round " << round;
        }
    }
}

// The destructor writes what is pending: a server that stops leaves the file true.
TEST_F(UserLogFileTest, StoppingWritesWhatIsPending) {
    {
        UserLogFile log(path, true);
        for (int i = 0; i < 100; ++i)
            log.add({"user" + std::to_string(i), "127.0.0.1", i, june(1)});
        log.remove("user0");
    }
    const std::string text = readFile(path);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 99);
    EXPECT_EQ(text.rfind("1; 01 Jun 2023 09:05:07; user1; 127.0.0.1; 1\n", 0), 0u);
}

// The seeds write userlog.txt next to the server: a bare file name must work.
TEST_F(UserLogFileTest, BareFileNameInTheWorkingDirectory) {
    char* old = ::getcwd(nullptr, 0);
    ASSERT_EQ(::chdir(dir.path().c_str()), 0);
    try {
        UserLogFile log("userlog.txt", true);
        log.add({"yoda", "127.0.0.1", 1, june(1)});
        log.flush();
        EXPECT_EQ(readFile(path), "1; 01 Jun 2023 09:05:07; yoda; 127.0.0.1; 1\n");
    } catch (const std::exception& e) {
        ADD_FAILURE() << "constructor threw: " << e.what();
    }
    EXPECT_EQ(::chdir(old), 0);
    ::free(old);
}

} // namespace
} // namespace toom
