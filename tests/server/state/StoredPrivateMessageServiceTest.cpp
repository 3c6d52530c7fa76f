// StoredPrivateMessageService with a mocked Messenger (who is online) over a real SqliteStore (the
// offline queue) or a MockPrivateMessageStore, and the seed's private message log.

#include "server/state/StoredPrivateMessageService.h"

#include "common/SeedTime.h"
#include "server/store/SqliteStore.h"
#include "support/Files.h"
#include "support/LocalTime.h"
#include "support/ManualClock.h"
#include "support/TempDir.h"
#include "support/mocks/MockServices.h"
#include "support/mocks/MockStores.h"

#include <Poco/File.h>
#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <memory>
#include <set>

namespace toom {
namespace {

using test::TempDir;
using ::testing::_;
using ::testing::NiceMock;
using ::testing::Return;
using Outcome = PrivateMessageService::Outcome;

constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();

using test::localTime;
using test::readLines;

class StoredPrivateMessageServiceTest : public ::testing::Test {
protected:
    StoredPrivateMessageServiceTest() {
        // sendTo succeeds for users in `online`, and records what they were sent.
        ON_CALL(messenger, sendTo(_, _))
            .WillByDefault([this](const std::string& user, const ServerLine& event) {
                if (!online.count(user))
                    return false;
                received[user].push_back(event);
                return true;
            });
    }

    PrivateMessage message(const std::string& from, const std::string& to,
                           const std::string& text) {
        return PrivateMessage{0, from, to, text, clock.now()};
    }

    static std::vector<std::string> texts(const std::vector<ServerLine>& events) {
        std::vector<std::string> out;
        for (const auto& event : events)
            out.push_back(event.field("text").value_or("?"));
        return out;
    }

    TempDir dir;
    ServerSettings settings;
    ManualClock clock{localTime(2023, 6, 1, 15, 0, 1)};
    NiceMock<MockMessenger> messenger;
    std::set<std::string> online;
    std::map<std::string, std::vector<ServerLine>> received;
    SqliteStore store{dir.file("toom.db")};
    std::string logPath = dir.file("pmlog.txt");
    PrivateLogFile log{logPath, true};
    StoredPrivateMessageService service{messenger, store, log, settings};
};

// --- online ---------------------------------------------------------------------------------

TEST_F(StoredPrivateMessageServiceTest, OnlineRecipientGetsItAtOnce) {
    online.insert("obiwan");
    EXPECT_EQ(service.send(message("yoda", "obiwan", "hi  there")), Outcome::Delivered);
    ASSERT_EQ(received["obiwan"].size(), 1u);
    const ServerLine& event = received["obiwan"][0];
    EXPECT_EQ(event.kind(), LineKind::Event);
    EXPECT_EQ(event.verb(), "MESSAGE");
    EXPECT_EQ(event.field("from"), "yoda");
    EXPECT_EQ(event.field("ts"), isoTime(clock.now()));
    EXPECT_EQ(event.intField("offline"), 0);
    EXPECT_EQ(event.field("text"), "hi  there");
    EXPECT_EQ(store.offlineMessageCount("obiwan"), 0u);
}

TEST_F(StoredPrivateMessageServiceTest, EventTextPlainStyle) {
    settings.messageStyle = MessageStyle::Plain;
    online.insert("obiwan");
    service.send(message("yoda", "obiwan", "hi"));
    EXPECT_EQ(received["obiwan"].at(0).text(), "yoda: hi");
}

TEST_F(StoredPrivateMessageServiceTest, EventTextTimestampedStyle) {
    settings.messageStyle = MessageStyle::Timestamped;
    settings.padDay = true;
    online.insert("obiwan");
    service.send(message("yoda", "obiwan", "hi"));
    EXPECT_EQ(received["obiwan"].at(0).text(), "01 Jun 2023 15:00:01, yoda: hi");
    settings.padDay = false;
    service.send(message("yoda", "obiwan", "hi"));
    EXPECT_EQ(received["obiwan"].at(1).text(), "1 Jun 2023 15:00:01, yoda: hi");
}

// --- offline --------------------------------------------------------------------------------

TEST_F(StoredPrivateMessageServiceTest, OfflineRecipientGetsItStored) {
    EXPECT_EQ(service.send(message("yoda", "obiwan", "hello")), Outcome::Stored);
    auto waiting = store.offlineMessagesFor("obiwan");
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].sender, "yoda");
    EXPECT_EQ(waiting[0].recipient, "obiwan");
    EXPECT_EQ(waiting[0].text, "hello");
    EXPECT_EQ(waiting[0].sentAt, clock.now());
}

