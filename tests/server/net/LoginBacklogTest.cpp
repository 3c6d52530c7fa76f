// LoginBacklog: what a user missed while away, as the events shown at login, against mocked
// board, room and block services.

#include "server/net/LoginBacklog.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Eq;
using ::testing::Field;
using ::testing::Invoke;
using ::testing::Return;

class LoginBacklogTest : public ::testing::Test {
protected:
    LoginBacklogTest() { limits.perSource = 10; }

    /// The backlog of yoda, away from `since` until `until`, parsed back into lines.
    std::vector<ServerLine> backlog() {
        const std::string wire = loginBacklog(h.services, "yoda", since, until, limits);
        std::vector<ServerLine> lines;
        std::size_t start = 0;
        while (start < wire.size()) {
            const std::size_t end = wire.find('\n', start);
            EXPECT_NE(end, std::string::npos) << "every line ends in a newline";
            if (end == std::string::npos)
                break;
            auto line = ServerLine::parse(std::string_view(wire).substr(start, end - start));
            EXPECT_TRUE(line) << wire.substr(start, end - start);
            if (line)
                lines.push_back(*line);
            start = end + 1;
        }
        return lines;
    }

    Poco::Timestamp at(int secondsAfterSince) const {
        return since + Poco::Timespan(secondsAfterSince, 0);
    }

    BoardPost post(int number, const std::string& author, const std::string& text, int when) {
        BoardPost p;
        p.id = number;
        p.number = number;
        p.author = author;
        p.text = text;
        p.time = at(when);
        return p;
    }

    static Room group(std::int64_t id, const std::string& name, bool yodaJoined) {
        Room room;
        room.id = id;
        room.kind = RoomKind::Group;
        room.name = name;
        room.creator = "obiwan";
        room.members = {{"obiwan", true}, {"yoda", yodaJoined}};
        return room;
    }

    static Room separate(std::int64_t id, int number) {
        Room room;
        room.id = id;
        room.number = number;
        room.creator = "hans";
        room.members = {{"hans", true}, {"yoda", true}};
        return room;
    }

    RoomMessage message(std::int64_t roomId, int number, const std::string& from, int when) {
        return RoomMessage{number, roomId, number, from, "m" + std::to_string(number), at(when)};
    }

    std::string readTime() const {
        return formatSeedTime(since - Poco::Timespan(1, 0), h.settings.padDay);
    }

    CommandHarness h;
    Poco::Timestamp since = testEpoch();
    Poco::Timestamp until = testEpoch() + Poco::Timespan(3600, 0);
    LoginBacklogLimits limits;
};

TEST_F(LoginBacklogTest, NothingCameAndNothingIsShown) {
    EXPECT_TRUE(backlog().empty());
}

TEST_F(LoginBacklogTest, OffAsksNothing) {
    limits.perSource = 0;
    EXPECT_CALL(h.board, latest(_, _, _)).Times(0);
    EXPECT_CALL(h.rooms, roomsOf(_)).Times(0);
    EXPECT_TRUE(backlog().empty());
}

TEST_F(LoginBacklogTest, BoardPostsComeAsBoardEventsMarkedAsBacklogInOrder) {
    BoardService::Page page;
    page.posts = {post(6, "obiwan", "first", 10), post(7, "hans", "second", 20)};
    EXPECT_CALL(h.board, latest(Eq(since), 10u, _)).WillOnce(Return(page));
    const auto lines = backlog();
    ASSERT_EQ(lines.size(), 2u);
    for (const auto& line : lines) {
        EXPECT_EQ(line.kind(), LineKind::Event);
        EXPECT_EQ(line.verb(), ev::kBoard);
        EXPECT_EQ(line.field("action"), "posted");
        EXPECT_EQ(line.field("backlog"), "1");
    }
    EXPECT_EQ(lines[0].field("n"), "6");
    EXPECT_EQ(lines[0].field("user"), "obiwan");
    EXPECT_EQ(lines[0].field("text"), "first");
    EXPECT_EQ(lines[0].field("ts"), isoTime(at(10)));
    EXPECT_EQ(lines[1].field("n"), "7");
    EXPECT_EQ(lines[1].field("text"), "second");
}

TEST_F(LoginBacklogTest, OlderPostsAreCountedWithTheCommandThatReadsThem) {
    BoardService::Page page;
    page.posts = {post(13, "obiwan", "latest", 30)};
    page.more = 12;
    limits.perSource = 1;
    EXPECT_CALL(h.board, latest(_, 1u, _)).WillOnce(Return(page));
    const auto lines = backlog();
    ASSERT_EQ(lines.size(), 2u);
    const ServerLine& header = lines[0];
    EXPECT_EQ(header.verb(), ev::kBacklog);
    EXPECT_EQ(header.field("source"), "board");
    EXPECT_EQ(header.field("shown"), "1");
    EXPECT_EQ(header.field("more"), "12");
    EXPECT_EQ(header.field("since"), isoTime(since));
    EXPECT_EQ(header.field("read"), "READ " + readTime());
    EXPECT_EQ(header.text(), "12 more board posts while you were away: READ " + readTime());
    EXPECT_EQ(lines[1].verb(), ev::kBoard);
}

