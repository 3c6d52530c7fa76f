// IRC channels over real sockets: #name is the Toom group name. JOIN makes an open group (its
// maker the operator), JOIN/PART/TOPIC/PRIVMSG reach members on both doors, D's invite-only
// groups are +i channels, guests stay out, and bad requests get their numerics.

#include "support/IrcTestClient.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

TestServer::Tweak ircDoor() {
    return [](ServerOptions& o) {
        o.irc.port = 0; // ephemeral
        o.irc.bindAddress = "127.0.0.1";
        o.irc.allowGuests = true;
    };
}

TEST(IrcChannels, JoinMakesAChannelWithTheJoinerAsOperator) {
    TestServer server(ircDoor());
    IrcTestClient yoda(server.server().ircPort());
    yoda.registerWithSasl("yoda", passwordOf("yoda"));
    yoda.send("JOIN #jedi");
    const IrcMessage join = yoda.expect("JOIN");
    EXPECT_EQ(join.prefix, "yoda!yoda@toom");
    EXPECT_EQ(join.params, (std::vector<std::string>{"#jedi"}));
    const IrcMessage names = yoda.expect("353");
    EXPECT_EQ(names.params, (std::vector<std::string>{"yoda", "=", "#jedi", "@yoda"}));
    EXPECT_EQ(yoda.expect("366").param(1), "#jedi");
    EXPECT_FALSE(yoda.saw("332")); // No topic yet.

    // The Toom door sees an open group.
    TestClient luke(server.port());
    luke.loginAs("luke");
    Response joined = luke.request("/joingroup jedi");
    ASSERT_TRUE(joined.ok()) << joined.final.format();
    const IrcMessage lukeJoins = yoda.expect("JOIN");
    EXPECT_EQ(lukeJoins.prefix, "luke!luke@toom");
    EXPECT_EQ(lukeJoins.param(0), "#jedi");
    yoda.send("NAMES #jedi");
    EXPECT_EQ(yoda.expect("353").param(3), "@yoda luke");
}

TEST(IrcChannels, MessagesCrossBothDoors) {
    TestServer server(ircDoor());
    IrcTestClient yoda(server.server().ircPort());
    yoda.registerWithSasl("yoda", passwordOf("yoda"));
    yoda.send("JOIN #jedi");
    yoda.expect("366");
    TestClient luke(server.port());
    luke.loginAs("luke");
    ASSERT_TRUE(luke.request("JOIN jedi").ok());
    yoda.expect("JOIN");

    yoda.send("PRIVMSG #jedi :do or do not");
    const auto event = luke.waitEvent("ROOM");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->field("from"), "yoda");
    EXPECT_EQ(event->field("room"), "jedi");
    EXPECT_EQ(event->field("text"), "do or do not");

    ASSERT_TRUE(luke.request("GROUPMSG jedi there is no try").ok());
    const IrcMessage said = yoda.expect("PRIVMSG");
    EXPECT_EQ(said.prefix, "luke!luke@toom");
    EXPECT_EQ(said.params, (std::vector<std::string>{"#jedi", "there is no try"}));

    ASSERT_TRUE(luke.request("LEAVE #jedi").ok());
    const IrcMessage part = yoda.expect("PART");
    EXPECT_EQ(part.prefix, "luke!luke@toom");
    EXPECT_EQ(part.param(0), "#jedi");
}

