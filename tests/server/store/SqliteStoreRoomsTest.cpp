// SqliteStore's room tables (migration 3): rooms with their members in order, member updates and
// removals, and room messages read by time, called directly.

#include "server/store/SqliteStore.h"
#include "support/ModelValues.h"
#include "support/TempDir.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

using namespace Poco::Data::Keywords;

namespace toom {
namespace {

using test::at;
using test::texts;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Room makeSeparate(int number, const std::string& creator, std::vector<RoomMember> members,
                  Poco::Timestamp createdAt = at(1000)) {
    Room room;
    room.kind = RoomKind::Separate;
    room.number = number;
    room.creator = creator;
    room.members = std::move(members);
    room.createdAt = createdAt;
    return room;
}

Room makeGroup(const std::string& name, const std::string& creator, std::vector<RoomMember> members,
               Poco::Timestamp createdAt = at(1000)) {
    Room room;
    room.kind = RoomKind::Group;
    room.name = name;
    room.creator = creator;
    room.members = std::move(members);
    room.createdAt = createdAt;
    return room;
}

RoomMessage makeMessage(std::int64_t roomId, int number, const std::string& sender,
                        const std::string& text, Poco::Timestamp time) {
    return RoomMessage{0, roomId, number, sender, text, time};
}

class SqliteStoreRoomsTest : public ::testing::Test {
protected:
    SqliteStoreRoomsTest() { store = std::make_unique<SqliteStore>(dbPath); }

    void reopen() {
        store.reset();
        store = std::make_unique<SqliteStore>(dbPath);
    }

    test::TempDir dir;
    std::string dbPath = dir.file("toom.db");
    std::unique_ptr<SqliteStore> store;
};

// --- schema ---------------------------------------------------------------------------------

TEST_F(SqliteStoreRoomsTest, SchemaHasTheRoomTables) {
    EXPECT_GE(SqliteStore::latestSchemaVersion(), 3);
    store.reset();
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, dbPath);
    int tables = 0;
    session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
               " AND name IN ('rooms', 'room_members', 'room_messages')",
        into(tables), now;
    EXPECT_EQ(tables, 3);
}

TEST_F(SqliteStoreRoomsTest, NoRoomsAtFirst) {
    EXPECT_THAT(store->rooms(), IsEmpty());
    EXPECT_EQ(store->lastRoomMessageNumber(1), 0);
    EXPECT_THAT(store->roomMessages(1, 0, 10), IsEmpty());
}

// --- rooms ----------------------------------------------------------------------------------

TEST_F(SqliteStoreRoomsTest, InsertRoomKeepsEveryFieldAndTheMembersInOrder) {
    const auto id = store->insertRoom(makeSeparate(
        1, "yoda", {{"yoda", true}, {"obiwan", true}, {"hans", true}, {"anakin", true}},
        at(1000, 123)));
    EXPECT_GT(id, 0);
    auto rooms = store->rooms();
    ASSERT_EQ(rooms.size(), 1u);
    const Room& room = rooms[0];
    EXPECT_EQ(room.id, id);
    EXPECT_EQ(room.kind, RoomKind::Separate);
    EXPECT_EQ(room.number, 1);
    EXPECT_EQ(room.name, "");
    EXPECT_EQ(room.creator, "yoda");
    EXPECT_EQ(room.createdAt, at(1000, 123)); // microseconds kept
    // Insertion order, not alphabetical.
    EXPECT_THAT(room.memberNames(), ElementsAre("yoda", "obiwan", "hans", "anakin"));
}

TEST_F(SqliteStoreRoomsTest, InsertGroupKeepsTheNameAndJoinedFlags) {
    const auto id = store->insertRoom(
        makeGroup("learning3331", "obiwan", {{"obiwan", true}, {"yoda", false}, {"hans", false}}));
    auto rooms = store->rooms();
    ASSERT_EQ(rooms.size(), 1u);
    EXPECT_EQ(rooms[0].id, id);
    EXPECT_EQ(rooms[0].kind, RoomKind::Group);
    EXPECT_EQ(rooms[0].name, "learning3331");
    EXPECT_EQ(rooms[0].number, 0);
    EXPECT_THAT(rooms[0].members, ElementsAre(RoomMember{"obiwan", true}, RoomMember{"yoda", false},
                                              RoomMember{"hans", false}));
}

TEST_F(SqliteStoreRoomsTest, RoomsAreInCreationOrderWithTheirOwnMembers) {
    const auto a = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}, {"hans", true}}));
    const auto b =
        store->insertRoom(makeGroup("learning3331", "obiwan", {{"obiwan", true}, {"yoda", false}}));
    const auto c = store->insertRoom(makeSeparate(2, "zed", {{"zed", true}, {"amy", true}}));
    const auto d = store->insertRoom(makeGroup("empty", "luke", {}));
    const auto e = store->insertRoom(makeSeparate(3, "hans", {{"hans", true}, {"obiwan", true}}));
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_LT(c, d);
    EXPECT_LT(d, e);
    // Members added later to an earlier room still come back with that room, after the others.
    store->upsertRoomMember(a, {"luke", true});

    auto rooms = store->rooms();
    ASSERT_EQ(rooms.size(), 5u);
    EXPECT_EQ(rooms[0].id, a);
    EXPECT_THAT(rooms[0].memberNames(), ElementsAre("yoda", "hans", "luke"));
    EXPECT_EQ(rooms[1].id, b);
    EXPECT_THAT(rooms[1].memberNames(), ElementsAre("obiwan", "yoda"));
    EXPECT_EQ(rooms[2].id, c);
    EXPECT_THAT(rooms[2].memberNames(), ElementsAre("zed", "amy"));
    EXPECT_EQ(rooms[3].id, d);
    EXPECT_THAT(rooms[3].members, IsEmpty());
    EXPECT_EQ(rooms[4].id, e);
    EXPECT_THAT(rooms[4].memberNames(), ElementsAre("hans", "obiwan"));
}

