// StoredRoomService over a real SqliteStore in a temporary directory, with a ManualClock and the
// room logs: numbering, de-duplication of separate rooms, groups, join/leave, posting, reads by
// time, and everything surviving a restart.

#include "server/state/StoredRoomService.h"

#include "common/SeedTime.h"
#include "server/store/SqliteStore.h"
#include "support/Files.h"
#include "support/LocalTime.h"
#include "support/ManualClock.h"
#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/File.h>
#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

namespace toom {
namespace {

using test::TempDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using CreateOutcome = RoomService::Created::Outcome;

using test::localTime;
using test::numbers;
using test::readLines;
using test::texts;

std::vector<std::string> labels(const std::vector<Room>& rooms) {
    std::vector<std::string> out;
    for (const auto& room : rooms)
        out.push_back(room.label());
    return out;
}

class StoredRoomServiceTest : public ::testing::Test {
protected:
    StoredRoomServiceTest() { open(); }

    /// (Re)opens store and directory on the same files, as a restart does.
    void open() {
        rooms.reset();
        store.reset();
        store = std::make_unique<SqliteStore>(dbPath);
        rooms = std::make_unique<StoredRoomService>(*store, clock, dir.path(), true);
    }

    std::int64_t nowSeconds() const { return epochSeconds(clock.now()); }

    TempDir dir;
    std::string dbPath = dir.file("toom.db");
    ManualClock clock{localTime(2022, 6, 1, 21, 39, 4)};
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<StoredRoomService> rooms;
};

// --- separate rooms -------------------------------------------------------------------------

TEST_F(StoredRoomServiceTest, SeparateRoomsAreNumberedFromOne) {
    auto first = rooms->createSeparate("yoda", {"hans"});
    auto second = rooms->createSeparate("yoda", {"obiwan"});
    auto third = rooms->createSeparate("hans", {"obiwan"});
    EXPECT_EQ(first.outcome, CreateOutcome::Created);
    EXPECT_EQ(first.room.number, 1);
    EXPECT_EQ(second.room.number, 2);
    EXPECT_EQ(third.room.number, 3);
    EXPECT_NE(first.room.id, second.room.id);
    EXPECT_NE(second.room.id, third.room.id);
}

TEST_F(StoredRoomServiceTest, SeparateRoomHasEveryoneJoinedCreatorFirst) {
    const Room room = rooms->createSeparate("yoda", {"hans", "obiwan"}).room;
    EXPECT_EQ(room.kind, RoomKind::Separate);
    EXPECT_EQ(room.creator, "yoda");
    EXPECT_EQ(room.createdAt, clock.now());
    EXPECT_THAT(room.members, ElementsAre(RoomMember{"yoda", true}, RoomMember{"hans", true},
                                          RoomMember{"obiwan", true}));
    auto found = rooms->separateRoom(1);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, room.id);
    EXPECT_EQ(found->members, room.members);
}

TEST_F(StoredRoomServiceTest, DuplicateNamesAreListedOnce) {
    const Room room = rooms->createSeparate("yoda", {"hans", "hans", "yoda"}).room;
    EXPECT_THAT(room.memberNames(), ElementsAre("yoda", "hans"));
}

TEST_F(StoredRoomServiceTest, UnknownSeparateRoomIsNothing) {
    EXPECT_FALSE(rooms->separateRoom(1));
    rooms->createSeparate("yoda", {"hans"});
    EXPECT_FALSE(rooms->separateRoom(2));
    EXPECT_FALSE(rooms->separateRoom(0));
}

TEST_F(StoredRoomServiceTest, SameMemberSetIsNotMadeTwice) {
    const Room first = rooms->createSeparate("yoda", {"hans", "obiwan"}).room;
    for (const auto& [creator, others] :
         std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"yoda", {"hans", "obiwan"}},
             {"yoda", {"obiwan", "hans"}},
             {"hans", {"yoda", "obiwan"}},
             {"obiwan", {"hans", "hans", "yoda"}},
             {"yoda", {"hans", "obiwan", "yoda"}}}) {
        auto again = rooms->createSeparate(creator, others);
        EXPECT_EQ(again.outcome, CreateOutcome::AlreadyExists) << creator;
        EXPECT_EQ(again.room.number, 1) << creator;
        EXPECT_EQ(again.room.id, first.id) << creator;
        EXPECT_EQ(again.room.creator, "yoda") << creator;
    }
    EXPECT_FALSE(rooms->separateRoom(2));
}

