// READ without a time (a short form, the default profile): the latest board posts, or the
// latest messages of each separate room the caller is in (READ s) or of one (READ s <room>).

#include "commands/board/ReadBoardCommand.h"
#include "common/Protocol.h"
#include "support/ModelValues.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Field;
using ::testing::Return;

class ReadLatestTest : public ::testing::Test {
protected:
    ReadLatestTest() {
        latestPosts.posts = {BoardPost{7, 7, "yoda", "seventh", test::at(1685595601), false},
                             BoardPost{8, 8, "obiwan", "eighth", test::at(1685595602), true}};
        latestPosts.more = 6;
        ON_CALL(h.board, latest(_)).WillByDefault(Return(latestPosts));
        room = test::separate(11, 1, {{"yoda", true}, {"hans", true}});
        ON_CALL(h.rooms, roomsOf("yoda")).WillByDefault(Return(std::vector<Room>{room}));
        ON_CALL(h.rooms, separateRoom(1)).WillByDefault(Return(room));
        latestInRoom.messages = {RoomMessage{5, 11, 4, "hans", "late", test::at(1685595603)}};
        latestInRoom.more = true;
        ON_CALL(h.rooms, latestMessages(_, _)).WillByDefault(Return(latestInRoom));
    }

    CommandHarness h;
    BoardService::Page latestPosts;
    Room room;
    RoomService::Page latestInRoom;
};

TEST_F(ReadLatestTest, ReadAloneListsTheLatestPostsInOrder) {
    EXPECT_CALL(h.board, since(_, _)).Times(0);
    EXPECT_CALL(h.board, latest(h.settings.recentRows));
    Reply reply = h.run("READ");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 2u);
    EXPECT_EQ(reply.rows()[0].field("text"), "seventh");
    EXPECT_EQ(reply.rows()[1].field("n"), "8");
    EXPECT_EQ(reply.final().intField("count"), 2);
    EXPECT_EQ(reply.final().intField("more"), 6);
    EXPECT_EQ(reply.final().text(),
              "the latest 2 of 8 posts; READ <d Mmm yyyy hh:mm:ss> reads from a time");
}

TEST_F(ReadLatestTest, EveryBoardFormWithoutATimeReadsTheLatest) {
    EXPECT_CALL(h.board, latest(_)).Times(3);
    for (const char* line : {"RDM", "RDM b", "read B"})
        EXPECT_EQ(h.run(line).rows().size(), 2u) << line;
}

TEST_F(ReadLatestTest, TheCountIsRecentRowsButNeverMoreThanMaxReadRows) {
    h.settings.recentRows = 50;
    h.settings.maxReadRows = 30;
    EXPECT_CALL(h.board, latest(30u));
    h.run("READ");
}

TEST_F(ReadLatestTest, AnEmptyBoardSaysSo) {
    ON_CALL(h.board, latest(_)).WillByDefault(Return(BoardService::Page{}));
    Reply reply = h.run("READ");
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().text(), "no message on the board");
}

TEST_F(ReadLatestTest, RoomsFormReadsTheLatestOfEachRoomOrOfOne) {
    EXPECT_CALL(h.rooms, messagesSince(_, _, _)).Times(0);
    EXPECT_CALL(h.rooms, latestMessages(Field(&Room::id, 11), h.settings.recentRows)).Times(2);
    for (const char* line : {"READ s", "RDM s 1"}) {
        Reply reply = h.run(line);
        ASSERT_FALSE(reply.failed()) << line << ": " << reply.wire();
        ASSERT_EQ(reply.rows().size(), 1u) << line;
        EXPECT_EQ(reply.rows()[0].field("room"), "1");
        EXPECT_EQ(reply.rows()[0].field("text"), "late");
        EXPECT_EQ(reply.final().intField("more"), 1) << line;
    }
}

TEST_F(ReadLatestTest, RoomsFormStillChecksTheRoom) {
    EXPECT_EQ(h.run("READ s 9").final().code(), err::kUnknownRoom);
}

TEST_F(ReadLatestTest, SeedProfilesStillNeedTheTime) {
    h.settings.shortForms = false;
    EXPECT_CALL(h.board, latest(_)).Times(0);
    EXPECT_CALL(h.rooms, latestMessages(_, _)).Times(0);
    Reply alone = h.run("RDM");
    EXPECT_EQ(alone.final().code(), err::kBadArguments);
    EXPECT_EQ(alone.final().text(), "Usage: RDM [b | s [<room>]] <d Mmm yyyy hh:mm:ss>");
    for (const char* line : {"RDM b", "RDM s", "RDM s 1"})
        EXPECT_EQ(h.run(line).final().code(), err::kBadTimestamp) << line;
}

} // namespace
} // namespace toom