TEST_F(StoredPrivateMessageServiceTest, QueueIsBoundedPerRecipient) {
    settings.maxOfflineMessages = 2;
    EXPECT_EQ(service.send(message("yoda", "obiwan", "1")), Outcome::Stored);
    EXPECT_EQ(service.send(message("luke", "obiwan", "2")), Outcome::Stored);
    EXPECT_EQ(service.send(message("yoda", "obiwan", "3")), Outcome::QueueFull);
    EXPECT_EQ(store.offlineMessageCount("obiwan"), 2u);
    // Another recipient has a queue of their own.
    EXPECT_EQ(service.send(message("yoda", "luke", "1")), Outcome::Stored);
    // Once obiwan is online and has received what waited, delivery is live again.
    online.insert("obiwan");
    EXPECT_EQ(service.deliverStored("obiwan", kAll).delivered, 2u);
    EXPECT_EQ(service.send(message("yoda", "obiwan", "4")), Outcome::Delivered);
}

TEST_F(StoredPrivateMessageServiceTest, QueueFullStoresNothingWithAMockStore) {
    NiceMock<MockPrivateMessageStore> mockStore;
    ON_CALL(mockStore, offlineMessageCounts())
        .WillByDefault(Return(MockPrivateMessageStore::CountByRecipient{{"obiwan", 5}}));
    StoredPrivateMessageService mocked{messenger, mockStore, log, settings};
    settings.maxOfflineMessages = 5;
    EXPECT_CALL(mockStore, insertOfflineMessage(_)).Times(0);
    EXPECT_CALL(mockStore, insertDeliveredMessage(_)).Times(0);
    EXPECT_EQ(mocked.send(message("yoda", "obiwan", "x")), Outcome::QueueFull);
}

// Every private message is kept: one delivered at once goes to the history. Sending reads
// nothing from the store (the waiting counts are in memory), so a send never waits for the
// store writer.
TEST_F(StoredPrivateMessageServiceTest, ADeliveredMessageIsStoredAsHistoryWithoutReadingTheStore) {
    NiceMock<MockPrivateMessageStore> mockStore;
    StoredPrivateMessageService mocked{messenger, mockStore, log, settings};
    online.insert("obiwan");
    EXPECT_CALL(mockStore, offlineMessageCount(_)).Times(0);
    EXPECT_CALL(mockStore, offlineMessagesFor(_)).Times(0);
    EXPECT_CALL(mockStore, insertOfflineMessage(_)).Times(0);
    EXPECT_CALL(mockStore, insertDeliveredMessage(::testing::AllOf(
                               ::testing::Field(&PrivateMessage::sender, "yoda"),
                               ::testing::Field(&PrivateMessage::recipient, "obiwan"),
                               ::testing::Field(&PrivateMessage::text, "hi"))));
    EXPECT_EQ(mocked.send(message("yoda", "obiwan", "hi")), Outcome::Delivered);
    // Nothing waits for obiwan: logging in does not ask the store either.
    EXPECT_EQ(mocked.deliverStored("obiwan", kAll).delivered, 0u);
}

