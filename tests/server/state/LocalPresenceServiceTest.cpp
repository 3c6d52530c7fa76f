// LocalPresenceService over a real SessionDirectory, LocalMessenger and UserLogFile, with a mocked
// Store and block policy: who is online, login history, userlog.txt and presence notices.

#include "server/state/LocalPresenceService.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "server/state/LocalMessenger.h"
#include "support/Files.h"
#include "support/ManualClock.h"
#include "support/TempDir.h"
#include "support/mocks/MockServices.h"
#include "support/mocks/MockStores.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace toom {
namespace {

using test::readFile;
using test::TempDir;

using ::testing::_;
using ::testing::AllOf;
using ::testing::Field;
using ::testing::NiceMock;
using ::testing::Return;

class LocalPresenceServiceTest : public ::testing::Test {
protected:
    LocalPresenceServiceTest() {
        ON_CALL(store, recordLogin(_)).WillByDefault([this](const LoginRecord&) {
            return ++lastLoginId;
        });
    }

    OnlineUser user(const std::string& name, int udpPort = 0) {
        return OnlineUser{name, "127.0.0.1", udpPort, clock.now()};
    }

    /// Logs `name` in with a fresh FakeOutbox and returns the outbox.
    std::shared_ptr<FakeOutbox> enter(const std::string& name, int udpPort = 0) {
        auto box = std::make_shared<FakeOutbox>();
        EXPECT_TRUE(presence.enter(user(name, udpPort), box)) << name;
        return box;
    }

    static std::vector<std::string> texts(const FakeOutbox& box) {
        std::vector<std::string> out;
        for (const auto& line : box.events())
            out.push_back(line.text());
        return out;
    }

    ServerSettings settings;
    ManualClock clock{testEpoch()};
    NiceMock<MockLoginHistory> store;
    NiceMock<MockBlockPolicy> blocks;
    SessionDirectory directory;
    LocalMessenger messenger{directory};
    TempDir dir;
    UserLogFile userLog{dir.file("userlog.txt"), true};
    LocalPresenceService presence{directory, store, userLog, messenger, blocks, settings, clock};
    std::int64_t lastLoginId = 100;
};

// --- who is online ------------------------------------------------------------------------------

TEST_F(LocalPresenceServiceTest, EnterMakesTheUserOnline) {
    enter("yoda", 8001);
    auto found = presence.find("yoda");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->udpPort, 8001);
    EXPECT_EQ(found->since, clock.now());
    EXPECT_FALSE(presence.find("luke").has_value());
}

TEST_F(LocalPresenceServiceTest, EnterTwiceIsRefusedAndChangesNothing) {
    EXPECT_CALL(store, recordLogin(_)).Times(1).WillOnce(Return(7));
    auto first = enter("yoda", 8001);
    auto second = std::make_shared<FakeOutbox>();
    EXPECT_FALSE(presence.enter(user("yoda", 9999), second));
    EXPECT_EQ(presence.online().size(), 1u);
    EXPECT_EQ(presence.find("yoda")->udpPort, 8001);
    EXPECT_EQ(userLog.lines().size(), 1u);
}

TEST_F(LocalPresenceServiceTest, OnlineIsInLoginOrder) {
    enter("yoda");
    clock.advanceSeconds(1);
    enter("luke");
    clock.advanceSeconds(1);
    enter("leia");
    presence.leave("luke", CloseReason::Logout);
    std::vector<std::string> names;
    for (const auto& u : presence.online())
        names.push_back(u.username);
    EXPECT_EQ(names, (std::vector<std::string>{"yoda", "leia"}));
}

TEST_F(LocalPresenceServiceTest, LeaveOfSomeoneOfflineIsANoOp) {
    EXPECT_CALL(store, recordLogout(_, _)).Times(0);
    auto yoda = enter("yoda");
    presence.leave("luke", CloseReason::Logout);
    EXPECT_TRUE(yoda->lines().empty());
    EXPECT_EQ(presence.online().size(), 1u);
}

