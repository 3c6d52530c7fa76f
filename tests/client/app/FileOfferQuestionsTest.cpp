// The file offers waiting for the user's answer, and whom a bare y/n answers.

#include "client/app/FileOfferQuestions.h"

#include "client/app/AnswerRouting.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using toom::client::AnswerTarget;
using toom::client::FileOfferQuestions;
using toom::client::routeAnswer;
using toom::p2p::transfer::FileOffer;

namespace {

FileOffer questionOffer(const std::string& presenter, const std::string& file, char tokenDigit) {
    return FileOffer{std::string(32, tokenDigit), presenter, "obiwan", file, 1000,
                     std::string(64, 'a')};
}

const FileOfferQuestions::Clock::time_point kQuestionStart{};

} // namespace

TEST(FileOfferQuestionsTest, TheOnlyOfferIsTakenWithoutNamingIt) {
    FileOfferQuestions questions;
    EXPECT_EQ(questions.ask(questionOffer("yoda", "big.bin", '1'), kQuestionStart), 1);
    auto choice = questions.take("");
    ASSERT_TRUE(choice.question) << choice.error;
    EXPECT_EQ(choice.question->offer.fileName, "big.bin");
    EXPECT_EQ(questions.size(), 0u);
    // Answered: a second answer has nothing left to answer.
    auto again = questions.take("");
    EXPECT_FALSE(again.question);
    EXPECT_EQ(again.error, "no file offer is waiting for an answer");
}

TEST(FileOfferQuestionsTest, SeveralWaitingMustBeNamedByNumberSenderOrFile) {
    FileOfferQuestions questions;
    questions.ask(questionOffer("yoda", "big.bin", '1'), kQuestionStart);
    questions.ask(questionOffer("hans", "notes.txt", '2'), kQuestionStart);
    questions.ask(questionOffer("hans", "more.txt", '3'), kQuestionStart);

    auto unnamed = questions.take("");
    EXPECT_FALSE(unnamed.question);
    EXPECT_NE(unnamed.error.find("3 file offers are waiting"), std::string::npos) << unnamed.error;
    EXPECT_NE(unnamed.error.find("1 (big.bin from yoda)"), std::string::npos) << unnamed.error;

    auto byNumber = questions.take("2");
    ASSERT_TRUE(byNumber.question);
    EXPECT_EQ(byNumber.question->offer.fileName, "notes.txt");
    auto bySender = questions.take("YODA");
    ASSERT_TRUE(bySender.question);
    EXPECT_EQ(bySender.question->number, 1);
    auto byFile = questions.take("more.txt");
    ASSERT_TRUE(byFile.question);
    EXPECT_EQ(byFile.question->number, 3);
}

TEST(FileOfferQuestionsTest, ASelectorMatchingSeveralOrNoneTakesNothing) {
    FileOfferQuestions questions;
    questions.ask(questionOffer("hans", "a.txt", '1'), kQuestionStart);
    questions.ask(questionOffer("hans", "b.txt", '2'), kQuestionStart);
    auto several = questions.take("hans");
    EXPECT_FALSE(several.question);
    EXPECT_NE(several.error.find("several file offers match hans"), std::string::npos);
    auto none = questions.take("7");
    EXPECT_FALSE(none.question);
    EXPECT_NE(none.error.find("no file offer 7 is waiting"), std::string::npos);
    EXPECT_FALSE(questions.take("0").question);
    EXPECT_FALSE(questions.take("-1").question);
    EXPECT_EQ(questions.size(), 2u);
}

TEST(FileOfferQuestionsTest, NumbersAreNeverReused) {
    FileOfferQuestions questions;
    questions.ask(questionOffer("yoda", "a", '1'), kQuestionStart);
    questions.take("");
    EXPECT_EQ(questions.ask(questionOffer("yoda", "b", '2'), kQuestionStart), 2);
    // "accept 1" now means nothing rather than the newer offer.
    EXPECT_FALSE(questions.take("1").question);
}

TEST(FileOfferQuestionsTest, AtMostMaxWaitingAndEachTokenOnce) {
    FileOfferQuestions questions({2, 110s});
    EXPECT_TRUE(questions.ask(questionOffer("yoda", "a", '1'), kQuestionStart));
    EXPECT_FALSE(questions.ask(questionOffer("yoda", "a", '1'), kQuestionStart));
    EXPECT_TRUE(questions.ask(questionOffer("yoda", "b", '2'), kQuestionStart));
    EXPECT_FALSE(questions.ask(questionOffer("yoda", "c", '3'), kQuestionStart));
    EXPECT_EQ(questions.size(), 2u);
}

TEST(FileOfferQuestionsTest, UnansweredOffersExpireOldestFirst) {
    FileOfferQuestions questions({8, 100s});
    questions.ask(questionOffer("yoda", "a", '1'), kQuestionStart);
    questions.ask(questionOffer("hans", "b", '2'), kQuestionStart + 30s);
    EXPECT_TRUE(questions.expire(kQuestionStart + 99s).empty());
    auto expired = questions.expire(kQuestionStart + 100s);
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_EQ(expired[0].offer.fileName, "a");
    EXPECT_EQ(questions.size(), 1u);
    auto last = questions.takeAll();
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].offer.fileName, "b");
    EXPECT_EQ(questions.size(), 0u);
}

TEST(AnswerRoutingTest, YesOrNoGoesToTheOnlyKindOfQuestionWaiting) {
    EXPECT_EQ(routeAnswer(0, 0), AnswerTarget::PrivateRequest); // the server says none waits
    EXPECT_EQ(routeAnswer(1, 0), AnswerTarget::PrivateRequest);
    EXPECT_EQ(routeAnswer(0, 1), AnswerTarget::FileOffer);
    EXPECT_EQ(routeAnswer(0, 3), AnswerTarget::FileOffer);
    EXPECT_EQ(routeAnswer(1, 1), AnswerTarget::Ambiguous);
    EXPECT_EQ(routeAnswer(2, 5), AnswerTarget::Ambiguous);
}