// The counts of waiting messages come from the store once, at start: a queue left by the
// previous run still holds later messages back (order) and still counts toward the bound.
TEST_F(StoredPrivateMessageServiceTest, WaitingCountsFromThePreviousRunAreHonoured) {
    NiceMock<MockPrivateMessageStore> mockStore;
    ON_CALL(mockStore, offlineMessageCounts())
        .WillByDefault(Return(MockPrivateMessageStore::CountByRecipient{{"obiwan", 1}}));
    StoredPrivateMessageService mocked{messenger, mockStore, log, settings};
    online.insert("obiwan");
    EXPECT_CALL(mockStore, insertOfflineMessage(_));
    EXPECT_EQ(mocked.send(message("yoda", "obiwan", "behind the old one")), Outcome::Stored);
}

// --- delivery at login ----------------------------------------------------------------------

TEST_F(StoredPrivateMessageServiceTest, DeliverStoredPushesInOrderWithOriginalTimes) {
    const Poco::Timestamp first = clock.now();
    service.send(message("yoda", "obiwan", "one"));
    clock.advanceSeconds(30);
    const Poco::Timestamp second = clock.now();
    service.send(message("luke", "obiwan", "two"));
    clock.advanceSeconds(600);

    online.insert("obiwan");
    EXPECT_EQ(service.deliverStored("obiwan", kAll).delivered, 2u);
    const auto& events = received["obiwan"];
    ASSERT_EQ(events.size(), 2u);
    EXPECT_THAT(texts(events), ::testing::ElementsAre("one", "two"));
    EXPECT_EQ(events[0].field("from"), "yoda");
    EXPECT_EQ(events[0].field("ts"), isoTime(first));
    EXPECT_EQ(events[0].intField("offline"), 1);
    EXPECT_EQ(events[1].field("from"), "luke");
    EXPECT_EQ(events[1].field("ts"), isoTime(second));
    EXPECT_EQ(events[1].intField("offline"), 1);
    EXPECT_EQ(store.offlineMessageCount("obiwan"), 0u);
    EXPECT_EQ(service.deliverStored("obiwan", kAll).delivered, 0u);
}

TEST_F(StoredPrivateMessageServiceTest, DeliveredStoredTextShowsTheOriginalTime) {
    settings.messageStyle = MessageStyle::Timestamped;
    service.send(message("yoda", "obiwan", "hi"));
    clock.advanceSeconds(3600);
    online.insert("obiwan");
    service.deliverStored("obiwan", kAll);
    EXPECT_EQ(received["obiwan"].at(0).text(), "01 Jun 2023 15:00:01, yoda: hi");
}

TEST_F(StoredPrivateMessageServiceTest, DeliverStoredLeavesOtherRecipientsQueues) {
    service.send(message("yoda", "obiwan", "for obiwan"));
    service.send(message("yoda", "luke", "for luke"));
    online.insert("obiwan");
    EXPECT_EQ(service.deliverStored("obiwan", kAll).delivered, 1u);
    EXPECT_EQ(store.offlineMessageCount("luke"), 1u);
    EXPECT_TRUE(received["luke"].empty());
}

TEST_F(StoredPrivateMessageServiceTest, DeliverStoredStopsWhenSendingFailsAndKeepsTheRest) {
    service.send(message("yoda", "obiwan", "one"));
    service.send(message("yoda", "obiwan", "two"));
    service.send(message("yoda", "obiwan", "three"));
    int calls = 0;
    ON_CALL(messenger, sendTo("obiwan", _))
        .WillByDefault([&](const std::string&, const ServerLine& event) {
            if (++calls > 1)
                return false; // gone again after the first
            received["obiwan"].push_back(event);
            return true;
        });
    EXPECT_EQ(service.deliverStored("obiwan", kAll).delivered, 1u);
    EXPECT_THAT(texts(received["obiwan"]), ::testing::ElementsAre("one"));
    EXPECT_EQ(calls, 2); // stopped at the first failure
    auto left = store.offlineMessagesFor("obiwan");
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].text, "two");
    EXPECT_EQ(left[1].text, "three");

    // Next login: the rest, still in order.
    online.insert("obiwan");
    received.clear();
    ON_CALL(messenger, sendTo("obiwan", _))
        .WillByDefault([&](const std::string&, const ServerLine& event) {
            received["obiwan"].push_back(event);
            return true;
        });
    EXPECT_EQ(service.deliverStored("obiwan", kAll).delivered, 2u);
    EXPECT_THAT(texts(received["obiwan"]), ::testing::ElementsAre("two", "three"));
}