TEST_F(LocalPresenceServiceTest, SetUdpPortUpdatesPresenceAndUserLog) {
    enter("yoda", 0);
    presence.setUdpPort("yoda", 8123);
    EXPECT_EQ(presence.find("yoda")->udpPort, 8123);
    EXPECT_EQ(userLog.lines(), (std::vector<std::string>{"1; " + formatSeedTime(clock.now(), true) +
                                                         "; yoda; 127.0.0.1; 8123"}));
    // Unknown users are ignored.
    presence.setUdpPort("luke", 1);
    EXPECT_FALSE(presence.find("luke").has_value());
}

// --- login history ------------------------------------------------------------------------------

TEST_F(LocalPresenceServiceTest, EnterAndLeaveAreRecordedInTheStore) {
    const Poco::Timestamp loginAt = clock.now();
    EXPECT_CALL(store, recordLogin(AllOf(Field(&LoginRecord::username, "yoda"),
                                         Field(&LoginRecord::address, "127.0.0.1"),
                                         Field(&LoginRecord::udpPort, 8001),
                                         Field(&LoginRecord::loginAt, loginAt),
                                         Field(&LoginRecord::logoutAt, std::nullopt))))
        .WillOnce(Return(42));
    enter("yoda", 8001);
    clock.advanceSeconds(90);
    EXPECT_CALL(store, recordLogout(42, clock.now())).Times(1);
    presence.leave("yoda", CloseReason::Logout);
}

TEST_F(LocalPresenceServiceTest, EachSessionClosesItsOwnLogin) {
    EXPECT_CALL(store, recordLogin(Field(&LoginRecord::username, "yoda"))).WillOnce(Return(1));
    EXPECT_CALL(store, recordLogin(Field(&LoginRecord::username, "luke"))).WillOnce(Return(2));
    enter("yoda");
    enter("luke");
    EXPECT_CALL(store, recordLogout(2, _)).Times(1);
    presence.leave("luke", CloseReason::IdleTimeout);
    EXPECT_CALL(store, recordLogout(1, _)).Times(1);
    presence.leave("yoda", CloseReason::Shutdown);
}

// The last logout (the login backlog's "since"): this run's from memory, as the store may not
// have committed it yet; the rest from the store.
TEST_F(LocalPresenceServiceTest, TheLastLogoutOfThisRunIsRememberedAndOthersComeFromTheStore) {
    const Poco::Timestamp earlier = clock.now() - Poco::Timespan(3600, 0);
    EXPECT_CALL(store, lastLogout("luke"))
        .WillOnce(Return(std::optional<Poco::Timestamp>(earlier)));
    EXPECT_EQ(presence.lastLogout("luke"), earlier);

    EXPECT_CALL(store, lastLogout("yoda")).Times(0);
    enter("yoda");
    clock.advanceSeconds(30);
    const Poco::Timestamp left = clock.now();
    presence.leave("yoda", CloseReason::Logout);
    clock.advanceSeconds(30);
    EXPECT_EQ(presence.lastLogout("yoda"), left);

    // A takeover closes the replaced login: its owner was never away.
    EXPECT_CALL(store, lastLogout("obiwan")).Times(0);
    enter("obiwan");
    clock.advanceSeconds(5);
    presence.takeOver(user("obiwan"), std::make_shared<FakeOutbox>());
    EXPECT_EQ(presence.lastLogout("obiwan"), clock.now());
}

TEST_F(LocalPresenceServiceTest, SeenSinceAsksTheStoreAndDeduplicatesNames) {
    const Poco::Timestamp since = clock.now() - Poco::Timespan(60, 0).totalMicroseconds();
    const Poco::Timestamp t = clock.now();
    EXPECT_CALL(store, loginsSince(since))
        .WillOnce(Return(std::vector<LoginRecord>{{"yoda", "a", 0, t, t},
                                                  {"luke", "a", 0, t, t},
                                                  {"yoda", "a", 0, t, std::nullopt},
                                                  {"leia", "a", 0, t, std::nullopt},
                                                  {"luke", "a", 0, t, std::nullopt}}));
    EXPECT_EQ(presence.seenSince(since), (std::vector<std::string>{"yoda", "luke", "leia"}));
}