TEST_F(StoredRoomServiceTest, SupersetOrSubsetIsANewRoom) {
    rooms->createSeparate("yoda", {"hans"});
    auto bigger = rooms->createSeparate("yoda", {"hans", "obiwan"});
    EXPECT_EQ(bigger.outcome, CreateOutcome::Created);
    EXPECT_EQ(bigger.room.number, 2);
    auto smaller = rooms->createSeparate("hans", {"obiwan"});
    EXPECT_EQ(smaller.outcome, CreateOutcome::Created);
    EXPECT_EQ(smaller.room.number, 3);
}

TEST_F(StoredRoomServiceTest, GroupWithTheSameMembersIsNotASeparateRoom) {
    auto group = rooms->createGroup("yoda", "learning3331", {"hans"});
    rooms->join("learning3331", "hans");
    auto separate = rooms->createSeparate("yoda", {"hans"});
    EXPECT_EQ(separate.outcome, CreateOutcome::Created);
    EXPECT_EQ(separate.room.number, 1);
    EXPECT_NE(separate.room.id, group.room.id);
}

// --- groups ---------------------------------------------------------------------------------

TEST_F(StoredRoomServiceTest, GroupHasTheCreatorJoinedAndTheOthersInvited) {
    auto created = rooms->createGroup("yoda", "learning3331", {"hans", "obiwan", "hans"});
    ASSERT_EQ(created.outcome, CreateOutcome::Created);
    const Room& group = created.room;
    EXPECT_EQ(group.kind, RoomKind::Group);
    EXPECT_EQ(group.name, "learning3331");
    EXPECT_EQ(group.number, 0);
    EXPECT_EQ(group.creator, "yoda");
    EXPECT_EQ(group.createdAt, clock.now());
    EXPECT_THAT(group.members, ElementsAre(RoomMember{"yoda", true}, RoomMember{"hans", false},
                                           RoomMember{"obiwan", false}));
    auto found = rooms->group("learning3331");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, group.id);
    EXPECT_EQ(found->members, group.members);
}

TEST_F(StoredRoomServiceTest, GroupsDoNotTakeSeparateRoomNumbers) {
    rooms->createGroup("yoda", "learning3331", {"hans"});
    EXPECT_EQ(rooms->createSeparate("yoda", {"hans"}).room.number, 1);
    rooms->createGroup("yoda", "Comp3331", {"hans"});
    EXPECT_EQ(rooms->createSeparate("yoda", {"obiwan"}).room.number, 2);
}

TEST_F(StoredRoomServiceTest, TakenGroupNameIsRefusedWithTheExistingGroup) {
    const Room first = rooms->createGroup("yoda", "learning3331", {"hans"}).room;
    auto again = rooms->createGroup("obiwan", "learning3331", {"luke"});
    EXPECT_EQ(again.outcome, CreateOutcome::NameTaken);
    EXPECT_EQ(again.room.id, first.id);
    EXPECT_EQ(again.room.creator, "yoda");
    EXPECT_THAT(rooms->group("learning3331")->memberNames(), ElementsAre("yoda", "hans"));
    EXPECT_THAT(rooms->roomsOf("luke"), IsEmpty());
}

TEST_F(StoredRoomServiceTest, UnknownGroupIsNothing) {
    EXPECT_FALSE(rooms->group("learning3331"));
    rooms->createSeparate("yoda", {"hans"});
    EXPECT_FALSE(rooms->group("1"));
    EXPECT_FALSE(rooms->group(""));
}

TEST_F(StoredRoomServiceTest, JoinMarksTheMemberJoined) {
    rooms->createGroup("yoda", "learning3331", {"hans", "obiwan"});
    Room joined = rooms->join("learning3331", "hans");
    EXPECT_TRUE(joined.hasJoined("hans"));
    EXPECT_FALSE(joined.hasJoined("obiwan"));
    EXPECT_THAT(joined.memberNames(true), ElementsAre("yoda", "hans"));
    EXPECT_TRUE(rooms->group("learning3331")->hasJoined("hans"));
    EXPECT_TRUE(rooms->roomsOf("hans").front().hasJoined("hans"));
}

