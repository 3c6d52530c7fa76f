// RoomLogFile: the seeds' room logs (SR_<n>_messageLog.txt, <group>_messageLog.txt) with
// "n; timestamp; user; text" lines, and the start-up repair that makes a log equal to the store
// after a crash left it short, cut off, missing or otherwise different.

#include "server/store/RoomLogFile.h"

#include "common/SeedTime.h"
#include "support/Files.h"
#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/File.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sys/stat.h>

namespace toom {
namespace {

using test::readFile;
using test::readLines;
using test::TempDir;
using ::testing::ElementsAre;
using Repair = RoomLogFile::Repair;

// 3 Jun 2023 at 10:00:0<second> local time, so the day shows padding.
RoomMessage roomLogMessage(int number, const std::string& sender, const std::string& text) {
    RoomMessage message;
    message.roomId = 1;
    message.number = number;
    message.sender = sender;
    message.text = text;
    message.time = *parseSeedTime("3 Jun 2023 10:00:0" + std::to_string(number));
    return message;
}

std::vector<RoomMessage> threeRoomLogMessages() {
    return {roomLogMessage(1, "yoda", "hi"), roomLogMessage(2, "hans", "Hello world! COMP3331"),
            roomLogMessage(3, "yoda", "a; b")};
}

ino_t inodeOf(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? info.st_ino : 0;
}

class RoomLogFileTest : public ::testing::Test {
protected:
    TempDir dir;
    RoomLogFile log{dir.path(), true};
    Room room = test::separate(1, 1, {{"yoda", true}, {"hans", true}});
    Room group = test::group(2, "learning3331", {{"yoda", true}});
    std::string roomPath = dir.file("SR_1_messageLog.txt");

    void appendAll(const std::vector<RoomMessage>& messages) {
        for (const auto& message : messages)
            log.append(room, message);
    }
};

TEST_F(RoomLogFileTest, PathsAreTheSeedNamesInTheLogDirectory) {
    EXPECT_EQ(log.path(room), roomPath);
    EXPECT_EQ(log.path(group), dir.file("learning3331_messageLog.txt"));
    EXPECT_EQ(RoomLogFile("", true).path(room), "");
}

TEST_F(RoomLogFileTest, CreateMakesAnEmptyLogAndKeepsAnExistingOne) {
    log.create(room);
    EXPECT_TRUE(Poco::File(roomPath).exists());
    EXPECT_EQ(readFile(roomPath), "");
    appendAll({roomLogMessage(1, "yoda", "hi")});
    log.create(room);
    EXPECT_EQ(readLines(roomPath).size(), 1u);
}

TEST_F(RoomLogFileTest, AppendWritesTheSeedLine) {
    appendAll(threeRoomLogMessages());
    EXPECT_THAT(readLines(roomPath),
                ElementsAre("1; 03 Jun 2023 10:00:01; yoda; hi",
                            "2; 03 Jun 2023 10:00:02; hans; Hello world! COMP3331",
                            "3; 03 Jun 2023 10:00:03; yoda; a; b"));
    RoomLogFile unpadded(dir.path(), false);
    EXPECT_EQ(unpadded.formatLine(roomLogMessage(1, "yoda", "hi")),
              "1; 3 Jun 2023 10:00:01; yoda; hi");
}

TEST_F(RoomLogFileTest, RepairLeavesAMatchingLogAlone) {
    appendAll(threeRoomLogMessages());
    const ino_t before = inodeOf(roomPath);
    EXPECT_EQ(log.repair(room, threeRoomLogMessages()), Repair::Matched);
    EXPECT_EQ(inodeOf(roomPath), before); // Not even rewritten with the same content.
    log.create(group);
    EXPECT_EQ(log.repair(group, {}), Repair::Matched);
}

TEST_F(RoomLogFileTest, RepairRestoresTheLinesACrashLost) {
    appendAll({roomLogMessage(1, "yoda", "hi")}); // Lines 2 and 3 never reached the file.
    EXPECT_EQ(log.repair(room, threeRoomLogMessages()), Repair::Rewritten);
    RoomLogFile reference(dir.path(), true);
    std::string expected;
    for (const auto& message : threeRoomLogMessages())
        expected += reference.formatLine(message) + '\n';
    EXPECT_EQ(readFile(roomPath), expected);
    EXPECT_FALSE(Poco::File(roomPath + ".tmp").exists());
    EXPECT_EQ(log.repair(room, threeRoomLogMessages()), Repair::Matched); // Once is enough.
}

TEST_F(RoomLogFileTest, RepairCompletesALastLineCutOff) {
    appendAll({roomLogMessage(1, "yoda", "hi")});
    std::ofstream(roomPath, std::ios::app) << "2; 03 Jun 2023 10:0";
    EXPECT_EQ(log.repair(room, threeRoomLogMessages()), Repair::Rewritten);
    EXPECT_EQ(readLines(roomPath).size(), 3u);
    EXPECT_EQ(readLines(roomPath)[1], "2; 03 Jun 2023 10:00:02; hans; Hello world! COMP3331");
}

TEST_F(RoomLogFileTest, RepairCreatesAMissingLog) {
    EXPECT_EQ(log.repair(group, {}), Repair::Rewritten);
    EXPECT_TRUE(Poco::File(dir.file("learning3331_messageLog.txt")).exists());
    EXPECT_EQ(log.repair(room, threeRoomLogMessages()), Repair::Rewritten);
    EXPECT_EQ(readLines(roomPath).size(), 3u);
}

TEST_F(RoomLogFileTest, RepairReplacesALogOfTheSameSizeButOtherContent) {
    appendAll(threeRoomLogMessages());
    std::string text = readFile(roomPath);
    text[text.find("hi")] = 'H';
    std::ofstream(roomPath, std::ios::trunc) << text;
    EXPECT_EQ(log.repair(room, threeRoomLogMessages()), Repair::Rewritten);
    EXPECT_EQ(readLines(roomPath)[0], "1; 03 Jun 2023 10:00:01; yoda; hi");
}

TEST_F(RoomLogFileTest, RepairDropsLinesTheStoreDoesNotHave) {
    appendAll(threeRoomLogMessages());
    auto stored = threeRoomLogMessages();
    stored.pop_back();
    EXPECT_EQ(log.repair(room, stored), Repair::Rewritten);
    EXPECT_EQ(readLines(roomPath).size(), 2u);
}

TEST_F(RoomLogFileTest, RepairThatCannotReplaceTheLogFailsAndLeavesNoTempFile) {
    Poco::File(roomPath).createDirectories(); // A directory where the log should be.
    EXPECT_EQ(log.repair(room, threeRoomLogMessages()), Repair::Failed);
    EXPECT_TRUE(Poco::File(roomPath).isDirectory());
    EXPECT_FALSE(Poco::File(roomPath + ".tmp").exists());
}

TEST_F(RoomLogFileTest, NoLogDirectoryWritesNothing) {
    RoomLogFile off("", true);
    off.create(room);
    off.append(room, roomLogMessage(1, "yoda", "hi"));
    EXPECT_EQ(off.repair(room, threeRoomLogMessages()), Repair::Disabled);
    EXPECT_FALSE(Poco::File(roomPath).exists());
}

} // namespace
} // namespace toom