// --- userlog.txt --------------------------------------------------------------------------------

TEST_F(LocalPresenceServiceTest, UserLogListsOnlineUsersInTheSeedFormat) {
    const std::string t1 = formatSeedTime(clock.now(), true);
    enter("yoda", 8001);
    clock.advanceSeconds(5);
    const std::string t2 = formatSeedTime(clock.now(), true);
    enter("luke", 8002);
    userLog.flush();
    EXPECT_EQ(readFile(userLog.path()),
              "1; " + t1 + "; yoda; 127.0.0.1; 8001\n" + "2; " + t2 + "; luke; 127.0.0.1; 8002\n");
}

TEST_F(LocalPresenceServiceTest, UserLogIsRenumberedAfterALogout) {
    enter("yoda", 8001);
    clock.advanceSeconds(5);
    const std::string t2 = formatSeedTime(clock.now(), true);
    enter("luke", 8002);
    clock.advanceSeconds(5);
    const std::string t3 = formatSeedTime(clock.now(), true);
    enter("leia", 8003);

    presence.leave("yoda", CloseReason::Logout);
    userLog.flush();
    EXPECT_EQ(readFile(userLog.path()),
              "1; " + t2 + "; luke; 127.0.0.1; 8002\n" + "2; " + t3 + "; leia; 127.0.0.1; 8003\n");
    presence.leave("leia", CloseReason::Logout);
    presence.leave("luke", CloseReason::Logout);
    userLog.flush();
    EXPECT_EQ(readFile(userLog.path()), "");
}

// --- presence notices ---------------------------------------------------------------------------

TEST_F(LocalPresenceServiceTest, LoginNoticeGoesToEveryoneElse) {
    auto yoda = enter("yoda");
    auto leia = enter("leia");
    yoda->clear();
    auto luke = enter("luke");

    for (const auto& box : {yoda, leia}) {
        auto events = box->events();
        ASSERT_EQ(events.size(), 1u);
        EXPECT_EQ(events[0].kind(), LineKind::Event);
        EXPECT_EQ(events[0].verb(), ev::kPresence);
        EXPECT_EQ(events[0].field("user"), "luke");
        EXPECT_EQ(events[0].field("state"), "online");
        EXPECT_EQ(events[0].field("at"), isoTime(clock.now()));
        EXPECT_EQ(events[0].text(), "luke logged in");
    }
    EXPECT_TRUE(luke->lines().empty());
}

TEST_F(LocalPresenceServiceTest, LogoutNoticeGoesToEveryoneElse) {
    auto yoda = enter("yoda");
    auto luke = enter("luke");
    yoda->clear();
    presence.leave("luke", CloseReason::Logout);
    auto events = yoda->events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].field("user"), "luke");
    EXPECT_EQ(events[0].field("state"), "offline");
    EXPECT_EQ(events[0].text(), "luke logged out");
    EXPECT_TRUE(luke->lines().empty());
}

TEST_F(LocalPresenceServiceTest, TimeoutsAndDisconnectsAreAnnouncedToo) {
    auto yoda = enter("yoda");
    enter("luke");
    enter("leia");
    yoda->clear();
    presence.leave("luke", CloseReason::IdleTimeout);
    presence.leave("leia", CloseReason::PeerClosed);
    EXPECT_EQ(texts(*yoda), (std::vector<std::string>{"luke logged out", "leia logged out"}));
}

TEST_F(LocalPresenceServiceTest, UsersTheSubjectBlockedHearNothing) {
    ON_CALL(blocks, isBlocking("luke", "leia")).WillByDefault(Return(true));
    auto yoda = enter("yoda");
    auto leia = enter("leia");
    yoda->clear();
    leia->clear();

    enter("luke");
    presence.leave("luke", CloseReason::Logout);
    EXPECT_EQ(texts(*yoda), (std::vector<std::string>{"luke logged in", "luke logged out"}));
    EXPECT_TRUE(leia->lines().empty());
}