TEST_F(StoredRoomServiceTest, JoinDoesNotAddStrangers) {
    rooms->createGroup("yoda", "learning3331", {"hans"});
    Room room = rooms->join("learning3331", "vader");
    EXPECT_FALSE(room.isMember("vader"));
    EXPECT_FALSE(rooms->group("learning3331")->isMember("vader"));
    EXPECT_EQ(rooms->join("learning9331", "hans").id, 0); // No such group: an empty room.
}

// --- leaving --------------------------------------------------------------------------------

TEST_F(StoredRoomServiceTest, LeaveRemovesTheMember) {
    const Room room = rooms->createSeparate("yoda", {"hans", "obiwan"}).room;
    EXPECT_TRUE(rooms->leave(room.id, "obiwan"));
    EXPECT_THAT(rooms->separateRoom(1)->memberNames(), ElementsAre("yoda", "hans"));
    EXPECT_THAT(rooms->roomsOf("obiwan"), IsEmpty());
    EXPECT_FALSE(rooms->leave(room.id, "obiwan"));
    EXPECT_FALSE(rooms->leave(room.id, "vader"));
    EXPECT_FALSE(rooms->leave(room.id + 100, "yoda"));
}

TEST_F(StoredRoomServiceTest, InvitedMemberMayLeaveAGroup) {
    const Room group = rooms->createGroup("yoda", "learning3331", {"hans"}).room;
    EXPECT_TRUE(rooms->leave(group.id, "hans"));
    EXPECT_THAT(rooms->group("learning3331")->memberNames(), ElementsAre("yoda"));
}

TEST_F(StoredRoomServiceTest, AfterLeavingTheRemainingSetIsTheKey) {
    const Room room = rooms->createSeparate("yoda", {"hans", "obiwan"}).room;
    ASSERT_TRUE(rooms->leave(room.id, "obiwan"));
    auto same = rooms->createSeparate("hans", {"yoda"});
    EXPECT_EQ(same.outcome, CreateOutcome::AlreadyExists);
    EXPECT_EQ(same.room.number, 1);
    auto old = rooms->createSeparate("yoda", {"hans", "obiwan"});
    EXPECT_EQ(old.outcome, CreateOutcome::Created);
    EXPECT_EQ(old.room.number, 2);
}

// --- roomsOf --------------------------------------------------------------------------------

TEST_F(StoredRoomServiceTest, RoomsOfListsInvitedAndJoinedInCreationOrder) {
    rooms->createSeparate("yoda", {"hans"});
    rooms->createGroup("obiwan", "learning3331", {"yoda"});
    rooms->createSeparate("hans", {"obiwan"});
    rooms->createGroup("yoda", "Comp3331", {"luke"});
    EXPECT_THAT(labels(rooms->roomsOf("yoda")), ElementsAre("room 1", "learning3331", "Comp3331"));
    EXPECT_THAT(labels(rooms->roomsOf("hans")), ElementsAre("room 1", "room 2"));
    EXPECT_THAT(labels(rooms->roomsOf("luke")), ElementsAre("Comp3331"));
    EXPECT_THAT(rooms->roomsOf("vader"), IsEmpty());
}

// --- posting and the logs -------------------------------------------------------------------

TEST_F(StoredRoomServiceTest, LogFileIsCreatedWithTheRoom) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    const Room group = rooms->createGroup("yoda", "learning3331", {"hans"}).room;
    EXPECT_EQ(rooms->logPath(room), dir.file("SR_1_messageLog.txt"));
    EXPECT_EQ(rooms->logPath(group), dir.file("learning3331_messageLog.txt"));
    EXPECT_TRUE(Poco::File(dir.file("SR_1_messageLog.txt")).exists());
    EXPECT_TRUE(Poco::File(dir.file("learning3331_messageLog.txt")).exists());
    EXPECT_THAT(readLines(dir.file("SR_1_messageLog.txt")), IsEmpty());
}

TEST_F(StoredRoomServiceTest, NoLogDirectoryMeansNoLogs) {
    StoredRoomService quiet(*store, clock, "", true);
    const Room room = quiet.createSeparate("yoda", {"hans"}).room;
    EXPECT_EQ(quiet.logPath(room), "");
    EXPECT_EQ(quiet.post(room, "yoda", "hi").number, 1);
    EXPECT_FALSE(Poco::File(dir.file("SR_1_messageLog.txt")).exists());
}

