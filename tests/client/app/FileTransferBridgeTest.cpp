// The audience's side of FileTransferBridge around the user's answer: an offer is asked about,
// y/n or accept/decline answer it, an answer that could mean a chat request too is refused,
// and a seed profile receives without asking. Real inbox on a loopback UDP port; the server's
// events are dispatched by hand (nobody sends the file: only the questions are under test).

#include "client/app/FileTransferBridge.h"

#include "client/app/AnswerRouting.h"
#include "client/app/PrivateChatBridge.h"
#include "client/session/CommandHooks.h"
#include "client/session/EventRouter.h"
#include "client/terminal/Console.h"
#include "p2p/chat/PrivateChats.h"
#include "p2p/transfer/UdpChannel.h"
#include "support/TempDir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>

using namespace toom::client;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

/// Answers nothing: the file answers never reach the server.
class SilentServer : public HookContext {
public:
    explicit SilentServer(Console& console)
        : _console(console) {}
    std::optional<ServerReply> request(std::string_view line) override {
        requests.emplace_back(line);
        return std::nullopt;
    }
    Console& console() override { return _console; }
    const std::string& username() const override { return _name; }

    std::vector<std::string> requests;

private:
    Console& _console;
    std::string _name = "obiwan";
};

struct AudienceRig {
    explicit AudienceRig(bool autoAccept = false,
                         std::chrono::milliseconds lifetime = std::chrono::seconds(110))
        : console(out)
        , udp(Poco::Net::SocketAddress("127.0.0.1", 0))
        , files(udp, console, optionsFor(downloads.path(), autoAccept, lifetime))
        , chats("obiwan", [this](std::string_view text) { console.printLine(text); })
        , privateChats(chats, console)
        , server(console) {
        files.install(hooks, events);
        privateChats.install(hooks, events);
        installAnswerRouting(hooks, privateChats, files);
        events.otherwise([this](const toom::ServerLine& e) { console.printLine(e.text()); });
    }

    static FileTransferBridge::Options optionsFor(const std::string& dir, bool autoAccept,
                                                  std::chrono::milliseconds lifetime) {
        FileTransferBridge::Options options;
        options.inbox.downloadDir = dir;
        options.autoAccept = autoAccept;
        options.questions.lifetime = lifetime;
        return options;
    }

    void offer(const std::string& from, const std::string& file, char tokenDigit) {
        events.dispatch(*toom::ServerLine::parse(
            "EVENT FILE_OFFER from=" + from + " file=" + file +
            " size=2048 sha256=" + std::string(64, 'a') + " token=" + std::string(32, tokenDigit) +
            " address=127.0.0.1 :" + from + " is sending you " + file + " (2.0 KiB)"));
    }

    std::string output() const { return out.str(); }

    toom::test::TempDir downloads;
    std::ostringstream out;
    Console console;
    toom::p2p::transfer::UdpChannel udp;
    FileTransferBridge files;
    toom::p2p::chat::PrivateChats chats;
    PrivateChatBridge privateChats;
    CommandHooks hooks;
    EventRouter events;
    SilentServer server;
};

} // namespace

TEST(FileTransferBridgeTest, AnOfferIsAskedAndNAnswersIt) {
    AudienceRig rig;
    rig.files.setUser("obiwan");
    rig.offer("yoda", "big.bin", '1');
    EXPECT_THAT(rig.output(), HasSubstr("yoda is sending you big.bin (2.0 KiB)\nReceive big.bin "
                                        "(2.0 KiB) from yoda? Answer y or n (or accept 1 / "
                                        "decline 1)\n"));
    EXPECT_EQ(rig.files.offersWaiting(), 1u);
    rig.hooks.apply(rig.server, "n");
    EXPECT_THAT(rig.output(), HasSubstr("Declined big.bin from yoda\n"));
    EXPECT_EQ(rig.files.offersWaiting(), 0u);
    EXPECT_TRUE(rig.server.requests.empty()); // the server never hears of it
}

