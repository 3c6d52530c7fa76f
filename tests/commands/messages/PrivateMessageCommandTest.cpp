// message / /msgto / PM: private messages, delivered now or kept for the recipient's next login.

#include "commands/messages/PrivateMessageCommand.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/LocalTime.h"
#include "support/mocks/MockServices.h"

#include <Poco/LocalDateTime.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Field;
using ::testing::Return;
using Outcome = PrivateMessageService::Outcome;

using test::localTime;

class PrivateMessageCommandTest : public ::testing::Test {
protected:
    PrivateMessageCommandTest() {
        h.clock.set(localTime(2023, 6, 1, 15, 0, 1));
        for (const char* name : {"yoda", "hans", "obiwan"})
            ON_CALL(h.accounts, exists(name)).WillByDefault(Return(true));
        ON_CALL(h.privateMessages, send(_)).WillByDefault(Return(Outcome::Delivered));
    }

    CommandHarness h;
};

// --- refusals -------------------------------------------------------------------------------

TEST_F(PrivateMessageCommandTest, UnknownUserInVariantAWording) {
    EXPECT_CALL(h.privateMessages, send(_)).Times(0);
    Reply reply = h.run("message nobody hello");
    EXPECT_EQ(reply.final().code(), err::kUnknownUser);
    EXPECT_EQ(reply.final().field("user"), "nobody");
    EXPECT_EQ(reply.final().text(), "Error. Invalid user");
}

// A name typed in any case reaches the account under its stored spelling (the accounts
// service resolves it), and yourself in another case is still yourself.
TEST_F(PrivateMessageCommandTest, ARecipientInAnyCaseIsTheAccountsStoredSpelling) {
    ON_CALL(h.accounts, storedName("HaNS")).WillByDefault(Return(std::string("hans")));
    EXPECT_CALL(h.privateMessages, send(Field(&PrivateMessage::recipient, "hans")));
    Reply reply = h.run("PM HaNS hello");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().field("to"), "hans");
    EXPECT_EQ(h.run("PM YODA hello").final().code(), err::kSelf);
}

TEST_F(PrivateMessageCommandTest, MessagingYourselfIsSelf) {
    EXPECT_CALL(h.privateMessages, send(_)).Times(0);
    Reply reply = h.run("message yoda hello");
    EXPECT_EQ(reply.final().code(), err::kSelf);
}

TEST_F(PrivateMessageCommandTest, RecipientBlockingTheSenderIsBlockedInVariantAWording) {
    ON_CALL(h.blocks, isBlocking("hans", "yoda")).WillByDefault(Return(true));
    EXPECT_CALL(h.privateMessages, send(_)).Times(0);
    Reply reply = h.run("message hans hello");
    EXPECT_EQ(reply.final().code(), err::kBlocked);
    EXPECT_EQ(reply.final().field("user"), "hans");
    EXPECT_EQ(reply.final().text(),
              "Your message could not be delivered as the recipient has blocked you");
}

TEST_F(PrivateMessageCommandTest, SenderBlockingTheRecipientDoesNotStopTheMessage) {
    // Blocking is one-way: yoda blocking hans does not stop yoda writing to hans.
    ON_CALL(h.blocks, isBlocking("yoda", "hans")).WillByDefault(Return(true));
    EXPECT_CALL(h.privateMessages, send(_));
    EXPECT_FALSE(h.run("message hans hello").failed());
}

// --- what is sent ---------------------------------------------------------------------------

TEST_F(PrivateMessageCommandTest, SendsSenderRecipientTextAndTheTimeNow) {
    PrivateMessage sent;
    EXPECT_CALL(h.privateMessages, send(_)).WillOnce([&](const PrivateMessage& m) {
        sent = m;
        return Outcome::Delivered;
    });
    ASSERT_FALSE(h.run("message hans hello   there  world").failed());
    EXPECT_EQ(sent.sender, "yoda");
    EXPECT_EQ(sent.recipient, "hans");
    EXPECT_EQ(sent.text, "hello   there  world");
    EXPECT_EQ(sent.sentAt, h.clock.now());
}