TEST_F(StoredRoomServiceTest, PostsAreNumberedPerRoomFromOne) {
    const Room one = rooms->createSeparate("yoda", {"hans"}).room;
    const Room two = rooms->createSeparate("yoda", {"obiwan"}).room;
    const Room group = rooms->createGroup("yoda", "learning3331", {"hans"}).room;
    EXPECT_EQ(rooms->post(one, "yoda", "a").number, 1);
    EXPECT_EQ(rooms->post(one, "hans", "b").number, 2);
    EXPECT_EQ(rooms->post(two, "obiwan", "c").number, 1);
    EXPECT_EQ(rooms->post(group, "yoda", "d").number, 1);
    EXPECT_EQ(rooms->post(one, "yoda", "e").number, 3);
}

TEST_F(StoredRoomServiceTest, PostReturnsTheStoredMessage) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    RoomMessage message = rooms->post(room, "yoda", "hello  there");
    EXPECT_GT(message.id, 0);
    EXPECT_EQ(message.roomId, room.id);
    EXPECT_EQ(message.sender, "yoda");
    EXPECT_EQ(message.text, "hello  there");
    EXPECT_EQ(message.time, clock.now());
    auto stored = store->roomMessages(room.id, 0, 10);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].id, message.id);
    EXPECT_EQ(stored[0].text, "hello  there");
}

TEST_F(StoredRoomServiceTest, PostsAreWrittenToTheSeparateRoomLog) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    const std::string first = formatSeedTime(clock.now(), true);
    rooms->post(room, "yoda", "hi");
    clock.advanceSeconds(61);
    const std::string second = formatSeedTime(clock.now(), true);
    rooms->post(room, "hans", "Hello world! COMP3331");
    EXPECT_THAT(readLines(dir.file("SR_1_messageLog.txt")),
                ElementsAre("1; " + first + "; yoda; hi",
                            "2; " + second + "; hans; Hello world! COMP3331"));
    EXPECT_EQ(first, "01 Jun 2022 21:39:04");
}

TEST_F(StoredRoomServiceTest, PostsAreWrittenToTheGroupLog) {
    const Room group = rooms->createGroup("yoda", "learning3331", {"hans"}).room;
    rooms->post(group, "yoda", "hi");
    EXPECT_THAT(readLines(dir.file("learning3331_messageLog.txt")),
                ElementsAre("1; " + formatSeedTime(clock.now(), true) + "; yoda; hi"));
    EXPECT_THAT(readLines(dir.file("SR_1_messageLog.txt")), IsEmpty());
}

TEST_F(StoredRoomServiceTest, LogFollowsPadDay) {
    StoredRoomService unpadded(*store, clock, dir.path(), false);
    const Room room = unpadded.createSeparate("yoda", {"hans"}).room;
    unpadded.post(room, "yoda", "hi");
    EXPECT_THAT(readLines(dir.file("SR_1_messageLog.txt")),
                ElementsAre("1; 1 Jun 2022 21:39:04; yoda; hi"));
}

// --- reading --------------------------------------------------------------------------------

TEST_F(StoredRoomServiceTest, MessagesSinceIsStrictlyLaterToTheSecond) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    clock.advance(Poco::Timespan(0, 500'000)); // Half a second into 21:39:04.
    const std::int64_t postedAt = nowSeconds();
    rooms->post(room, "yoda", "a");
    clock.advanceSeconds(1);
    rooms->post(room, "hans", "b");

    EXPECT_THAT(texts(rooms->messagesSince(room, postedAt - 1, 10).messages),
                ElementsAre("a", "b"));
    EXPECT_THAT(texts(rooms->messagesSince(room, postedAt, 10).messages), ElementsAre("b"));
    EXPECT_THAT(rooms->messagesSince(room, postedAt + 1, 10).messages, IsEmpty());
}

TEST_F(StoredRoomServiceTest, MessagesSinceReadsOneRoomOnly) {
    const Room one = rooms->createSeparate("yoda", {"hans"}).room;
    const Room two = rooms->createSeparate("yoda", {"obiwan"}).room;
    const std::int64_t before = nowSeconds() - 1;
    rooms->post(one, "yoda", "one");
    rooms->post(two, "yoda", "two");
    EXPECT_THAT(texts(rooms->messagesSince(one, before, 10).messages), ElementsAre("one"));
    EXPECT_THAT(texts(rooms->messagesSince(two, before, 10).messages), ElementsAre("two"));
}

TEST_F(StoredRoomServiceTest, LatestMessagesAreTheLastOnesAndSayWhetherEarlierExist) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    const Room other = rooms->createSeparate("yoda", {"obiwan"}).room;
    for (const char* text : {"a", "b", "c"})
        rooms->post(room, "yoda", text);
    rooms->post(other, "yoda", "elsewhere");
    auto page = rooms->latestMessages(room, 2);
    EXPECT_THAT(texts(page.messages), ElementsAre("b", "c"));
    EXPECT_THAT(numbers(page.messages), ElementsAre(2, 3));
    EXPECT_TRUE(page.more);
    page = rooms->latestMessages(room, 3);
    EXPECT_THAT(numbers(page.messages), ElementsAre(1, 2, 3));
    EXPECT_FALSE(page.more);
    EXPECT_THAT(texts(rooms->latestMessages(other, 5).messages), ElementsAre("elsewhere"));
}

