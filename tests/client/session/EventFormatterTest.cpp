#include "client/session/EventFormatter.h"

#include "support/ScopedTimeZone.h"

#include <gtest/gtest.h>

using namespace toom;
using namespace toom::client;

namespace {

// 2026-12-04 13:22:02 UTC; with TZ=UTC0 the time column reads 13:22.
constexpr std::time_t kNow = 1796390522;
constexpr const char* kTs = "2026-12-04T13:22:02.863Z";

ServerLine event(std::string line) {
    auto parsed = ServerLine::parse(line);
    EXPECT_TRUE(parsed) << line;
    return parsed.value_or(ServerLine());
}

class EventFormatterTest : public ::testing::Test {
protected:
    EventFormatterTest() { formatter.setViewer("yoda", false); }

    std::string shown(const std::string& line) {
        return formatter.format(event(line), kNow).line.plain();
    }

    test::ScopedTimeZone utc{"UTC0"};
    EventFormatter formatter;
};

TEST_F(EventFormatterTest, APrivateMessageSaysWhoFromAndRingsTheBell) {
    auto shownEvent = formatter.format(
        event(std::string("EVENT MESSAGE from=obiwan ts=") + kTs +
              " offline=0 text=hello\\sthere :04 Dec 2026 13:22:02, obiwan: hello there"),
        kNow);
    EXPECT_EQ(shownEvent.line.plain(), "13:22 [msg] obiwan: hello there");
    EXPECT_TRUE(shownEvent.alert);
    EXPECT_EQ(shownEvent.line.spans()[0].tone, Tone::Time);
    EXPECT_EQ(shownEvent.line.spans()[2].tone, Tone::Private);
    EXPECT_EQ(shownEvent.line.spans()[4].tone, Tone::Nick);
}

TEST_F(EventFormatterTest, AnOfflineMessageIsMarkedAndKeepsItsOriginalDayAndTime) {
    EXPECT_EQ(shown("EVENT MESSAGE from=obiwan ts=2026-12-03T08:05:00.000Z offline=1 "
                    "text=were\\syou\\sthere? :x"),
              "3 Dec 08:05 [msg, sent while you were away] obiwan: were you there?");
    EXPECT_EQ(shown("EVENT MESSAGE from=obiwan ts=2025-11-30T08:05:00.000Z offline=1 text=old :x"),
              "30 Nov 2025 08:05 [msg, sent while you were away] obiwan: old");
}

TEST_F(EventFormatterTest, BoardPostsShowTheirNumber) {
    EXPECT_EQ(shown(std::string("EVENT BOARD action=posted n=2 user=obiwan ts=") + kTs +
                    " edited=0 text=reply\\spost :#2 ..."),
              "13:22 [board #2] obiwan: reply post");
    EXPECT_EQ(shown(std::string("EVENT BOARD action=edited n=2 user=obiwan ts=") + kTs +
                    " edited=1 text=fixed :obiwan edited message #2: fixed"),
              "13:22 [board #2] obiwan edited: fixed");
    EXPECT_EQ(shown(std::string("EVENT BOARD action=deleted n=2 user=obiwan ts=") + kTs + " :x"),
              "13:22 [board #2] obiwan deleted this post (later posts move up by one)");
}

TEST_F(EventFormatterTest, RoomsAndGroupsAreNamed) {
    EXPECT_EQ(shown(std::string("EVENT ROOM kind=group room=jedi n=1 from=obiwan ts=") + kTs +
                    " text=hey :x"),
              "13:22 [#jedi] obiwan: hey");
    EXPECT_EQ(shown(std::string("EVENT ROOM kind=separate room=3 n=1 from=obiwan ts=") + kTs +
                    " text=hey :x"),
              "13:22 [room 3] obiwan: hey");
}

// What came while the reader was away (the backlog at login) is marked like an offline
// message, with its own day and time.
TEST_F(EventFormatterTest, TheBacklogIsMarkedAsWaitingWithItsOriginalTime) {
    EXPECT_EQ(shown("EVENT BOARD action=posted n=7 user=obiwan ts=2026-12-03T08:05:00.000Z "
                    "edited=0 text=lunch backlog=1 :#7 ..."),
              "3 Dec 08:05 [board #7, while you were away] obiwan: lunch");
    EXPECT_EQ(shown("EVENT ROOM kind=group room=jedi n=3 from=obiwan ts=2026-12-03T08:06:00.000Z "
                    "text=hi backlog=1 :x"),
              "3 Dec 08:06 [#jedi, while you were away] obiwan: hi");
    EXPECT_EQ(shown("EVENT ROOM kind=separate room=2 n=1 from=hans ts=2026-12-04T09:00:00.000Z "
                    "text=yo backlog=1 :x"),
              "09:00 [room 2, while you were away] hans: yo");
    // Without the mark, a live one.
    EXPECT_EQ(shown(std::string("EVENT BOARD action=posted n=7 user=obiwan ts=") + kTs +
                    " edited=0 text=lunch backlog=0 :#7 ..."),
              "13:22 [board #7] obiwan: lunch");
}

TEST_F(EventFormatterTest, TheBacklogCountsWhatItLeftOutAndSaysHowToReadIt) {
    EXPECT_EQ(shown("EVENT BACKLOG source=board shown=10 more=12 since=2026-12-03T08:00:00.000Z "
                    "read=READ\\s3\\sDec\\s2026\\s07:59:59 :12 more board posts"),
              "13:22 -- 12 more board posts while you were away: READ 3 Dec 2026 07:59:59");
    EXPECT_EQ(shown("EVENT BACKLOG source=room kind=group room=jedi shown=10 more=1 "
                    "since=2026-12-03T08:00:00.000Z read=HISTORY\\s#jedi\\s3\\sDec\\s2026"
                    "\\s07:59:59 :x"),
              "13:22 -- 1 more message in #jedi while you were away: HISTORY #jedi 3 Dec 2026 "
              "07:59:59");
    EXPECT_EQ(shown("EVENT BACKLOG source=room kind=separate room=4 shown=10 more=2 "
                    "since=2026-12-03T08:00:00.000Z read=HISTORY\\s4 :x"),
              "13:22 -- 2 more messages in room 4 while you were away: HISTORY 4");
    EXPECT_EQ(shown("EVENT BACKLOG source=all cut=1 :More came"),
              "13:22 -- More came while you were away than is shown here: READ, ROOMS and "
              "HISTORY show it");
    // A seed profile keeps the server's text, as a notice.
    formatter.setViewer("yoda", true);
    auto seed = formatter.format(event("EVENT BACKLOG source=board shown=1 more=2 read=READ "
                                       ":2 more board posts while you were away: READ"),
                                 kNow);
    EXPECT_EQ(seed.line.plain(), "13:22 2 more board posts while you were away: READ");
    EXPECT_EQ(seed.line.spans().back().tone, Tone::Notice);
}

TEST_F(EventFormatterTest, AMentionIsHighlightedAndAlertsButAPartOfAWordIsNot) {
    auto mention =
        formatter.format(event(std::string("EVENT ROOM kind=group room=jedi n=1 from=obiwan ts=") +
                               kTs + " text=where\\sis\\sYoda? :x"),
                         kNow);
    EXPECT_TRUE(mention.alert);
    const auto& spans = mention.line.spans();
    ASSERT_GE(spans.size(), 3u);
    EXPECT_EQ(spans[spans.size() - 2], (Span{Tone::Mention, "Yoda", 0}));
    EXPECT_EQ(spans.back().text, "?");

    for (const char* text : {"yodas\\sare\\sgreen", "grogu-yoda", "yoda_fan", "yoda\xC3\xA9"}) {
        auto other = formatter.format(event(std::string("EVENT BOARD action=posted n=1 "
                                                        "user=obiwan ts=") +
                                            kTs + " text=" + text + " :x"),
                                      kNow);
        EXPECT_FALSE(other.alert) << text;
    }
}

TEST_F(EventFormatterTest, YourOwnNameIsShownAsYours) {
    auto presence = formatter.format(
        event("EVENT PRESENCE user=yoda state=online at=2026-12-04T13:22:02.000Z :x"), kNow);
    EXPECT_EQ(presence.line.plain(), "13:22 -- yoda is online");
    EXPECT_EQ(presence.line.spans()[3].tone, Tone::Own);
    EXPECT_FALSE(presence.alert);
}

TEST_F(EventFormatterTest, PresenceAndInvitations) {
    EXPECT_EQ(shown("EVENT PRESENCE user=obiwan state=offline at=2026-12-04T13:22:05.169Z "
                    ":obiwan logged out"),
              "13:22 -- obiwan went offline");
    EXPECT_EQ(shown("EVENT INVITE group=jedi from=obiwan members=obiwan,yoda :x"),
              "13:22 -- obiwan invited you to the group #jedi (obiwan, yoda); /joingroup jedi "
              "joins it");
}

TEST_F(EventFormatterTest, UnknownTypesAndMissingFieldsShowTheServersText) {
    EXPECT_EQ(shown("EVENT NEWS topic=x :Something new happened"), "13:22 Something new happened");
    EXPECT_EQ(shown("EVENT MESSAGE :04 Dec 2026 13:22:02, obiwan: hi"),
              "13:22 04 Dec 2026 13:22:02, obiwan: hi");
    EXPECT_TRUE(formatter.format(event("EVENT NEWS topic=x"), kNow).line.spans().empty());
}

TEST_F(EventFormatterTest, SeedProfilesKeepTheSeedsWordingInsideTheFrame) {
    formatter.setViewer("yoda", true);
    auto message =
        formatter.format(event(std::string("EVENT MESSAGE from=obiwan ts=") + kTs +
                               " offline=0 text=hello :04 Dec 2026 13:22:02, obiwan: hello"),
                         kNow);
    EXPECT_EQ(message.line.plain(), "13:22 04 Dec 2026 13:22:02, obiwan: hello");
    EXPECT_TRUE(message.alert);
    EXPECT_EQ(message.line.spans()[2].tone, Tone::Private);
    auto mention =
        formatter.format(event(std::string("EVENT ROOM kind=group room=jedi n=1 from=obiwan ts=") +
                               kTs + " text=yoda,\\scome :jedi, obiwan: yoda, come"),
                         kNow);
    EXPECT_EQ(mention.line.plain(), "13:22 jedi, obiwan: yoda, come");
    EXPECT_TRUE(mention.alert);
}

TEST_F(EventFormatterTest, TheViewerIsLearnedFromTheGreetingAndTheLogin) {
    EventFormatter learner;
    ServerReply hello;
    hello.final = event("HELLO TOOM/1 profile=tessenger max_line=4096 :x");
    learner.observe(hello);
    ServerReply pass;
    pass.final = event("OK PASS user=yoda since=2026-12-04T13:22:01.409Z :Welcome");
    learner.observe(pass);
    auto line = learner.format(event(std::string("EVENT BOARD action=posted n=1 user=obiwan ts=") +
                                     kTs + " text=hi\\syoda :#1 obiwan: hi yoda"),
                               kNow);
    EXPECT_EQ(line.line.plain(), "13:22 #1 obiwan: hi yoda"); // Seed wording: tessenger.
    EXPECT_TRUE(line.alert);                                  // And it knows who yoda is.

    ServerReply defaultHello;
    defaultHello.final = event("HELLO TOOM/1 profile=toom-default :x");
    learner.observe(defaultHello);
    EXPECT_EQ(learner
                  .format(event(std::string("EVENT BOARD action=posted n=1 user=obiwan ts=") + kTs +
                                " text=hi :x"),
                          kNow)
                  .line.plain(),
              "13:22 [board #1] obiwan: hi");
}

TEST_F(EventFormatterTest, TheTimeColumnFollowsTheFormatAndTheTimeZone) {
    EventFormatter seconds("%H:%M:%S");
    EXPECT_EQ(seconds.timeColumn(kNow, kNow), "13:22:02");
    test::ScopedTimeZone tokyo("JST-9");
    EXPECT_EQ(formatter.timeColumn(kNow, kNow), "22:22");
}

TEST_F(EventFormatterTest, TimeFormatsAreChecked) {
    EXPECT_FALSE(EventFormatter::checkTimeFormat("%H:%M"));
    EXPECT_FALSE(EventFormatter::checkTimeFormat("[%H:%M:%S]"));
    EXPECT_TRUE(EventFormatter::checkTimeFormat(""));
    EXPECT_TRUE(EventFormatter::checkTimeFormat(std::string(33, 'x')));
    EXPECT_TRUE(EventFormatter::checkTimeFormat("%H\n"));
    EXPECT_TRUE(EventFormatter::checkTimeFormat("%c%c%c%c%c%c%c")); // Far over 64 bytes.
}

} // namespace