TEST_F(SqliteStoreRoomsTest, RoomWhoseMembersAllLeftIsKept) {
    const auto a = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}}));
    const auto b = store->insertRoom(makeSeparate(2, "hans", {{"hans", true}}));
    ASSERT_TRUE(store->deleteRoomMember(a, "yoda"));
    auto rooms = store->rooms();
    ASSERT_EQ(rooms.size(), 2u);
    EXPECT_THAT(rooms[0].members, IsEmpty());
    EXPECT_EQ(rooms[1].id, b);
    EXPECT_THAT(rooms[1].memberNames(), ElementsAre("hans"));
}

// --- members --------------------------------------------------------------------------------

TEST_F(SqliteStoreRoomsTest, UpsertAddsANewMemberLast) {
    const auto id =
        store->insertRoom(makeGroup("learning3331", "yoda", {{"yoda", true}, {"hans", false}}));
    store->upsertRoomMember(id, {"obiwan", false});
    EXPECT_THAT(store->rooms()[0].members,
                ElementsAre(RoomMember{"yoda", true}, RoomMember{"hans", false},
                            RoomMember{"obiwan", false}));
}

TEST_F(SqliteStoreRoomsTest, UpsertUpdatesAnExistingMemberInPlace) {
    const auto id = store->insertRoom(
        makeGroup("learning3331", "yoda", {{"yoda", true}, {"hans", false}, {"obiwan", false}}));
    store->upsertRoomMember(id, {"hans", true});
    EXPECT_THAT(store->rooms()[0].members,
                ElementsAre(RoomMember{"yoda", true}, RoomMember{"hans", true},
                            RoomMember{"obiwan", false}));
    store->upsertRoomMember(id, {"hans", false});
    EXPECT_FALSE(store->rooms()[0].hasJoined("hans"));
    EXPECT_EQ(store->rooms()[0].members.size(), 3u);
}

TEST_F(SqliteStoreRoomsTest, UpsertTouchesOnlyItsRoom) {
    const auto a = store->insertRoom(makeGroup("a1", "yoda", {{"yoda", true}, {"hans", false}}));
    const auto b = store->insertRoom(makeGroup("b1", "yoda", {{"yoda", true}, {"hans", false}}));
    store->upsertRoomMember(b, {"hans", true});
    auto rooms = store->rooms();
    EXPECT_EQ(rooms[0].id, a);
    EXPECT_FALSE(rooms[0].hasJoined("hans"));
    EXPECT_TRUE(rooms[1].hasJoined("hans"));
}