TEST_F(StoredRoomServiceTest, MessagesSinceHonoursTheLimitAndSaysMore) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    const std::int64_t before = nowSeconds() - 1;
    for (const char* text : {"a", "b", "c"}) {
        rooms->post(room, "yoda", text);
        clock.advanceSeconds(1);
    }
    auto page = rooms->messagesSince(room, before, 2);
    EXPECT_THAT(texts(page.messages), ElementsAre("a", "b"));
    EXPECT_THAT(numbers(page.messages), ElementsAre(1, 2));
    EXPECT_TRUE(page.more);

    page = rooms->messagesSince(room, before, 3);
    EXPECT_THAT(numbers(page.messages), ElementsAre(1, 2, 3));
    EXPECT_FALSE(page.more);
}

// The login backlog: the latest few later than a moment, leaving out rejected senders, and how
// many accepted ones came before them.
TEST_F(StoredRoomServiceTest, LatestMessagesAreTheNewestAcceptedOnesWithACountOfTheRest) {
    const Room room = rooms->createSeparate("yoda", {"hans", "vader"}).room;
    rooms->post(room, "hans", "old");
    clock.advance(Poco::Timespan(0, 1));
    const Poco::Timestamp away = clock.now();
    rooms->post(room, "hans", "at the moment"); // Not later: the same microsecond.
    for (const char* text : {"a", "b", "c", "d"}) {
        clock.advanceSeconds(1);
        rooms->post(room, "hans", text);
        rooms->post(room, "vader", std::string("v") + text);
    }
    const auto notVader = [](const std::string& sender) { return sender != "vader"; };
    auto latest = rooms->latestMessages(room, away, 2, notVader);
    EXPECT_THAT(texts(latest.messages), ElementsAre("c", "d"));
    EXPECT_EQ(latest.more, 2u) << "a and b; not vader's";
    latest = rooms->latestMessages(room, away, 10, notVader);
    EXPECT_THAT(texts(latest.messages), ElementsAre("a", "b", "c", "d"));
    EXPECT_EQ(latest.more, 0u);
    EXPECT_THAT(rooms->latestMessages(room, away, 0, notVader).messages, IsEmpty());
    EXPECT_THAT(rooms->latestMessages(room, clock.now(), 5, notVader).messages, IsEmpty());
}

TEST_F(StoredRoomServiceTest, LatestMessagesLookThroughManyRejectedOnesInPages) {
    const Room room = rooms->createSeparate("yoda", {"hans", "vader"}).room;
    const Poco::Timestamp away = clock.now();
    clock.advanceSeconds(1);
    rooms->post(room, "hans", "wanted");
    for (int i = 0; i < 40; ++i)
        rooms->post(room, "vader", "noise");
    const auto latest = rooms->latestMessages(
        room, away, 1, [](const std::string& sender) { return sender == "hans"; });
    EXPECT_THAT(texts(latest.messages), ElementsAre("wanted"));
    EXPECT_EQ(latest.more, 0u);
}

// --- restarts -------------------------------------------------------------------------------

