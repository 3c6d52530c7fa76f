// LocalMonitorService (who follows whom) and ContactsAudience (who hears about a login).

#include "server/state/LocalMonitorService.h"

#include "server/state/ContactsAudience.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::Return;
using ::testing::UnorderedElementsAre;

TEST(LocalMonitorServiceTest, FollowsBothWaysAndForgets) {
    LocalMonitorService monitors;
    EXPECT_EQ(monitors.limit(), LocalMonitorService::kDefaultLimit);
    EXPECT_TRUE(monitors.add("yoda", {"luke", "leia", "luke"}));
    EXPECT_TRUE(monitors.add("han", {"luke"}));
    EXPECT_EQ(monitors.followedBy("yoda"), (std::vector<std::string>{"leia", "luke"}));
    EXPECT_THAT(monitors.followersOf("luke"), UnorderedElementsAre("yoda", "han"));

    monitors.remove("yoda", {"luke", "nobody"});
    EXPECT_EQ(monitors.followersOf("luke"), std::vector<std::string>{"han"});
    monitors.clear("han");
    EXPECT_TRUE(monitors.followersOf("luke").empty());
    EXPECT_TRUE(monitors.followedBy("han").empty());
    EXPECT_EQ(monitors.followersOf("leia"), std::vector<std::string>{"yoda"});
    monitors.clear("yoda");
    EXPECT_TRUE(monitors.followersOf("leia").empty());
}

TEST(LocalMonitorServiceTest, TheLimitIsAllOrNothingAndCountsNamesOnce) {
    LocalMonitorService monitors(3);
    EXPECT_TRUE(monitors.add("yoda", {"a", "b"}));
    EXPECT_FALSE(monitors.add("yoda", {"c", "d"})); // 4 > 3: nothing added.
    EXPECT_EQ(monitors.followedBy("yoda"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(monitors.add("yoda", {"a", "c", "c"})); // a already counted; c once.
    EXPECT_EQ(monitors.followedBy("yoda"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(monitors.add("yoda", {"b"}));
    EXPECT_FALSE(monitors.add("yoda", {"d"}));
    EXPECT_FALSE(LocalMonitorService(0).add("han", {"a"}));
}

TEST(ContactsAudienceTest, RoomMatesAndFollowersOnceWithoutTheSubject) {
    ::testing::NiceMock<MockRoomService> rooms;
    LocalMonitorService monitors;
    Room jedi;
    jedi.kind = RoomKind::Group;
    jedi.name = "jedi";
    jedi.members = {{"luke", true}, {"yoda", false}, {"obiwan", true}};
    Room one;
    one.kind = RoomKind::Separate;
    one.number = 1;
    one.members = {{"luke", true}, {"yoda", true}, {"leia", true}};
    ON_CALL(rooms, roomsOf("luke")).WillByDefault(Return(std::vector<Room>{jedi, one}));
    ASSERT_TRUE(monitors.add("han", {"luke"}));
    ASSERT_TRUE(monitors.add("yoda", {"luke"}));

    ContactsAudience contacts(rooms, monitors);
    EXPECT_THAT(contacts.audienceOf("luke"), UnorderedElementsAre("yoda", "obiwan", "leia", "han"));
    EXPECT_TRUE(contacts.audienceOf("nobody").empty());
}

} // namespace
} // namespace toom