TEST(FileTransferBridgeTest, SeveralOffersArePickedByNumberOrSender) {
    AudienceRig rig;
    rig.files.setUser("obiwan");
    rig.offer("yoda", "a.bin", '1');
    rig.offer("hans", "b.bin", '2');
    rig.hooks.apply(rig.server, "accept");
    EXPECT_THAT(rig.output(), HasSubstr("Error. 2 file offers are waiting: say which"));
    rig.hooks.apply(rig.server, "y 2");
    EXPECT_THAT(rig.output(), HasSubstr("Accepted b.bin from hans: receiving it into "));
    rig.hooks.apply(rig.server, "/decline yoda");
    EXPECT_THAT(rig.output(), HasSubstr("Declined a.bin from yoda\n"));
    rig.hooks.apply(rig.server, "accept 1 2");
    EXPECT_THAT(rig.output(), HasSubstr("Error. Usage: accept [<number>|<user>|<file>]"));
    EXPECT_TRUE(rig.server.requests.empty());
}

TEST(FileTransferBridgeTest, YesOrNoWithAChatRequestWaitingTooIsRefused) {
    AudienceRig rig;
    rig.files.setUser("obiwan");
    rig.events.dispatch(*toom::ServerLine::parse(
        "EVENT PRIVATE_REQUEST from=luke :luke would like to private message, enter y or n: "));
    rig.offer("yoda", "big.bin", '1');
    rig.hooks.apply(rig.server, "y");
    EXPECT_THAT(rig.output(), HasSubstr(ambiguousAnswerText()));
    EXPECT_TRUE(rig.server.requests.empty());
    EXPECT_EQ(rig.files.offersWaiting(), 1u);
    // Named, each answer is unambiguous.
    rig.hooks.apply(rig.server, "decline");
    EXPECT_EQ(rig.files.offersWaiting(), 0u);
    rig.hooks.apply(rig.server, "y");
    EXPECT_EQ(rig.server.requests, std::vector<std::string>{"y"}); // now the request's
}

TEST(FileTransferBridgeTest, ASeedProfileOrTheOptionReceivesWithoutAsking) {
    for (bool option : {false, true}) {
        AudienceRig rig(option);
        rig.files.setUser("obiwan", /*seedProfile=*/!option);
        rig.offer("yoda", "big.bin", '1');
        EXPECT_THAT(rig.output(), HasSubstr("yoda is sending you big.bin (2.0 KiB)\n"));
        EXPECT_THAT(rig.output(), Not(HasSubstr("Receive big.bin")));
        EXPECT_EQ(rig.files.offersWaiting(), 0u);
        rig.hooks.apply(rig.server, "y"); // a y now is the server's to answer
        EXPECT_EQ(rig.server.requests, std::vector<std::string>{"y"});
    }
}

TEST(FileTransferBridgeTest, AnUnansweredOfferExpiresByItself) {
    AudienceRig rig(false, std::chrono::milliseconds(200));
    rig.files.setUser("obiwan");
    rig.offer("yoda", "big.bin", '1');
    ASSERT_EQ(rig.files.offersWaiting(), 1u);
    // Nothing typed, no other offer: the inbox's housekeeping finds it expired.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (rig.files.offersWaiting() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(rig.files.offersWaiting(), 0u);
    rig.files.finish(); // joins the inbox thread, which printed the notice
    EXPECT_THAT(rig.output(),
                HasSubstr("Error. big.bin from yoda was not received: not accepted within 200 ms"));
    rig.hooks.apply(rig.server, "accept");
    EXPECT_THAT(rig.output(), HasSubstr("Error. no file offer is waiting for an answer"));
}

TEST(FileTransferBridgeTest, AFileOverTheSizeCapIsRefusedWithoutAsking) {
    AudienceRig rig;
    rig.files.setUser("obiwan");
    rig.events.dispatch(*toom::ServerLine::parse(
        "EVENT FILE_OFFER from=yoda file=huge.bin size=999999999999 sha256=" +
        std::string(64, 'a') + " token=" + std::string(32, '9') +
        " address=127.0.0.1 :yoda is sending you huge.bin (931.3 GiB)"));
    EXPECT_THAT(rig.output(), HasSubstr("Error. Refused huge.bin from yoda: the file is too large "
                                        "(931.3 GiB; this client accepts at most 4.0 GiB)"));
    EXPECT_THAT(rig.output(), Not(HasSubstr("Receive huge.bin")));
    EXPECT_EQ(rig.files.offersWaiting(), 0u);
}