TEST_F(SqliteStoreRoomsTest, DeleteMemberSaysWhetherItWasThere) {
    const auto a = store->insertRoom(
        makeSeparate(1, "yoda", {{"yoda", true}, {"hans", true}, {"obiwan", true}}));
    const auto b = store->insertRoom(makeSeparate(2, "yoda", {{"yoda", true}, {"hans", true}}));
    EXPECT_TRUE(store->deleteRoomMember(a, "hans"));
    EXPECT_FALSE(store->deleteRoomMember(a, "hans"));
    EXPECT_FALSE(store->deleteRoomMember(a, "vader"));
    EXPECT_FALSE(store->deleteRoomMember(b + 100, "yoda"));
    auto rooms = store->rooms();
    EXPECT_THAT(rooms[0].memberNames(), ElementsAre("yoda", "obiwan"));
    EXPECT_THAT(rooms[1].memberNames(), ElementsAre("yoda", "hans")); // Other room untouched.
}

TEST_F(SqliteStoreRoomsTest, MemberWhoLeftAndCameBackIsLast) {
    const auto id = store->insertRoom(
        makeSeparate(1, "yoda", {{"yoda", true}, {"hans", true}, {"obiwan", true}}));
    ASSERT_TRUE(store->deleteRoomMember(id, "hans"));
    store->upsertRoomMember(id, {"hans", true});
    EXPECT_THAT(store->rooms()[0].memberNames(), ElementsAre("yoda", "obiwan", "hans"));
}

TEST_F(SqliteStoreRoomsTest, RoomsAndMembersSurviveReopening) {
    const auto id = store->insertRoom(
        makeGroup("learning3331", "yoda", {{"yoda", true}, {"hans", false}, {"obiwan", false}}));
    store->upsertRoomMember(id, {"obiwan", true});
    store->deleteRoomMember(id, "hans");
    reopen();
    auto rooms = store->rooms();
    ASSERT_EQ(rooms.size(), 1u);
    EXPECT_EQ(rooms[0].id, id);
    EXPECT_EQ(rooms[0].name, "learning3331");
    EXPECT_THAT(rooms[0].members,
                ElementsAre(RoomMember{"yoda", true}, RoomMember{"obiwan", true}));
}

// --- messages -------------------------------------------------------------------------------

TEST_F(SqliteStoreRoomsTest, MessagesKeepEveryField) {
    const auto room = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}}));
    const auto id =
        store->insertRoomMessage(makeMessage(room, 1, "yoda", "hi  there", at(2000, 7)));
    EXPECT_GT(id, 0);
    auto messages = store->roomMessages(room, 0, 10);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].id, id);
    EXPECT_EQ(messages[0].roomId, room);
    EXPECT_EQ(messages[0].number, 1);
    EXPECT_EQ(messages[0].sender, "yoda");
    EXPECT_EQ(messages[0].text, "hi  there");
    EXPECT_EQ(messages[0].time, at(2000, 7));
}

TEST_F(SqliteStoreRoomsTest, MessagesAreFilteredByRoomAndTimeInNumberOrder) {
    const auto a = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}}));
    const auto b = store->insertRoom(makeSeparate(2, "hans", {{"hans", true}}));
    // Inserted out of number order: reads come back by number.
    store->insertRoomMessage(makeMessage(a, 2, "yoda", "a2", at(2001)));
    store->insertRoomMessage(makeMessage(a, 1, "yoda", "a1", at(2000)));
    store->insertRoomMessage(makeMessage(b, 1, "hans", "b1", at(2000, 500)));
    store->insertRoomMessage(makeMessage(a, 3, "hans", "a3", at(2002)));

    EXPECT_THAT(texts(store->roomMessages(a, 0, 10)), ElementsAre("a1", "a2", "a3"));
    EXPECT_THAT(texts(store->roomMessages(b, 0, 10)), ElementsAre("b1"));
    // From is inclusive, to the microsecond.
    const std::int64_t micros2001 = 2001LL * 1'000'000;
    EXPECT_THAT(texts(store->roomMessages(a, micros2001, 10)), ElementsAre("a2", "a3"));
    EXPECT_THAT(texts(store->roomMessages(a, micros2001 + 1, 10)), ElementsAre("a3"));
    EXPECT_THAT(texts(store->roomMessages(b, 2000LL * 1'000'000 + 500, 10)), ElementsAre("b1"));
    EXPECT_THAT(store->roomMessages(b, 2000LL * 1'000'000 + 501, 10), IsEmpty());
    EXPECT_THAT(store->roomMessages(a + b + 100, 0, 10), IsEmpty());
}