TEST_F(LocalPresenceServiceTest, BlockingTheSubjectDoesNotHideTheSubject) {
    // leia blocked luke: that hides leia from luke, not luke from leia.
    ON_CALL(blocks, isBlocking("leia", "luke")).WillByDefault(Return(true));
    auto leia = enter("leia");
    auto luke = enter("luke");
    EXPECT_EQ(texts(*leia), (std::vector<std::string>{"luke logged in"}));
    presence.leave("leia", CloseReason::Logout);
    EXPECT_TRUE(luke->lines().empty());
}

TEST_F(LocalPresenceServiceTest, NoNoticesWhenSwitchedOff) {
    settings.presenceNotices = false;
    auto yoda = enter("yoda");
    enter("luke");
    presence.leave("luke", CloseReason::Logout);
    EXPECT_TRUE(yoda->lines().empty());
}

TEST_F(LocalPresenceServiceTest, NoLogoutNoticesOnShutdown) {
    auto yoda = enter("yoda");
    enter("luke");
    yoda->clear();
    EXPECT_CALL(store, recordLogout(_, _)).Times(1);
    presence.leave("luke", CloseReason::Shutdown);
    EXPECT_TRUE(yoda->lines().empty());
    // Shutdown still takes the user offline and out of userlog.txt.
    EXPECT_FALSE(presence.find("luke").has_value());
    EXPECT_EQ(userLog.lines().size(), 1u);
}

TEST_F(LocalPresenceServiceTest, ARefusingOutboxDoesNotStopTheOthers) {
    auto yoda = enter("yoda");
    auto leia = enter("leia");
    yoda->refuse = true;
    leia->clear();
    enter("luke");
    EXPECT_EQ(texts(*leia), (std::vector<std::string>{"luke logged in"}));
}

// --- taking a session over
// -------------------------------------------------------------------------

TEST_F(LocalPresenceServiceTest, TakeOverReplacesTheSessionWithoutNotices) {
    auto luke = enter("luke");
    auto old = enter("yoda", 8001);
    luke->clear();
    clock.advanceSeconds(30);
    auto fresh = std::make_shared<FakeOutbox>();
    OnlineUser again{"yoda", "127.0.0.2", 9001, clock.now()};
    EXPECT_EQ(presence.takeOver(again, fresh), old);

    auto found = presence.find("yoda");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->address, "127.0.0.2");
    EXPECT_EQ(found->udpPort, 9001);
    EXPECT_EQ(directory.find("yoda")->outbox, fresh);
    // The others heard nothing: for them yoda never went away.
    EXPECT_TRUE(luke->lines().empty());
    EXPECT_EQ(presence.online().size(), 2u);
}

TEST_F(LocalPresenceServiceTest, TakeOverClosesTheOldLoginAndOpensANewOne) {
    EXPECT_CALL(store, recordLogin(Field(&LoginRecord::address, "127.0.0.1"))).WillOnce(Return(1));
    enter("yoda");
    clock.advanceSeconds(30);
    EXPECT_CALL(store, recordLogout(1, clock.now())).Times(1);
    EXPECT_CALL(store, recordLogin(Field(&LoginRecord::address, "127.0.0.2"))).WillOnce(Return(2));
    presence.takeOver(OnlineUser{"yoda", "127.0.0.2", 0, clock.now()},
                      std::make_shared<FakeOutbox>());
    // The new session's logout closes the new login, once.
    EXPECT_CALL(store, recordLogout(2, _)).Times(1);
    presence.leave("yoda", CloseReason::Logout);
}

TEST_F(LocalPresenceServiceTest, TakeOverShowsTheNewConnectionInTheUserLog) {
    enter("yoda", 8001);
    enter("luke", 8002);
    clock.advanceSeconds(5);
    const std::string t = formatSeedTime(clock.now(), true);
    presence.takeOver(OnlineUser{"yoda", "127.0.0.2", 9001, clock.now()},
                      std::make_shared<FakeOutbox>());
    ASSERT_EQ(userLog.lines().size(), 2u);
    EXPECT_EQ(userLog.lines()[1], "2; " + t + "; yoda; 127.0.0.2; 9001");
}

