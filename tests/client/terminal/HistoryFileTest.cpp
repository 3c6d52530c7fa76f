#include "client/terminal/HistoryFile.h"

#include "support/TempDir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace toom::client;
using ::testing::ElementsAre;

namespace {
std::string historyFileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

mode_t modeOf(const std::string& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return info.st_mode & 0777;
}

std::vector<std::string> entriesOf(const History& history) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < history.size(); ++i)
        out.push_back(history.entry(i));
    return out;
}
} // namespace

TEST(HistoryFileTest, ThePlaceFollowsXdgStateHomeThenHome) {
    EXPECT_EQ(HistoryFile::defaultPath("/x/state", "/home/yoda"), "/x/state/toom/history");
    EXPECT_EQ(HistoryFile::defaultPath(nullptr, "/home/yoda"),
              "/home/yoda/.local/state/toom/history");
    // A relative XDG_STATE_HOME is ignored, as the XDG rules say.
    EXPECT_EQ(HistoryFile::defaultPath("state", "/home/yoda"),
              "/home/yoda/.local/state/toom/history");
    EXPECT_EQ(HistoryFile::defaultPath("", ""), std::nullopt);
}

TEST(HistoryFileTest, RecordedLinesAreAppendedPrivatelyAndComeBackNextRun) {
    toom::test::TempDir dir;
    const std::string path = dir.path() + "/state/toom/history";
    {
        History history;
        HistoryFile file(path);
        EXPECT_TRUE(file.loadInto(history)); // No file yet: an empty history.
        file.attach(history);
        history.add("WHO");
        history.add("PM obiwan hi");
    }
    EXPECT_EQ(historyFileText(path), "WHO\nPM obiwan hi\n");
    EXPECT_EQ(modeOf(path), 0600u);
    EXPECT_EQ(modeOf(dir.path() + "/state/toom"), 0700u);
    EXPECT_EQ(modeOf(dir.path() + "/state"), 0700u);

    History next;
    HistoryFile again(path);
    EXPECT_TRUE(again.loadInto(next));
    EXPECT_THAT(entriesOf(next), ElementsAre("WHO", "PM obiwan hi"));
}

TEST(HistoryFileTest, LinesThatCouldReachTheTerminalAreSkipped) {
    toom::test::TempDir dir;
    const std::string path = dir.path() + "/history";
    std::ofstream(path) << "ok\n\x1b[2Jclear\nc1 \xC2\x9B\nbad \xFF\n\nalso ok\n";
    History history;
    HistoryFile file(path);
    EXPECT_TRUE(file.loadInto(history));
    EXPECT_THAT(entriesOf(history), ElementsAre("ok", "also ok"));
    EXPECT_FALSE(file.append("no\x1b[31m escapes"));
}

TEST(HistoryFileTest, AFileMadeWithWiderPermissionsIsMadePrivate) {
    toom::test::TempDir dir;
    const std::string path = dir.path() + "/history";
    std::ofstream(path) << "old\n";
    ::chmod(path.c_str(), 0644);
    HistoryFile file(path);
    EXPECT_TRUE(file.append("new"));
    EXPECT_EQ(modeOf(path), 0600u);
}

TEST(HistoryFileTest, AFileGrownPastTwiceItsBoundIsRewrittenWithItsNewestLines) {
    toom::test::TempDir dir;
    const std::string path = dir.path() + "/history";
    HistoryFile file(path, 5, 1000);
    for (int i = 0; i < 11; ++i)
        ASSERT_TRUE(file.append("line " + std::to_string(i)));
    // The eleventh line passed twice five: the file now holds the newest five.
    EXPECT_EQ(historyFileText(path), "line 6\nline 7\nline 8\nline 9\nline 10\n");
    EXPECT_EQ(modeOf(path), 0600u);
    History history(5);
    HistoryFile reader(path, 5, 1000);
    reader.loadInto(history);
    EXPECT_EQ(history.size(), 5u);
}

TEST(HistoryFileTest, AnUnwritablePlaceFailsQuietly) {
    toom::test::TempDir dir;
    std::ofstream(dir.path() + "/file") << "x";
    HistoryFile file(dir.path() + "/file/toom/history"); // A file where a directory should be.
    History history;
    EXPECT_FALSE(file.loadInto(history));
    EXPECT_FALSE(file.append("WHO"));
}
