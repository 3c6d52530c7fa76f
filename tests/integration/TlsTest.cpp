// The TLS port over real sockets: a TLS client and a plain one talk to each other through one
// server; strangers who send nothing or garbage on the TLS port are closed while everyone else
// is served, and count against the pre-login cap; a bad certificate or key stops the start.

#include "server/net/TlsServerContext.h"
#include "support/ChildProcess.h"
#include "support/TestCertificate.h"
#include "support/TestClient.h"
#include "support/TestServer.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

namespace toom::test {
namespace {

/// A throwaway certificate and a server with a TLS port using it.
struct TlsFixture {
    TempDir keys;
    TestCertificate certificate = makeTestCertificate(keys.path());
};

TestTls trusting(const TestCertificate& certificate) {
    TestTls tls;
    tls.caFile = certificate.certificateFile;
    return tls;
}

/// A raw TCP connection (no TLS) to `port`.
Poco::Net::StreamSocket rawConnection(int port) {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
                   Poco::Timespan(5, 0));
    return socket;
}

/// True once the server has closed `socket` (read to its end), within `timeout`.
bool closedByServer(Poco::Net::StreamSocket& socket, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        if (!socket.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ))
            continue;
        try {
            if (socket.receiveBytes(buffer, sizeof buffer) <= 0)
                return true;
        } catch (const Poco::Exception&) {
            return true; // Reset: closed too.
        }
    }
    return false;
}

TEST(Tls, ATlsClientAndAPlainClientExchangePrivateMessages) {
    TlsFixture tls;
    TestServer server(withTls(tls.certificate.certificateFile, tls.certificate.privateKeyFile));
    ASSERT_GT(server.tlsPort(), 0);
    ASSERT_NE(server.tlsPort(), server.port());

    TestClient yoda(server.tlsPort(), trusting(tls.certificate));
    EXPECT_EQ(yoda.greeting().kind(), LineKind::Hello);
    yoda.loginAs("yoda");
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");

    Response sent = yoda.request("PM obiwan over TLS");
    ASSERT_TRUE(sent.ok()) << sent.final.format();
    auto got = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->field("from"), "yoda");
    EXPECT_EQ(got->field("text"), "over TLS");

    Response back = obiwan.request("PM yoda and back");
    ASSERT_TRUE(back.ok()) << back.final.format();
    auto reply = yoda.waitEvent("MESSAGE");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->field("from"), "obiwan");
    EXPECT_EQ(reply->field("text"), "and back");

    // A reply bigger than one TLS record (16 KiB) arrives whole.
    const std::string longText(3000, 'x');
    for (int i = 0; i < 10; ++i)
        ASSERT_TRUE(obiwan.request("PM yoda " + longText).ok());
    for (int i = 0; i < 10; ++i) {
        auto message = yoda.waitEvent("MESSAGE");
        ASSERT_TRUE(message) << i;
        EXPECT_EQ(message->field("text"), longText);
    }
    EXPECT_TRUE(yoda.request("OUT").ok());
    EXPECT_TRUE(yoda.waitClosed());
}

TEST(Tls, StrangersWhoSendNothingOrGarbageAreClosedWhileOthersAreServed) {
    TlsFixture tls;
    TestServer server(withTls(tls.certificate.certificateFile, tls.certificate.privateKeyFile,
                              [](ServerOptions& o) { o.tls.handshakeTimeoutMillis = 1000; }));
    Poco::Net::StreamSocket silent = rawConnection(server.tlsPort());
    Poco::Net::StreamSocket garbage = rawConnection(server.tlsPort());
    const std::string junk = "USER yoda\nthis is not a TLS record\n";
    garbage.sendBytes(junk.data(), static_cast<int>(junk.size()));
    // A plain client on the TLS port is the same stranger: its first line is not a handshake.
    TestClient served(server.tlsPort(), trusting(tls.certificate));
    served.loginAs("luke");
    EXPECT_TRUE(closedByServer(garbage, std::chrono::seconds(5)));
    EXPECT_TRUE(served.request("WHO").ok()); // Served meanwhile, on the same loops.
    EXPECT_TRUE(closedByServer(silent, std::chrono::seconds(5)));
    EXPECT_TRUE(served.request("WHO").ok());
}

