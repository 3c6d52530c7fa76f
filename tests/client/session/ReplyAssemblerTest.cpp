#include "client/session/ReplyAssembler.h"

#include <gtest/gtest.h>

using namespace toom;
using namespace toom::client;

namespace {
ServerLine line(std::string_view text) {
    return *ServerLine::parse(text);
}
} // namespace

TEST(ReplyAssemblerTest, DataRowsAreCollectedUntilTheFinalLine) {
    ReplyAssembler assembler;
    EXPECT_TRUE(std::holds_alternative<std::monostate>(assembler.feed(line("DATA ATU :luke"))));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(assembler.feed(line("DATA ATU :leia"))));
    EXPECT_EQ(assembler.pendingRows(), 2u);
    auto out = assembler.feed(line("OK ATU count=2"));
    auto* reply = std::get_if<ServerReply>(&out);
    ASSERT_NE(reply, nullptr);
    ASSERT_EQ(reply->rows.size(), 2u);
    EXPECT_EQ(reply->rows[0].text(), "luke");
    EXPECT_EQ(reply->rows[1].text(), "leia");
    EXPECT_TRUE(reply->ok());
    EXPECT_EQ(reply->verb(), "ATU");
    EXPECT_EQ(assembler.pendingRows(), 0u);
}

TEST(ReplyAssemblerTest, FailEndsAReply) {
    ReplyAssembler assembler;
    auto out = assembler.feed(line("FAIL MSG EMPTY_MESSAGE :Error. Empty message"));
    auto* reply = std::get_if<ServerReply>(&out);
    ASSERT_NE(reply, nullptr);
    EXPECT_TRUE(reply->failed());
    EXPECT_EQ(reply->code(), "EMPTY_MESSAGE");
    EXPECT_EQ(reply->texts(), std::vector<std::string>{"Error. Empty message"});
}

TEST(ReplyAssemblerTest, HelloIsAReplyOnItsOwn) {
    ReplyAssembler assembler;
    auto out = assembler.feed(line("HELLO TOOM/1 profile=toom max_line=4096 :hi"));
    auto* reply = std::get_if<ServerReply>(&out);
    ASSERT_NE(reply, nullptr);
    EXPECT_EQ(reply->final.kind(), LineKind::Hello);
    EXPECT_EQ(reply->final.field("profile"), "toom");
}

TEST(ReplyAssemblerTest, EventsPassStraightThroughEvenBetweenDataRows) {
    ReplyAssembler assembler;
    assembler.feed(line("DATA ATU :luke"));
    auto out = assembler.feed(line("EVENT PRESENCE user=han state=online :han logged in"));
    auto* event = std::get_if<ServerLine>(&out);
    ASSERT_NE(event, nullptr);
    EXPECT_EQ(event->verb(), "PRESENCE");
    EXPECT_EQ(assembler.pendingRows(), 1u);
    auto done = assembler.feed(line("OK ATU"));
    ASSERT_TRUE(std::holds_alternative<ServerReply>(done));
    EXPECT_EQ(std::get<ServerReply>(done).rows.size(), 1u);
}

TEST(ReplyAssemblerTest, TextsSkipEmptyLines) {
    ServerReply reply;
    reply.rows.push_back(line("DATA RDM id=1"));
    reply.rows.push_back(line("DATA RDM :#1 yoda: hi"));
    reply.final = line("OK RDM");
    EXPECT_EQ(reply.texts(), std::vector<std::string>{"#1 yoda: hi"});
}