TEST_F(SqliteStoreRoomsTest, LatestMessagesAreNewestFirstBelowANumberAndFromATime) {
    const auto room = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}}));
    const auto other = store->insertRoom(makeSeparate(2, "hans", {{"hans", true}}));
    for (int n = 1; n <= 5; ++n)
        store->insertRoomMessage(
            makeMessage(room, n, n % 2 ? "yoda" : "hans", "m" + std::to_string(n), at(2000 + n)));
    store->insertRoomMessage(makeMessage(other, 1, "hans", "o1", at(2003)));
    EXPECT_THAT(texts(store->latestRoomMessages(room, 0, 100, 2)), ElementsAre("m5", "m4"));
    EXPECT_THAT(texts(store->latestRoomMessages(room, 0, 4, 2)), ElementsAre("m3", "m2"));
    EXPECT_THAT(texts(store->latestRoomMessages(room, 2004LL * 1'000'000, 100, 10)),
                ElementsAre("m5", "m4"));
    EXPECT_THAT(store->latestRoomMessages(room, 0, 1, 10), IsEmpty());

    using Counts = std::vector<std::pair<std::string, std::size_t>>;
    EXPECT_EQ(store->roomMessageCounts(room, 0), (Counts{{"hans", 2}, {"yoda", 3}}));
    EXPECT_EQ(store->roomMessageCounts(room, 2004LL * 1'000'000),
              (Counts{{"hans", 1}, {"yoda", 1}}));
    EXPECT_EQ(store->roomMessageCounts(other, 0), (Counts{{"hans", 1}}));
    EXPECT_TRUE(store->roomMessageCounts(room, 2006LL * 1'000'000).empty());
}

TEST_F(SqliteStoreRoomsTest, MessagesHonourTheLimit) {
    const auto room = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}}));
    for (int n = 1; n <= 5; ++n)
        store->insertRoomMessage(
            makeMessage(room, n, "yoda", "m" + std::to_string(n), at(2000 + n)));
    EXPECT_THAT(texts(store->roomMessages(room, 0, 2)), ElementsAre("m1", "m2"));
    EXPECT_THAT(texts(store->roomMessages(room, 2003LL * 1'000'000, 2)), ElementsAre("m3", "m4"));
    EXPECT_EQ(store->roomMessages(room, 0, 5).size(), 5u);
    EXPECT_EQ(store->roomMessages(room, 0, 50).size(), 5u);
    EXPECT_THAT(store->roomMessages(room, 0, 0), IsEmpty());
}

TEST_F(SqliteStoreRoomsTest, LatestMessagesAreTheLastByNumberInNumberOrder) {
    const auto a = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}}));
    const auto b = store->insertRoom(makeSeparate(2, "hans", {{"hans", true}}));
    for (int n : {3, 1, 5, 2, 4})
        store->insertRoomMessage(makeMessage(a, n, "yoda", "a" + std::to_string(n), at(2000 + n)));
    store->insertRoomMessage(makeMessage(b, 1, "hans", "b1", at(3000)));
    EXPECT_THAT(texts(store->latestRoomMessages(a, 2)), ElementsAre("a4", "a5"));
    EXPECT_THAT(test::numbers(store->latestRoomMessages(a, 50)), ElementsAre(1, 2, 3, 4, 5));
    EXPECT_THAT(texts(store->latestRoomMessages(b, 2)), ElementsAre("b1"));
    EXPECT_THAT(store->latestRoomMessages(a, 0), IsEmpty());
    EXPECT_THAT(store->latestRoomMessages(a + b + 100, 5), IsEmpty());
}

TEST_F(SqliteStoreRoomsTest, LastMessageNumberIsPerRoom) {
    const auto a = store->insertRoom(makeSeparate(1, "yoda", {{"yoda", true}}));
    const auto b = store->insertRoom(makeSeparate(2, "hans", {{"hans", true}}));
    EXPECT_EQ(store->lastRoomMessageNumber(a), 0);
    store->insertRoomMessage(makeMessage(a, 1, "yoda", "a1", at(2000)));
    store->insertRoomMessage(makeMessage(a, 2, "yoda", "a2", at(2001)));
    store->insertRoomMessage(makeMessage(b, 1, "hans", "b1", at(2001)));
    EXPECT_EQ(store->lastRoomMessageNumber(a), 2);
    EXPECT_EQ(store->lastRoomMessageNumber(b), 1);
    store->insertRoomMessage(makeMessage(a, 7, "yoda", "a7", at(2002)));
    EXPECT_EQ(store->lastRoomMessageNumber(a), 7); // The highest, not a count.
    reopen();
    EXPECT_EQ(store->lastRoomMessageNumber(a), 7);
    EXPECT_THAT(texts(store->roomMessages(a, 0, 10)), ElementsAre("a1", "a2", "a7"));
}

} // namespace
} // namespace toom