TEST(Tls, ATlsStrangerCountsAgainstThePreloginCapOfItsAddress) {
    TlsFixture tls;
    TestServer server(withTls(tls.certificate.certificateFile, tls.certificate.privateKeyFile,
                              [](ServerOptions& o) {
                                  o.maxPreloginPerAddress = 2;
                                  o.tls.handshakeTimeoutMillis = 1000;
                              }));
    Poco::Net::StreamSocket first = rawConnection(server.tlsPort());
    Poco::Net::StreamSocket second = rawConnection(server.tlsPort());
    // Once the TLS port has admitted both (its acceptor runs beside the plain port's)...
    for (int i = 0; i < 500 && server.server().connectionCount() < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(server.server().connectionCount(), 2u);
    // ...they are counted: the plain port refuses a third from the same address.
    TestClient third(server.port());
    EXPECT_EQ(third.greeting().code(), "TOO_MANY_CONNECTIONS") << third.greeting().format();
    // Once the handshake deadline has closed them, the address is welcome again.
    EXPECT_TRUE(closedByServer(first, std::chrono::seconds(5)));
    EXPECT_TRUE(closedByServer(second, std::chrono::seconds(5)));
    TestClient later(server.port());
    EXPECT_EQ(later.greeting().kind(), LineKind::Hello) << later.greeting().format();
}

TEST(Tls, ABadCertificateOrKeyStopsTheStartWithItsReason) {
    TlsFixture tls;
    TestCertificate other = makeTestCertificate(tls.keys.path(), "other");
    const std::string garbageFile = tls.keys.file("garbage.pem");
    std::ofstream(garbageFile) << "-----BEGIN CERTIFICATE-----\nnot base64\n";
    struct Case {
        std::string certificate, key, expected;
    };
    const std::vector<Case> cases = {
        {tls.keys.file("missing.pem"), tls.certificate.privateKeyFile,
         "cannot read the certificate file"},
        {tls.certificate.certificateFile, tls.keys.file("missing.pem"),
         "cannot read the private key file"},
        {garbageFile, tls.certificate.privateKeyFile, "holds no usable PEM certificate"},
        {tls.certificate.certificateFile, garbageFile, "holds no usable PEM private key"},
        {tls.certificate.certificateFile, other.privateKeyFile, "does not match the certificate"},
    };
    for (const auto& c : cases) {
        try {
            TlsServerContext context(c.certificate, c.key);
            ADD_FAILURE() << "loaded " << c.certificate << " and " << c.key;
        } catch (const TlsSetupException& e) {
            EXPECT_NE(e.message().find(c.expected), std::string::npos) << e.displayText();
        }
    }
}

TEST(Tls, TheServerProcessExitsNonZeroOnABadKey) {
    TlsFixture tls;
    TestCertificate other = makeTestCertificate(tls.keys.path(), "other");
    TempDir dir;
    std::ofstream(dir.file("credentials.txt")) << "yoda wise@!man\n";
    auto [code, output] = ChildProcess::run(
        TOOM_SERVER_BINARY,
        {"--port=0", "--data-dir=" + dir.path(), "-Dtoom.bind=127.0.0.1", "-Dtls.port=1",
         "-Dtls.certificate_file=" + tls.certificate.certificateFile,
         "-Dtls.private_key_file=" + other.privateKeyFile},
        dir.path());
    EXPECT_NE(code, 0);
    EXPECT_NE(output.find("does not match the certificate"), std::string::npos) << output;
    // Stopped before the store was touched.
    EXPECT_FALSE(Poco::File(dir.file("toom.db")).exists());

    auto [missingCode, missing] =
        ChildProcess::run(TOOM_SERVER_BINARY,
                          {"--port=0", "--data-dir=" + dir.path(), "-Dtls.port=4443"}, dir.path());
    EXPECT_NE(missingCode, 0);
    EXPECT_NE(missing.find("tls.certificate_file"), std::string::npos) << missing;
}

/// toom-client's arguments for the TLS port of `server`, with an empty config file of its own.
std::vector<std::string> tlsClientArgs(const TestServer& server, const TempDir& dir,
                                       std::vector<std::string> extra) {
    std::ofstream(dir.file("empty.conf")) << "";
    std::vector<std::string> args{"--config", dir.file("empty.conf")};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("127.0.0.1");
    args.push_back(std::to_string(server.tlsPort()));
    return args;
}

TEST(Tls, TheClientVerifiesTheCertificateAndTrustsAGivenCa) {
    TlsFixture tls;
    TestServer server(withTls(tls.certificate.certificateFile, tls.certificate.privateKeyFile));
    TempDir dir;

    // Self-signed: not in the system's store, so the default refuses it and says what to do.
    auto [refusedCode, refused] = ChildProcess::run(
        TOOM_CLIENT_BINARY, tlsClientArgs(server, dir, {"--tls"}), dir.path(), "yoda\n");
    EXPECT_EQ(refusedCode, 2) << refused;
    EXPECT_NE(refused.find("certificate is not trusted"), std::string::npos) << refused;
    EXPECT_NE(refused.find("--tls-ca"), std::string::npos) << refused;
    EXPECT_EQ(refused.find("Welcome"), std::string::npos) << refused;

    // A certificate made for another server is refused even with --tls-ca.
    TestCertificate other = makeTestCertificate(tls.keys.path(), "other");
    auto [wrongCode, wrong] = ChildProcess::run(
        TOOM_CLIENT_BINARY, tlsClientArgs(server, dir, {"--tls-ca", other.certificateFile}),
        dir.path(), "yoda\n");
    EXPECT_EQ(wrongCode, 2) << wrong;
    EXPECT_NE(wrong.find("certificate is not trusted"), std::string::npos) << wrong;

    // Trusting its certificate: a full session over TLS, to a plain client.
    TestClient obiwan(server.port());
    obiwan.loginAs("obiwan");
    auto [code, output] =
        ChildProcess::run(TOOM_CLIENT_BINARY,
                          tlsClientArgs(server, dir, {"--tls-ca", tls.certificate.certificateFile}),
                          dir.path(), "yoda\nwise@!man\nPM obiwan through the client\nOUT\n");
    EXPECT_EQ(code, 0) << output;
    EXPECT_NE(output.find("Welcome"), std::string::npos) << output;
    auto got = obiwan.waitEvent("MESSAGE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->field("text"), "through the client");

    // --tls-insecure connects without verifying, and says so.
    auto [insecureCode, insecure] =
        ChildProcess::run(TOOM_CLIENT_BINARY, tlsClientArgs(server, dir, {"--tls-insecure"}),
                          dir.path(), "luke\nlight==saber\nOUT\n");
    EXPECT_EQ(insecureCode, 0) << insecure;
    EXPECT_NE(insecure.find("warning: --tls-insecure"), std::string::npos) << insecure;
    EXPECT_NE(insecure.find("Welcome"), std::string::npos) << insecure;
}

} // namespace
} // namespace toom::test