TEST(IrcChannels, TopicIsTheGroupsAndOnlyItsOperatorSetsIt) {
    TestServer server(ircDoor());
    IrcTestClient yoda(server.server().ircPort());
    yoda.registerWithSasl("yoda", passwordOf("yoda"));
    IrcTestClient luke(server.server().ircPort());
    luke.registerWithSasl("luke", passwordOf("luke"));
    yoda.send("JOIN #jedi");
    yoda.expect("366");
    luke.send("JOIN #jedi");
    luke.expect("366");
    yoda.expect("JOIN");

    luke.send("TOPIC #jedi");
    EXPECT_EQ(luke.expect("331").param(1), "#jedi");
    luke.send("TOPIC #jedi :mine");
    EXPECT_EQ(luke.expect("482").param(1), "#jedi");

    yoda.send("TOPIC #jedi :Training at dawn");
    const IrcMessage mine = yoda.expect("TOPIC");
    EXPECT_EQ(mine.params, (std::vector<std::string>{"#jedi", "Training at dawn"}));
    const IrcMessage told = luke.expect("TOPIC");
    EXPECT_EQ(told.prefix, "yoda!yoda@toom");
    EXPECT_EQ(told.param(1), "Training at dawn");

    luke.send("TOPIC #jedi");
    EXPECT_EQ(luke.expect("332").param(2), "Training at dawn");
    const IrcMessage whoTime = luke.expect("333");
    EXPECT_EQ(whoTime.param(2), "yoda");
    EXPECT_NE(whoTime.param(3), "0");

    // A later joiner is shown the topic with the join.
    IrcTestClient hans(server.server().ircPort());
    hans.registerWithSasl("hans", passwordOf("hans"));
    hans.send("JOIN #jedi");
    EXPECT_EQ(hans.expect("332").param(2), "Training at dawn");
}

TEST(IrcChannels, InviteOnlyGroupsAreInviteOnlyChannels) {
    TestServer server(ircDoor());
    IrcTestClient luke(server.server().ircPort());
    luke.registerWithSasl("luke", passwordOf("luke"));
    IrcTestClient hans(server.server().ircPort());
    hans.registerWithSasl("hans", passwordOf("hans"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    ASSERT_TRUE(yoda.request("/creategroup council luke").ok());
    const IrcMessage invite = luke.expect("INVITE");
    EXPECT_EQ(invite.prefix, "yoda!yoda@toom");
    EXPECT_EQ(invite.params, (std::vector<std::string>{"luke", "#council"}));

    hans.send("JOIN #council");
    EXPECT_EQ(hans.expect("473").param(1), "#council");
    hans.send("PRIVMSG #council :let me in");
    EXPECT_EQ(hans.expect("404").param(1), "#council");

    luke.send("JOIN #council");
    EXPECT_EQ(luke.expect("353").param(3), "@yoda luke");
}

TEST(IrcChannels, BadChannelRequestsGetNumericsAndTheConnectionStaysUsable) {
    TestServer server(ircDoor());
    IrcTestClient yoda(server.server().ircPort());
    yoda.registerWithSasl("yoda", passwordOf("yoda"));
    yoda.send("JOIN");
    EXPECT_EQ(yoda.expect("461").param(1), "JOIN");
    yoda.send("JOIN &local");
    EXPECT_EQ(yoda.expect("403").param(1), "&local");
    yoda.send("JOIN #no-dashes");
    EXPECT_EQ(yoda.expect("403").param(1), "#no-dashes");
    yoda.send("PART #nosuch");
    EXPECT_EQ(yoda.expect("403").param(1), "#nosuch");
    yoda.send("PRIVMSG #nosuch :anyone?");
    EXPECT_EQ(yoda.expect("403").param(1), "#nosuch");
    yoda.send("JOIN #jedi");
    yoda.expect("366");
    yoda.send("JOIN #jedi"); // Again: nothing, as IRC servers do.
    yoda.sync();
    yoda.forget();
    yoda.send("PART #jedi :bye");
    const IrcMessage part = yoda.expect("PART");
    EXPECT_EQ(part.params, (std::vector<std::string>{"#jedi", "bye"}));
    yoda.send("PART #jedi");
    EXPECT_EQ(yoda.expect("442").param(1), "#jedi");
}

TEST(IrcChannels, GuestsCannotUseChannelsYet) {
    TestServer server(ircDoor());
    IrcTestClient guest(server.server().ircPort());
    guest.send("NICK stranger");
    guest.send("USER s 0 * :Stranger");
    guest.expect("001");
    guest.send("JOIN #jedi");
    EXPECT_EQ(guest.expect("477").param(1), "#jedi");
    // Nothing was made in the guest's name.
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_EQ(yoda.request("TOPIC jedi").code(), "UNKNOWN_ROOM");
}

} // namespace
} // namespace toom::test