TEST_F(StoredPrivateMessageServiceTest, DeliverStoredDeletesOnlyWhatWasDeliveredWithAMockStore) {
    NiceMock<MockPrivateMessageStore> mockStore;
    ON_CALL(mockStore, offlineMessageCounts())
        .WillByDefault(Return(MockPrivateMessageStore::CountByRecipient{{"obiwan", 3}}));
    StoredPrivateMessageService mocked{messenger, mockStore, log, settings};
    ON_CALL(mockStore, offlineMessagesFor("obiwan"))
        .WillByDefault(
            Return(std::vector<PrivateMessage>{{7, "yoda", "obiwan", "a", clock.now()},
                                               {9, "luke", "obiwan", "b", clock.now()},
                                               {12, "yoda", "obiwan", "c", clock.now()}}));
    int calls = 0;
    ON_CALL(messenger, sendTo("obiwan", _)).WillByDefault([&](auto&&...) { return ++calls <= 2; });
    EXPECT_CALL(mockStore, markOfflineMessagesDelivered(std::vector<std::int64_t>{7, 9}));
    EXPECT_EQ(mocked.deliverStored("obiwan", kAll).delivered, 2u);
}

TEST_F(StoredPrivateMessageServiceTest, DeliverStoredWhileStillOfflineDeliversNothing) {
    service.send(message("yoda", "obiwan", "one"));
    EXPECT_EQ(service.deliverStored("obiwan", kAll).delivered, 0u);
    EXPECT_EQ(store.offlineMessageCount("obiwan"), 1u);
}

// A long queue goes out in slices of about the byte budget (each line here is about 900 bytes:
// the text appears as a field and as the human-readable text), oldest first, at least one message
// per slice; what is not pushed stays stored, in order, for the next call.
TEST_F(StoredPrivateMessageServiceTest, DeliverStoredStopsAtTheByteBudgetAndKeepsTheRest) {
    for (const char* text : {"one", "two", "three", "four", "five"})
        service.send(message("yoda", "obiwan", std::string(text) + std::string(400, 'x')));
    online.insert("obiwan");
    auto first = service.deliverStored("obiwan", 2500);
    EXPECT_EQ(first.delivered, 2u);
    EXPECT_TRUE(first.more);
    EXPECT_EQ(store.offlineMessageCount("obiwan"), 3u);
    auto tiny = service.deliverStored("obiwan", 1);
    EXPECT_EQ(tiny.delivered, 1u); // Never stuck: one message per call at least.
    EXPECT_TRUE(tiny.more);
    auto rest = service.deliverStored("obiwan", kAll);
    EXPECT_EQ(rest.delivered, 2u);
    EXPECT_FALSE(rest.more);
    std::vector<std::string> starts;
    for (const auto& text : texts(received["obiwan"]))
        starts.push_back(text.substr(0, text.find('x')));
    EXPECT_THAT(starts, ::testing::ElementsAre("one", "two", "three", "four", "five"));
    EXPECT_EQ(store.offlineMessageCount("obiwan"), 0u);
}

// A message sent while its recipient is logging in (already online, stored messages not yet
// delivered) must not overtake the older stored ones.
TEST_F(StoredPrivateMessageServiceTest, NewMessageDoesNotOvertakeStoredOnes) {
    service.send(message("yoda", "obiwan", "old"));
    online.insert("obiwan"); // logged in; ClientHandler calls deliverStored after its reply
    clock.advanceSeconds(1);
    service.send(message("luke", "obiwan", "new"));
    service.deliverStored("obiwan", kAll);
    EXPECT_THAT(texts(received["obiwan"]), ::testing::ElementsAre("old", "new"));
}

