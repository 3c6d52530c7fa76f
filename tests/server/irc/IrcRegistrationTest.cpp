// IrcRegistration: the IRC registration conversation as a pure state machine (CAP, NICK,
// USER, PASS, AUTHENTICATE PLAIN), lines in, replies and requests out.

#include "server/irc/IrcRegistration.h"

#include <gtest/gtest.h>

namespace toom {
namespace {

IrcMessage line(std::string_view text) {
    IrcParseResult parsed = IrcMessage::parse(text);
    EXPECT_TRUE(parsed) << text;
    return parsed.message;
}

/// The replies as wire lines, to compare in one expectation.
std::vector<std::string> wire(const IrcRegistrationOutput& out) {
    std::vector<std::string> lines;
    for (const IrcMessage& m : out.replies)
        lines.push_back(m.format());
    return lines;
}

class IrcRegistrationTest : public ::testing::Test {
protected:
    IrcRegistrationOutput send(std::string_view text) { return reg.handle(line(text)); }

    IrcRegistrationSettings settings{"toom", true};
    IrcRegistration reg{settings};
};

// "yoda\0yoda\0secret" and "\0obiwan\0force" in base64.
constexpr const char* kYodaPlain = "eW9kYQB5b2RhAHNlY3JldA==";
constexpr const char* kObiwanPlain = "AG9iaXdhbgBmb3JjZQ==";

TEST_F(IrcRegistrationTest, GuestRegistersWithNickAndUserOnceTheNickIsChecked) {
    EXPECT_TRUE(send("NICK rey").replies.empty());
    const auto out = send("USER rey 0 * :Rey Nobody");
    ASSERT_EQ(out.checkGuestNick, "rey");
    EXPECT_FALSE(out.registered);
    EXPECT_TRUE(reg.waiting());
    const auto done = reg.guestNickAnswered(IrcGuestNick::Free);
    EXPECT_TRUE(done.registered);
    EXPECT_TRUE(reg.registered());
    EXPECT_EQ(reg.nick(), "rey");
    EXPECT_EQ(reg.user(), "rey");
    EXPECT_EQ(reg.realName(), "Rey Nobody");
    EXPECT_EQ(reg.account(), "");
}

TEST_F(IrcRegistrationTest, GuestIsRefusedAnAccountsNickAndMayTryAnother) {
    send("USER x 0 * :x");
    ASSERT_EQ(send("NICK yoda").checkGuestNick, "yoda");
    const auto refused = reg.guestNickAnswered(IrcGuestNick::Account);
    ASSERT_EQ(refused.replies.size(), 1u);
    EXPECT_EQ(refused.replies[0].command, "433");
    EXPECT_EQ(refused.replies[0].param(1), "yoda");
    EXPECT_NE(refused.replies[0].param(2).find("registered account"), std::string::npos);
    EXPECT_FALSE(refused.registered);
    EXPECT_FALSE(reg.waiting());
    ASSERT_EQ(send("NICK rey").checkGuestNick, "rey");
    EXPECT_TRUE(reg.guestNickAnswered(IrcGuestNick::Free).registered);
}

TEST_F(IrcRegistrationTest, GuestNickInUseIs433) {
    send("NICK rey");
    send("USER x 0 * :x");
    const auto refused = reg.guestNickAnswered(IrcGuestNick::InUse);
    EXPECT_EQ(wire(refused),
              std::vector<std::string>{":toom 433 * rey :Nickname is already in use"});
}

TEST_F(IrcRegistrationTest, NoGuestsMeansAnAccountIsNeeded) {
    IrcRegistration strict({"toom", false});
    strict.handle(line("NICK rey"));
    const auto out = strict.handle(line("USER x 0 * :x"));
    EXPECT_FALSE(out.checkGuestNick);
    ASSERT_EQ(out.replies.size(), 2u);
    EXPECT_EQ(out.replies[0].command, "464");
    EXPECT_EQ(out.replies[1].command, "ERROR");
    EXPECT_TRUE(out.close);
}

TEST_F(IrcRegistrationTest, PassIsCheckedOnceNickAndUserAreIn) {
    EXPECT_TRUE(send("PASS secret").replies.empty());
    EXPECT_FALSE(send("NICK yoda").login);
    const auto out = send("USER yoda 0 * :Master Yoda");
    ASSERT_TRUE(out.login);
    EXPECT_EQ(out.login->username, "yoda");
    EXPECT_EQ(out.login->password, "secret");
    EXPECT_FALSE(out.login->sasl);
    const auto done = reg.loginAnswered({true, "Yoda", ""});
    EXPECT_TRUE(done.registered);
    EXPECT_EQ(reg.nick(), "Yoda"); // the stored spelling
    EXPECT_EQ(reg.account(), "Yoda");
}

TEST_F(IrcRegistrationTest, WrongPassIs464AndClose) {
    send("PASS nope");
    send("NICK yoda");
    send("USER yoda 0 * :x");
    const auto out = reg.loginAnswered({false, "", ""});
    EXPECT_EQ(wire(out), (std::vector<std::string>{":toom 464 yoda :Password incorrect",
                                                   "ERROR :Closing link: bad password"}));
    EXPECT_TRUE(out.close);
    EXPECT_FALSE(reg.registered());
}

TEST_F(IrcRegistrationTest, CapNegotiationHoldsRegistrationUntilCapEnd) {
    EXPECT_EQ(wire(send("CAP LS 302")), std::vector<std::string>{":toom CAP * LS sasl=PLAIN"});
    send("NICK rey");
    EXPECT_FALSE(send("USER rey 0 * :x").checkGuestNick);
    EXPECT_EQ(send("CAP END").checkGuestNick, "rey");
}

TEST_F(IrcRegistrationTest, CapLsWithoutVersionOffersPlainSasl) {
    EXPECT_EQ(wire(send("CAP LS")), std::vector<std::string>{":toom CAP * LS sasl"});
}

TEST_F(IrcRegistrationTest, CapReqIsAllOrNothing) {
    EXPECT_EQ(wire(send("CAP REQ :sasl")), std::vector<std::string>{":toom CAP * ACK sasl"});
    EXPECT_EQ(reg.capabilities(), std::vector<std::string>{"sasl"});
    EXPECT_EQ(wire(send("CAP REQ :sasl server-time")),
              std::vector<std::string>{":toom CAP * NAK :sasl server-time"});
    EXPECT_EQ(wire(send("CAP LIST")), std::vector<std::string>{":toom CAP * LIST sasl"});
    send("CAP REQ -sasl");
    EXPECT_TRUE(reg.capabilities().empty());
    EXPECT_EQ(wire(send("CAP BOGUS")),
              std::vector<std::string>{":toom 410 * BOGUS :Invalid CAP command"});
    EXPECT_EQ(wire(send("CAP")),
              std::vector<std::string>{":toom 461 * CAP :Not enough parameters"});
}

TEST_F(IrcRegistrationTest, SaslPlainLogsInBeforeRegistration) {
    send("CAP LS 302");
    send("NICK yoda");
    send("USER yoda 0 * :Master Yoda");
    send("CAP REQ :sasl");
    EXPECT_EQ(wire(send("AUTHENTICATE PLAIN")), std::vector<std::string>{"AUTHENTICATE +"});
    const auto out = send(std::string("AUTHENTICATE ") + kYodaPlain);
    ASSERT_TRUE(out.login);
    EXPECT_EQ(out.login->username, "yoda");
    EXPECT_EQ(out.login->password, "secret");
    EXPECT_TRUE(out.login->sasl);
    EXPECT_TRUE(reg.waiting());
    const auto ok = reg.loginAnswered({true, "yoda", ""});
    EXPECT_EQ(wire(ok), (std::vector<std::string>{
                            ":toom 900 yoda yoda!yoda@toom yoda :You are now logged in as yoda",
                            ":toom 903 yoda :SASL authentication successful"}));
    EXPECT_FALSE(ok.registered); // CAP END still to come
    EXPECT_TRUE(send("CAP END").registered);
    EXPECT_EQ(reg.account(), "yoda");
    EXPECT_EQ(wire(send("AUTHENTICATE PLAIN")),
              std::vector<std::string>{":toom 907 yoda :You have already authenticated"});
}

TEST_F(IrcRegistrationTest, SaslNickFollowsTheAccount) {
    send("CAP REQ sasl");
    send("NICK kenobi");
    send("AUTHENTICATE PLAIN");
    ASSERT_EQ(send(std::string("AUTHENTICATE ") + kObiwanPlain).login->username, "obiwan");
    reg.loginAnswered({true, "obiwan", ""});
    send("USER o 0 * :o");
    EXPECT_TRUE(send("CAP END").registered);
    EXPECT_EQ(reg.nick(), "obiwan");
}

TEST_F(IrcRegistrationTest, SaslFailureIs904AndMayBeRetried) {
    send("AUTHENTICATE PLAIN");
    send(std::string("AUTHENTICATE ") + kYodaPlain);
    EXPECT_EQ(wire(reg.loginAnswered({false, "", ""})),
              std::vector<std::string>{":toom 904 * :SASL authentication failed"});
    EXPECT_FALSE(reg.waiting());
    EXPECT_EQ(wire(send("AUTHENTICATE PLAIN")), std::vector<std::string>{"AUTHENTICATE +"});
}

TEST_F(IrcRegistrationTest, SaslRefusesOtherMechanismsAndBadPayloads) {
    EXPECT_EQ(wire(send("AUTHENTICATE EXTERNAL")),
              (std::vector<std::string>{":toom 908 * PLAIN :are available SASL mechanisms",
                                        ":toom 904 * :SASL authentication failed"}));
    send("AUTHENTICATE PLAIN");
    EXPECT_EQ(wire(send("AUTHENTICATE !!!!")),
              std::vector<std::string>{":toom 904 * :SASL authentication failed"});
    send("AUTHENTICATE PLAIN");
    // "a\0b" (two fields, not three).
    EXPECT_EQ(send("AUTHENTICATE YQBi").replies.at(0).command, "904");
    send("AUTHENTICATE PLAIN");
    // "obiwan\0yoda\0pw": authorising as someone else is not allowed.
    EXPECT_EQ(send("AUTHENTICATE b2Jpd2FuAHlvZGEAcHc=").replies.at(0).command, "904");
}

TEST_F(IrcRegistrationTest, SaslAbortIs906) {
    send("AUTHENTICATE PLAIN");
    EXPECT_EQ(wire(send("AUTHENTICATE *")),
              std::vector<std::string>{":toom 906 * :SASL authentication aborted"});
}

TEST_F(IrcRegistrationTest, SaslChunksOf400BytesJoin) {
    // A payload of exactly 400 base64 bytes: one full chunk, then "+".
    std::string password(296, 'p'); // "\0x\0" + 296 bytes = 299 -> 400 base64 characters
    // Base64 of "\0x\0ppp...": built here to keep the test self-contained.
    const std::string raw = std::string("\0x\0", 3) + password;
    static const char* kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string encoded;
    for (std::size_t i = 0; i < raw.size(); i += 3) {
        unsigned n = static_cast<unsigned char>(raw[i]) << 16;
        if (i + 1 < raw.size())
            n |= static_cast<unsigned char>(raw[i + 1]) << 8;
        if (i + 2 < raw.size())
            n |= static_cast<unsigned char>(raw[i + 2]);
        encoded += kAlphabet[(n >> 18) & 63];
        encoded += kAlphabet[(n >> 12) & 63];
        encoded += i + 1 < raw.size() ? kAlphabet[(n >> 6) & 63] : '=';
        encoded += i + 2 < raw.size() ? kAlphabet[n & 63] : '=';
    }
    ASSERT_EQ(encoded.size(), 400u);
    send("AUTHENTICATE PLAIN");
    EXPECT_FALSE(send("AUTHENTICATE " + encoded).login); // more may follow
    const auto out = send("AUTHENTICATE +");
    ASSERT_TRUE(out.login);
    EXPECT_EQ(out.login->username, "x");
    EXPECT_EQ(out.login->password, password);
}

TEST_F(IrcRegistrationTest, SaslChunkOver400BytesIs905) {
    send("AUTHENTICATE PLAIN");
    EXPECT_EQ(send("AUTHENTICATE " + std::string(401, 'A')).replies.at(0).command, "905");
}

TEST_F(IrcRegistrationTest, SaslExchangeIsBounded) {
    send("AUTHENTICATE PLAIN");
    IrcRegistrationOutput out;
    for (int i = 0; i < 4 && out.replies.empty(); ++i)
        out = send("AUTHENTICATE " + std::string(400, 'A'));
    ASSERT_EQ(out.replies.size(), 1u);
    EXPECT_EQ(out.replies[0].command, "905");
}

TEST_F(IrcRegistrationTest, NickErrors) {
    EXPECT_EQ(wire(send("NICK")), std::vector<std::string>{":toom 431 * :No nickname given"});
    EXPECT_EQ(wire(send("NICK :")), std::vector<std::string>{":toom 431 * :No nickname given"});
    for (const char* bad : {"NICK #chan", "NICK a!b", "NICK a@b", "NICK a,b", "NICK a.b",
                            "NICK /slash", "NICK abcdefghijklmnopqrstuvwxyz0123456"})
        EXPECT_EQ(send(bad).replies.at(0).command, "432") << bad;
}

TEST_F(IrcRegistrationTest, UserAndPassNeedParameters) {
    EXPECT_EQ(wire(send("USER a 0 *")),
              std::vector<std::string>{":toom 461 * USER :Not enough parameters"});
    EXPECT_EQ(wire(send("PASS")),
              std::vector<std::string>{":toom 461 * PASS :Not enough parameters"});
    EXPECT_EQ(wire(send("AUTHENTICATE")),
              std::vector<std::string>{":toom 461 * AUTHENTICATE :Not enough parameters"});
}

TEST_F(IrcRegistrationTest, OtherCommandsBeforeRegistrationAre451) {
    EXPECT_EQ(wire(send("PRIVMSG yoda :hi")),
              std::vector<std::string>{":toom 451 * :You have not registered"});
}

TEST_F(IrcRegistrationTest, PingQuitAndReregistering) {
    EXPECT_EQ(wire(send("PING :abc def")), std::vector<std::string>{":toom PONG toom :abc def"});
    EXPECT_TRUE(send("PONG x").replies.empty());
    send("NICK rey");
    send("USER rey 0 * :x");
    reg.guestNickAnswered(IrcGuestNick::Free);
    EXPECT_EQ(wire(send("USER rey 0 * :x")),
              std::vector<std::string>{":toom 462 rey :You may not reregister"});
    EXPECT_EQ(wire(send("PASS x")),
              std::vector<std::string>{":toom 462 rey :You may not reregister"});
    const auto quit = send("QUIT :bye");
    EXPECT_TRUE(quit.close);
    EXPECT_EQ(wire(quit), std::vector<std::string>{"ERROR :Closing link: quit"});
}

TEST(IrcNickTest, ValidNicks) {
    EXPECT_TRUE(isValidIrcNick("yoda"));
    EXPECT_TRUE(isValidIrcNick("Obi-Wan_[x]"));
    EXPECT_FALSE(isValidIrcNick(""));
    EXPECT_FALSE(isValidIrcNick("a b"));
    EXPECT_FALSE(isValidIrcNick("&local"));
    EXPECT_FALSE(isValidIrcNick("$mask"));
    EXPECT_FALSE(isValidIrcNick("a:b"));
}

} // namespace
} // namespace toom