TEST_F(LocalPresenceServiceTest, TheOldSessionLeavingAfterATakeoverChangesNothing) {
    auto luke = enter("luke");
    auto old = enter("yoda");
    auto fresh = std::make_shared<FakeOutbox>();
    presence.takeOver(user("yoda"), fresh);
    luke->clear();
    EXPECT_CALL(store, recordLogout(_, _)).Times(0);
    presence.leaveSession("yoda", *old, CloseReason::PeerClosed);
    EXPECT_TRUE(presence.find("yoda").has_value());
    EXPECT_EQ(directory.find("yoda")->outbox, fresh);
    EXPECT_EQ(userLog.lines().size(), 2u);
    EXPECT_TRUE(luke->lines().empty());
    ::testing::Mock::VerifyAndClearExpectations(&store);
    // The new session's own leave works as ever.
    presence.leaveSession("yoda", *fresh, CloseReason::Logout);
    EXPECT_FALSE(presence.find("yoda").has_value());
    EXPECT_EQ(texts(*luke), (std::vector<std::string>{"yoda logged out"}));
}

TEST_F(LocalPresenceServiceTest, TakeOverTellsTheLeaveListenersAboutTheOldSession) {
    std::vector<std::pair<std::string, CloseReason>> heard;
    presence.addLeaveListener(
        [&](const std::string& name, CloseReason reason) { heard.emplace_back(name, reason); });
    enter("yoda");
    presence.takeOver(user("yoda"), std::make_shared<FakeOutbox>());
    ASSERT_EQ(heard.size(), 1u);
    EXPECT_EQ(heard[0].first, "yoda");
    EXPECT_EQ(heard[0].second, CloseReason::TakenOver);
}

TEST_F(LocalPresenceServiceTest, TakeOverOfSomeoneOfflineIsALogin) {
    auto luke = enter("luke");
    luke->clear();
    EXPECT_EQ(presence.takeOver(user("yoda", 8001), std::make_shared<FakeOutbox>()), nullptr);
    EXPECT_TRUE(presence.find("yoda").has_value());
    EXPECT_EQ(texts(*luke), (std::vector<std::string>{"yoda logged in"}));
    EXPECT_EQ(userLog.lines().size(), 2u);
}

/// An audience that is whatever the test says.
class FixedAudience final : public PresenceAudience {
public:
    std::vector<std::string> audienceOf(const std::string& subject) const override {
        auto it = contacts.find(subject);
        return it == contacts.end() ? std::vector<std::string>{} : it->second;
    }
    std::map<std::string, std::vector<std::string>> contacts;
};

// Scoped to contacts, a notice reaches only the subject's audience (blocks still apply), and
// the subject is never told about themselves.
TEST_F(LocalPresenceServiceTest, ScopedNoticesReachOnlyTheSubjectsContacts) {
    settings.presenceScope = PresenceScope::Contacts;
    FixedAudience audience;
    audience.contacts["yoda"] = {"luke", "yoda", "han", "nobody-online"};
    LocalPresenceService scoped{directory, store,    userLog, messenger,
                                blocks,    settings, clock,   &audience};
    auto enterScoped = [&](const std::string& name) {
        auto box = std::make_shared<FakeOutbox>();
        EXPECT_TRUE(scoped.enter(user(name), box)) << name;
        return box;
    };
    auto luke = enterScoped("luke");
    auto leia = enterScoped("leia");
    auto han = enterScoped("han");
    ON_CALL(blocks, isBlocking("yoda", "han")).WillByDefault(Return(true));
    auto yoda = enterScoped("yoda");
    EXPECT_EQ(texts(*luke), (std::vector<std::string>{"yoda logged in"}));
    EXPECT_TRUE(leia->lines().empty()); // Not a contact.
    EXPECT_TRUE(han->lines().empty());  // Blocked by yoda.
    EXPECT_TRUE(yoda->lines().empty());
    scoped.leave("yoda", CloseReason::Logout);
    EXPECT_EQ(texts(*luke), (std::vector<std::string>{"yoda logged in", "yoda logged out"}));
    EXPECT_TRUE(leia->lines().empty());
}

} // namespace
} // namespace toom