// --- the private message log ----------------------------------------------------------------

// --- the conversation -----------------------------------------------------------------------

TEST_F(StoredPrivateMessageServiceTest, ConversationHoldsDeliveredAndWaitingMessagesBothWays) {
    online.insert("obiwan");
    service.send(message("yoda", "obiwan", "delivered"));
    clock.advanceSeconds(1);
    service.send(message("obiwan", "yoda", "waiting for yoda"));
    clock.advanceSeconds(1);
    service.send(message("yoda", "luke", "another pair"));
    service.send(message("yoda", "obiwan", "again"));
    auto conversation = service.conversation("yoda", "obiwan", 10);
    std::vector<std::string> seen;
    for (const auto& m : conversation.messages)
        seen.push_back(m.sender + ": " + m.text);
    EXPECT_THAT(
        seen, ::testing::ElementsAre("yoda: delivered", "obiwan: waiting for yoda", "yoda: again"));
    EXPECT_FALSE(conversation.more);
    EXPECT_EQ(conversation.messages[1].sentAt, localTime(2023, 6, 1, 15, 0, 2));

    auto last = service.conversation("obiwan", "yoda", 2);
    ASSERT_EQ(last.messages.size(), 2u);
    EXPECT_EQ(last.messages[0].text, "waiting for yoda");
    EXPECT_TRUE(last.more);
}

TEST_F(StoredPrivateMessageServiceTest, ConversationAsksTheStoreForOneMoreThanShown) {
    NiceMock<MockPrivateMessageStore> mockStore;
    StoredPrivateMessageService withMock{messenger, mockStore, log, settings};
    EXPECT_CALL(mockStore, latestBetween("yoda", "obiwan", 4u))
        .WillOnce(Return(std::vector<PrivateMessage>{message("yoda", "obiwan", "1"),
                                                     message("obiwan", "yoda", "2")}));
    auto conversation = withMock.conversation("yoda", "obiwan", 3);
    EXPECT_EQ(conversation.messages.size(), 2u);
    EXPECT_FALSE(conversation.more);
}

TEST_F(StoredPrivateMessageServiceTest, LogLinesAreNumberedAcrossRecipients) {
    online.insert("obiwan");
    service.send(message("yoda", "obiwan", "hello"));
    clock.advanceSeconds(1);
    service.send(message("obiwan", "luke", "hi  luke")); // stored: luke is offline
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 01 Jun 2023 15:00:01; obiwan; hello",
                                       "2; 01 Jun 2023 15:00:02; luke; hi  luke"));
}

TEST_F(StoredPrivateMessageServiceTest, QueueFullIsNotLogged) {
    settings.maxOfflineMessages = 1;
    service.send(message("yoda", "obiwan", "kept"));
    service.send(message("yoda", "obiwan", "dropped"));
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 01 Jun 2023 15:00:01; obiwan; kept"));
}

TEST_F(StoredPrivateMessageServiceTest, LogNumberingContinuesAfterReopening) {
    service.send(message("yoda", "obiwan", "one"));
    service.send(message("yoda", "luke", "two"));
    {
        PrivateLogFile reopened(logPath, false);
        clock.advanceSeconds(1);
        reopened.append(clock.now(), "obiwan", "three");
    }
    EXPECT_THAT(readLines(logPath),
                ::testing::ElementsAre("1; 01 Jun 2023 15:00:01; obiwan; one",
                                       "2; 01 Jun 2023 15:00:01; luke; two",
                                       "3; 1 Jun 2023 15:00:02; obiwan; three"));
}

TEST_F(StoredPrivateMessageServiceTest, EmptyLogPathWritesNothing) {
    PrivateLogFile none("", true);
    StoredPrivateMessageService quiet{messenger, store, none, settings};
    online.insert("obiwan");
    quiet.send(message("yoda", "obiwan", "one"));
    quiet.send(message("yoda", "luke", "two"));
    EXPECT_FALSE(Poco::File(logPath).exists());
}

} // namespace
} // namespace toom