// --- outcomes and wording -------------------------------------------------------------------

TEST_F(PrivateMessageCommandTest, DeliveredMsgtoSaysMessageSent) {
    Reply reply = h.run("/msgto hans hello");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    EXPECT_EQ(reply.final().verb(), "PM");
    EXPECT_EQ(reply.final().field("to"), "hans");
    EXPECT_EQ(reply.final().field("ts"), isoTime(h.clock.now()));
    EXPECT_EQ(reply.final().intField("delivered"), 1);
    EXPECT_EQ(reply.final().text(), "message sent at 01 Jun 2023 15:00:01.");
}

TEST_F(PrivateMessageCommandTest, DeliveredPmSaysMessageSent) {
    EXPECT_EQ(h.run("PM hans hello").final().text(), "message sent at 01 Jun 2023 15:00:01.");
}

TEST_F(PrivateMessageCommandTest, MessageSentFollowsPadDay) {
    h.settings.padDay = false;
    EXPECT_EQ(h.run("/msgto hans hello").final().text(), "message sent at 1 Jun 2023 15:00:01.");
}

TEST_F(PrivateMessageCommandTest, DeliveredVariantAHasNoTextInItsOwnProfile) {
    h.settings.messageStyle = MessageStyle::Plain; // variant A's profile
    Reply reply = h.run("message hans hello");
    ASSERT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().intField("delivered"), 1);
    EXPECT_EQ(reply.final().text(), "");
}

// In the default profile the `message` alias confirms like PM and /msgto.
TEST_F(PrivateMessageCommandTest, TheMessageAliasConfirmsInTheDefaultProfile) {
    h.settings.messageStyle = MessageStyle::Timestamped;
    EXPECT_EQ(h.run("message hans hello").final().text(), "message sent at 01 Jun 2023 15:00:01.");
}

TEST_F(PrivateMessageCommandTest, StoredForLaterSaysSo) {
    h.settings.messageStyle = MessageStyle::Plain; // variant A's profile: only the offline news
    ON_CALL(h.privateMessages, send(_)).WillByDefault(Return(Outcome::Stored));
    Reply a = h.run("message hans hello");
    ASSERT_FALSE(a.failed());
    EXPECT_EQ(a.final().intField("delivered"), 0);
    EXPECT_EQ(a.final().field("to"), "hans");
    EXPECT_THAT(a.final().text(), ::testing::StartsWith("hans is offline"));

    Reply d = h.run("/msgto hans hello");
    ASSERT_FALSE(d.failed());
    EXPECT_EQ(d.final().intField("delivered"), 0);
    EXPECT_THAT(d.final().text(), ::testing::StartsWith("message sent at 01 Jun 2023 15:00:01."));
    EXPECT_THAT(d.final().text(), ::testing::HasSubstr("hans is offline"));
}

TEST_F(PrivateMessageCommandTest, QueueFullIsQueueFull) {
    ON_CALL(h.privateMessages, send(_)).WillByDefault(Return(Outcome::QueueFull));
    for (const char* line : {"message hans hello", "/msgto hans hello", "PM hans hello"}) {
        Reply reply = h.run(line);
        EXPECT_EQ(reply.final().code(), err::kQueueFull) << line;
        EXPECT_EQ(reply.final().field("user"), "hans") << line;
    }
}

TEST_F(PrivateMessageCommandTest, SpecNamesEveryDialect) {
    const CommandSpec s = PrivateMessageCommand::spec();
    EXPECT_EQ(s.canonical, "PM");
    std::vector<std::string> names;
    for (const auto& n : s.names)
        names.push_back(n.name);
    EXPECT_THAT(names, ::testing::UnorderedElementsAre("PM", "message", "/msgto"));
    EXPECT_TRUE(s.lastArgIsText);
}

} // namespace
} // namespace toom