// The filters are asked while the backlog is gathered (they may refer to its arguments).
TEST_F(LoginBacklogTest, NeitherOwnPostsNorThoseOfBlockedUsersAreShown) {
    ON_CALL(h.blocks, isBlocking("yoda", "vader")).WillByDefault(Return(true));
    // The rule is one-way: someone who blocks yoda still reaches yoda, as a live push does.
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    const auto check = [](const std::function<bool(const std::string&)>& shown) {
        EXPECT_TRUE(shown("obiwan"));
        EXPECT_TRUE(shown("hans"));
        EXPECT_FALSE(shown("yoda")) << "one's own";
        EXPECT_FALSE(shown("vader")) << "yoda blocks vader";
    };
    EXPECT_CALL(h.board, latest(_, _, _))
        .WillOnce(Invoke([&](Poco::Timestamp, std::size_t, const BoardService::AuthorFilter& f) {
            check(f);
            return BoardService::Page{};
        }));
    ON_CALL(h.rooms, roomsOf("yoda"))
        .WillByDefault(Return(std::vector<Room>{group(1, "jedi", true)}));
    EXPECT_CALL(h.rooms, latestMessages(_, _, _, _))
        .WillOnce(Invoke(
            [&](const Room&, Poco::Timestamp, std::size_t, const RoomService::SenderFilter& f) {
                check(f);
                return RoomService::Latest{};
            }));
    backlog();
}

TEST_F(LoginBacklogTest, JoinedRoomsAndGroupsComeAsRoomEventsAndInvitationsAreSkipped) {
    ON_CALL(h.rooms, roomsOf("yoda"))
        .WillByDefault(Return(
            std::vector<Room>{group(1, "jedi", true), group(2, "sith", false), separate(3, 4)}));
    RoomService::Latest jedi;
    jedi.messages = {message(1, 8, "obiwan", 5), message(1, 9, "obiwan", 6)};
    jedi.more = 3;
    RoomService::Latest room4;
    room4.messages = {message(3, 1, "hans", 7)};
    EXPECT_CALL(h.rooms, latestMessages(Field(&Room::id, 1), Eq(since), 10u, _))
        .WillOnce(Return(jedi));
    EXPECT_CALL(h.rooms, latestMessages(Field(&Room::id, 2), _, _, _)).Times(0);
    EXPECT_CALL(h.rooms, latestMessages(Field(&Room::id, 3), _, _, _)).WillOnce(Return(room4));
    const auto lines = backlog();
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].verb(), ev::kBacklog);
    EXPECT_EQ(lines[0].field("source"), "room");
    EXPECT_EQ(lines[0].field("kind"), "group");
    EXPECT_EQ(lines[0].field("room"), "jedi");
    EXPECT_EQ(lines[0].field("more"), "3");
    EXPECT_EQ(lines[0].field("read"), "HISTORY #jedi " + readTime());
    EXPECT_EQ(lines[0].text(),
              "3 more messages in #jedi while you were away: HISTORY #jedi " + readTime());
    EXPECT_EQ(lines[1].verb(), ev::kRoom);
    EXPECT_EQ(lines[1].field("room"), "jedi");
    EXPECT_EQ(lines[1].field("n"), "8");
    EXPECT_EQ(lines[1].field("backlog"), "1");
    EXPECT_EQ(lines[2].field("n"), "9");
    EXPECT_EQ(lines[3].verb(), ev::kRoom);
    EXPECT_EQ(lines[3].field("kind"), "separate");
    EXPECT_EQ(lines[3].field("room"), "4");
    EXPECT_EQ(lines[3].field("from"), "hans");
    EXPECT_EQ(lines[3].field("backlog"), "1");
}

TEST_F(LoginBacklogTest, WhatCameAfterTheLoginIsLeftToTheLivePush) {
    BoardService::Page page;
    page.posts = {post(1, "obiwan", "before", 10), post(2, "obiwan", "after", 7200)};
    ON_CALL(h.board, latest(_, _, _)).WillByDefault(Return(page));
    const auto lines = backlog();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].field("text"), "before");
}

TEST_F(LoginBacklogTest, OnlySoManyRoomsAreLookedAt) {
    limits.maxRooms = 2;
    ON_CALL(h.rooms, roomsOf("yoda"))
        .WillByDefault(Return(std::vector<Room>{group(1, "a", false), group(2, "b", true),
                                                group(3, "c", true), group(4, "d", true)}));
    EXPECT_CALL(h.rooms, latestMessages(_, _, _, _)).Times(2);
    backlog();
}

TEST_F(LoginBacklogTest, TheBytesAreBoundedAndACutIsSaid) {
    BoardService::Page page;
    for (int i = 1; i <= 10; ++i)
        page.posts.push_back(post(i, "obiwan", std::string(200, 'x'), i));
    ON_CALL(h.board, latest(_, _, _)).WillByDefault(Return(page));
    ON_CALL(h.rooms, roomsOf("yoda"))
        .WillByDefault(Return(std::vector<Room>{group(1, "jedi", true)}));
    EXPECT_CALL(h.rooms, latestMessages(_, _, _, _)).Times(0); // Cut before the rooms.
    limits.maxBytes = 1500;
    const std::string wire = loginBacklog(h.services, "yoda", since, until, limits);
    EXPECT_LE(wire.size(), limits.maxBytes);
    const auto lines = backlog();
    ASSERT_GE(lines.size(), 2u);
    EXPECT_LT(lines.size(), 11u);
    EXPECT_EQ(lines.back().verb(), ev::kBacklog);
    EXPECT_EQ(lines.back().field("source"), "all");
    EXPECT_EQ(lines.back().field("cut"), "1");
    EXPECT_EQ(lines.front().field("n"), "1") << "the oldest first, as far as they go";
}

} // namespace
} // namespace toom