TEST_F(StoredRoomServiceTest, RoomsAndMembersSurviveReopening) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    rooms->createGroup("obiwan", "learning3331", {"yoda", "hans"});
    rooms->join("learning3331", "yoda");
    rooms->leave(room.id, "hans");
    open();

    auto separate = rooms->separateRoom(1);
    ASSERT_TRUE(separate);
    EXPECT_EQ(separate->id, room.id);
    EXPECT_EQ(separate->creator, "yoda");
    EXPECT_EQ(separate->createdAt, room.createdAt);
    EXPECT_THAT(separate->members, ElementsAre(RoomMember{"yoda", true}));

    auto group = rooms->group("learning3331");
    ASSERT_TRUE(group);
    EXPECT_EQ(group->kind, RoomKind::Group);
    EXPECT_EQ(group->creator, "obiwan");
    EXPECT_THAT(group->members, ElementsAre(RoomMember{"obiwan", true}, RoomMember{"yoda", true},
                                            RoomMember{"hans", false}));
    EXPECT_THAT(labels(rooms->roomsOf("yoda")), ElementsAre("room 1", "learning3331"));
    EXPECT_EQ(rooms->createGroup("luke", "learning3331", {"yoda"}).outcome,
              CreateOutcome::NameTaken);
}

TEST_F(StoredRoomServiceTest, NumberingContinuesAfterReopening) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    rooms->createSeparate("yoda", {"obiwan"});
    rooms->post(room, "yoda", "a");
    rooms->post(room, "hans", "b");
    open();
    EXPECT_EQ(rooms->post(*rooms->separateRoom(1), "yoda", "c").number, 3);
    EXPECT_EQ(rooms->createSeparate("hans", {"obiwan"}).room.number, 3);
    EXPECT_EQ(rooms->createSeparate("obiwan", {"yoda"}).outcome, CreateOutcome::AlreadyExists);
    EXPECT_EQ(readLines(dir.file("SR_1_messageLog.txt")).size(), 3u);
}

TEST_F(StoredRoomServiceTest, MessagesSurviveReopening) {
    const Room room = rooms->createGroup("yoda", "learning3331", {"hans"}).room;
    const std::int64_t before = nowSeconds() - 1;
    rooms->post(room, "yoda", "hello there");
    open();
    auto page = rooms->messagesSince(*rooms->group("learning3331"), before, 10);
    ASSERT_EQ(page.messages.size(), 1u);
    EXPECT_EQ(page.messages[0].number, 1);
    EXPECT_EQ(page.messages[0].sender, "yoda");
    EXPECT_EQ(page.messages[0].text, "hello there");
    EXPECT_EQ(page.messages[0].time, clock.now());
}

// kill -9 between storing a message and writing its line: the store has it, the log does not.
TEST_F(StoredRoomServiceTest, ReopeningRepairsLogsThatMissLinesTheStoreHas) {
    const Room room = rooms->createSeparate("yoda", {"hans"}).room;
    const Room group = rooms->createGroup("yoda", "learning3331", {"hans"}).room;
    for (const char* text : {"one", "two", "three"}) {
        rooms->post(room, "yoda", text);
        rooms->post(group, "yoda", text);
        clock.advanceSeconds(1);
    }
    const auto roomLines = readLines(dir.file("SR_1_messageLog.txt"));
    const auto groupLines = readLines(dir.file("learning3331_messageLog.txt"));
    ASSERT_EQ(roomLines.size(), 3u);
    std::ofstream(dir.file("SR_1_messageLog.txt"), std::ios::trunc) << roomLines[0] << '\n';
    Poco::File(dir.file("learning3331_messageLog.txt")).remove();
    open();
    EXPECT_EQ(readLines(dir.file("SR_1_messageLog.txt")), roomLines);
    EXPECT_EQ(readLines(dir.file("learning3331_messageLog.txt")), groupLines);
    EXPECT_EQ(rooms->logRepairs().rewritten, 2u);
    EXPECT_EQ(rooms->logRepairs().failed, 0u);
    // Posting goes on after the repaired lines, and the next start finds nothing to do.
    EXPECT_EQ(rooms->post(room, "hans", "four").number, 4);
    EXPECT_EQ(readLines(dir.file("SR_1_messageLog.txt")).back(),
              "4; " + formatSeedTime(clock.now(), true) + "; hans; four");
    open();
    EXPECT_EQ(rooms->logRepairs().rewritten, 0u);
}

} // namespace
} // namespace toom
