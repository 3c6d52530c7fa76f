// HISTORY @<user>: the latest private messages between the caller and one user, both ways.

#include "commands/messages/PrivateHistory.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "support/LocalTime.h"
#include "support/mocks/MockServices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace toom {
namespace {

using ::testing::_;
using ::testing::Return;

class PrivateHistoryTest : public ::testing::Test {
protected:
    PrivateHistoryTest() {
        for (const char* name : {"yoda", "obiwan"})
            ON_CALL(h.accounts, exists(name)).WillByDefault(Return(true));
        conversation.messages = {
            PrivateMessage{1, "obiwan", "yoda", "hello  there",
                           test::localTime(2023, 6, 1, 15, 0, 1)},
            PrivateMessage{2, "yoda", "obiwan", "hi", test::localTime(2023, 6, 1, 15, 0, 9)}};
        ON_CALL(h.privateMessages, conversation(_, _, _)).WillByDefault(Return(conversation));
    }

    CommandHarness h;
    PrivateMessageService::Conversation conversation;
};

TEST_F(PrivateHistoryTest, ListsTheLatestBothWaysWithTheirTimes) {
    EXPECT_CALL(h.privateMessages, conversation("yoda", "obiwan", h.settings.recentRows));
    Reply reply = h.run("HISTORY @obiwan");
    ASSERT_FALSE(reply.failed()) << reply.wire();
    ASSERT_EQ(reply.rows().size(), 2u);
    const ServerLine& first = reply.rows()[0];
    EXPECT_EQ(first.verb(), "HISTORY");
    EXPECT_EQ(first.field("with"), "obiwan");
    EXPECT_EQ(first.field("from"), "obiwan");
    EXPECT_EQ(first.field("to"), "yoda");
    EXPECT_EQ(first.field("text"), "hello  there");
    EXPECT_EQ(first.field("ts"), isoTime(conversation.messages[0].sentAt));
    EXPECT_EQ(first.text(), "01 Jun 2023 15:00:01, obiwan: hello  there");
    EXPECT_EQ(reply.rows()[1].text(), "01 Jun 2023 15:00:09, yoda: hi");
    EXPECT_EQ(reply.final().field("with"), "obiwan");
    EXPECT_EQ(reply.final().intField("count"), 2);
    EXPECT_EQ(reply.final().intField("more"), 0);
}

TEST_F(PrivateHistoryTest, RowsCarryTheTimeWhateverTheMessageStyle) {
    h.settings.messageStyle = MessageStyle::Plain;
    h.settings.padDay = false;
    EXPECT_EQ(h.run("HISTORY @obiwan").rows().at(0).text(),
              "1 Jun 2023 15:00:01, obiwan: hello  there");
}

TEST_F(PrivateHistoryTest, SaysWhenEarlierOnesWereLeftOut) {
    conversation.more = true;
    ON_CALL(h.privateMessages, conversation(_, _, _)).WillByDefault(Return(conversation));
    EXPECT_EQ(h.run("HISTORY @obiwan").final().intField("more"), 1);
}

TEST_F(PrivateHistoryTest, UsesTheStoredSpellingOfTheName) {
    ON_CALL(h.accounts, storedName("ObiWan")).WillByDefault(Return(std::string("obiwan")));
    EXPECT_CALL(h.privateMessages, conversation("yoda", "obiwan", _));
    EXPECT_EQ(h.run("HISTORY @ObiWan").final().field("with"), "obiwan");
}

TEST_F(PrivateHistoryTest, NoneYetSaysSo) {
    ON_CALL(h.privateMessages, conversation(_, _, _))
        .WillByDefault(Return(PrivateMessageService::Conversation{}));
    Reply reply = h.run("HISTORY @obiwan");
    EXPECT_FALSE(reply.failed());
    EXPECT_EQ(reply.final().intField("count"), 0);
    EXPECT_EQ(reply.final().text(), "no private message with obiwan");
}

TEST_F(PrivateHistoryTest, RefusesUnknownUsersYourselfAndATime) {
    EXPECT_CALL(h.privateMessages, conversation(_, _, _)).Times(0);
    EXPECT_EQ(h.run("HISTORY @vader").final().code(), err::kUnknownUser);
    EXPECT_EQ(h.run("HISTORY @yoda").final().code(), err::kSelf);
    EXPECT_EQ(h.run("HISTORY @YODA").final().code(), err::kSelf);
    EXPECT_EQ(h.run("HISTORY @").final().code(), err::kUnknownUser);
    Reply timed = h.run("HISTORY @obiwan 1 Jun 2023 15:00:00");
    EXPECT_EQ(timed.final().code(), err::kInvalidArgument);
    EXPECT_EQ(timed.final().field("argument"), "time");
}

TEST_F(PrivateHistoryTest, TheCountIsBoundedByMaxReadRows) {
    h.settings.recentRows = 500;
    h.settings.maxReadRows = 40;
    EXPECT_CALL(h.privateMessages, conversation("yoda", "obiwan", 40u));
    h.run("HISTORY @obiwan");
}

TEST_F(PrivateHistoryTest, OnlyAnAtSignNamesAPerson) {
    EXPECT_TRUE(namesPrivateHistory("@obiwan"));
    EXPECT_FALSE(namesPrivateHistory("obiwan"));
    EXPECT_FALSE(namesPrivateHistory("#obiwan"));
    EXPECT_FALSE(namesPrivateHistory(""));
}

} // namespace
} // namespace toom
