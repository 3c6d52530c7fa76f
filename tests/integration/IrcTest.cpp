// The IRC door over real sockets: registration (SASL PLAIN, PASS, guest), private messages
// between IRC and toom-client users both ways (offline delivery and blocks as on the Toom
// port), PING, QUIT, bad lines.

#include "support/IrcTestClient.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <gtest/gtest.h>

namespace toom::test {
namespace {

TestServer::Tweak withIrc(bool allowGuests = true) {
    return [allowGuests](ServerOptions& o) {
        o.irc.port = 0; // ephemeral
        o.irc.bindAddress = "127.0.0.1";
        o.irc.allowGuests = allowGuests;
    };
}

TEST(Irc, RegistersWithSaslPlain) {
    TestServer server(withIrc());
    IrcTestClient irc(server.server().ircPort());
    irc.send("CAP LS 302");
    const IrcMessage ls = irc.expect("CAP");
    EXPECT_EQ(ls.params, (std::vector<std::string>{"*", "LS", "sasl=PLAIN"}));
    irc.send("NICK yoda");
    irc.send("USER yoda 0 * :Master Yoda");
    irc.send("CAP REQ :sasl");
    EXPECT_EQ(irc.expect("CAP").param(1), "ACK");
    irc.send("AUTHENTICATE PLAIN");
    EXPECT_EQ(irc.expect("AUTHENTICATE").param(0), "+");
    irc.send("AUTHENTICATE " + base64(std::string("yoda\0yoda\0", 10) + passwordOf("yoda")));
    EXPECT_EQ(irc.expect("900").param(2), "yoda");
    irc.expect("903");
    EXPECT_FALSE(irc.saw("001")); // CAP END not yet
    irc.send("CAP END");
    const IrcMessage welcome = irc.expect("001");
    EXPECT_EQ(welcome.prefix, "toom");
    EXPECT_EQ(welcome.param(0), "yoda");
    const IrcMessage isupport = irc.expect("005");
    EXPECT_NE(std::find(isupport.params.begin(), isupport.params.end(), "CASEMAPPING=ascii"),
              isupport.params.end());
    irc.expect("376");
    // Online in Toom's WHO.
    TestClient toom(server.port());
    toom.loginAs("obiwan");
    EXPECT_EQ(toom.request("WHO").column("user"), std::vector<std::string>{"yoda"});
}

TEST(Irc, WrongSaslPasswordsAre904AndLockTheAccountAsOnTheToomPort) {
    TestServer server(withIrc());
    IrcTestClient irc(server.server().ircPort());
    const int attempts = server.options().settings.maxLoginAttempts;
    for (int i = 0; i < attempts; ++i) {
        irc.send("AUTHENTICATE PLAIN");
        irc.expect("AUTHENTICATE");
        irc.send("AUTHENTICATE " + base64(std::string("\0yoda\0nope", 10)));
        irc.expect("904");
    }
    // Locked now, on both doors, even with the right password.
    TestClient toom(server.port());
    EXPECT_EQ(toom.request("yoda").code(), "ACCOUNT_LOCKED");
    irc.send("AUTHENTICATE PLAIN");
    irc.expect("AUTHENTICATE");
    irc.send("AUTHENTICATE " + base64(std::string("\0yoda\0", 6) + passwordOf("yoda")));
    irc.expect("904");
}

TEST(Irc, RegistersWithPass) {
    TestServer server(withIrc());
    IrcTestClient irc(server.server().ircPort());
    irc.send("PASS " + passwordOf("obiwan"));
    irc.send("NICK OBIWAN"); // any case: the account's spelling wins
    irc.send("USER o 0 * :Obi-Wan");
    EXPECT_EQ(irc.expect("001").param(0), "obiwan");
}

TEST(Irc, WrongPassIs464AndClosed) {
    TestServer server(withIrc());
    IrcTestClient irc(server.server().ircPort());
    irc.send("PASS wrong");
    irc.send("NICK obiwan");
    irc.send("USER o 0 * :o");
    irc.expect("464");
    EXPECT_EQ(irc.expect("ERROR").param(0), "Closing link: bad password");
    EXPECT_TRUE(irc.closedWithin());
}

TEST(Irc, GuestRegistersButCannotTakeARegisteredNick) {
    TestServer server(withIrc());
    IrcTestClient guest(server.server().ircPort());
    guest.send("NICK Yoda");
    guest.send("USER g 0 * :Guest");
    const IrcMessage refused = guest.expect("433");
    EXPECT_EQ(refused.param(1), "Yoda");
    EXPECT_FALSE(guest.saw("001"));
    guest.send("NICK rey");
    EXPECT_EQ(guest.expect("001").param(0), "rey");
    // A second guest cannot have the same nick while the first is online.
    IrcTestClient second(server.server().ircPort());
    second.send("NICK REY");
    second.send("USER g 0 * :Guest");
    EXPECT_EQ(second.expect("433").param(1), "REY");
}

TEST(Irc, NoGuestsWithoutAllowGuests) {
    TestServer server(withIrc(false));
    IrcTestClient guest(server.server().ircPort());
    guest.send("NICK rey");
    guest.send("USER g 0 * :Guest");
    guest.expect("464");
    EXPECT_TRUE(guest.closedWithin());
}

TEST(Irc, PrivmsgFromIrcReachesAToomUser) {
    TestServer server(withIrc());
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    IrcTestClient yoda(server.server().ircPort());
    yoda.registerWithSasl("yoda", passwordOf("yoda"));
    yoda.send("PRIVMSG obiwan :hello  there");
    const auto event = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->field("from"), "yoda");
    EXPECT_EQ(event->field("text"), "hello  there");
}

TEST(Irc, PmFromToomReachesAnIrcUser) {
    TestServer server(withIrc());
    IrcTestClient obiwan(server.server().ircPort());
    obiwan.registerWithPass("obiwan", passwordOf("obiwan"));
    TestClient yoda(server.port());
    yoda.loginAs("yoda");
    EXPECT_TRUE(yoda.request("PM obiwan a message : with a colon").ok());
    const IrcMessage pm = obiwan.expect("PRIVMSG");
    EXPECT_EQ(pm.prefix, "yoda!yoda@toom");
    EXPECT_EQ(pm.params, (std::vector<std::string>{"obiwan", "a message : with a colon"}));
}

TEST(Irc, OfflineMessagesAreDeliveredAtRegistration) {
    TestServer server(withIrc());
    {
        TestClient yoda(server.port());
        yoda.loginAs("yoda");
        EXPECT_TRUE(yoda.request("PM luke waiting for you").ok());
    }
    IrcTestClient luke(server.server().ircPort());
    luke.registerWithSasl("luke", passwordOf("luke"));
    const IrcMessage pm = luke.expect("PRIVMSG");
    EXPECT_EQ(pm.prefix, "yoda!yoda@toom");
    EXPECT_NE(pm.param(1).find("waiting for you"), std::string::npos);
}

TEST(Irc, BlocksApplyOnTheIrcDoor) {
    TestServer server(withIrc());
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    EXPECT_TRUE(obiwan.request("BLOCK yoda").ok());
    IrcTestClient yoda(server.server().ircPort());
    yoda.registerWithSasl("yoda", passwordOf("yoda"));
    yoda.send("PRIVMSG obiwan :let me in");
    const IrcMessage notice = yoda.expect("NOTICE");
    EXPECT_NE(notice.param(1).find("blocked"), std::string::npos);
    EXPECT_TRUE(obiwan.request("WHO").ok()); // a round trip: nothing arrived meanwhile
    EXPECT_EQ(obiwan.pendingEvents(), 0u);
}

TEST(Irc, UnknownNickIs401) {
    TestServer server(withIrc());
    IrcTestClient yoda(server.server().ircPort());
    yoda.registerWithSasl("yoda", passwordOf("yoda"));
    yoda.send("PRIVMSG nobody :hello");
    EXPECT_EQ(yoda.expect("401").param(1), "nobody");
    yoda.send("PRIVMSG #chan :hello");
    EXPECT_EQ(yoda.expect("403").param(1), "#chan"); // No such channel (IrcChannelTest).
}

TEST(Irc, PingIsAnswered) {
    TestServer server(withIrc());
    IrcTestClient irc(server.server().ircPort());
    irc.send("PING :before registration");
    EXPECT_EQ(irc.expect("PONG").param(1), "before registration");
    irc.registerWithPass("yoda", passwordOf("yoda"));
    irc.send("PING token");
    EXPECT_EQ(irc.expect("PONG").params, (std::vector<std::string>{"toom", "token"}));
}

TEST(Irc, QuitSaysErrorAndCloses) {
    TestServer server(withIrc());
    IrcTestClient irc(server.server().ircPort());
    irc.registerWithSasl("yoda", passwordOf("yoda"));
    irc.send("QUIT :bye");
    irc.expect("ERROR");
    EXPECT_TRUE(irc.closedWithin());
    TestClient toom(server.port());
    toom.loginAs("obiwan");
    EXPECT_TRUE(toom.request("WHO").column("user").empty());
}

TEST(Irc, BadLinesGetAnErrorAndTheConnectionStaysUsable) {
    TestServer server(withIrc());
    IrcTestClient irc(server.server().ircPort());
    irc.send("PRIVMSG obiwan :before registering");
    irc.expect("451");
    irc.send("@=bad PING x");
    irc.expect("NOTICE");
    irc.send("PING " + std::string(600, 'x'));
    irc.expect("417");
    irc.sendRaw("PING \xff\xfe\r\n");
    irc.expect("NOTICE");
    irc.registerWithSasl("yoda", passwordOf("yoda"));
    irc.send("FROBNICATE now");
    EXPECT_EQ(irc.expect("421").param(1), "FROBNICATE");
    irc.send("PRIVMSG obiwan");
    irc.expect("412");
    irc.send(std::string(5000, 'a'));
    irc.expect("417");
    irc.sync(); // still served
}

} // namespace
} // namespace toom::test
