#include "support/TestClient.h"

#include "support/TestServer.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>

#include <algorithm>
#include <cstdint>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdexcept>

namespace toom::test {

std::vector<std::string> Response::column(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& row : rows)
        out.push_back(row.field(key).value_or(""));
    return out;
}

TestClient::TestClient(int port, std::chrono::milliseconds timeout)
    : _timeout(timeout) {
    connect(port, 0);
}

TestClient::TestClient(int port, int receiveBufferBytes)
    : _timeout(10s) {
    connect(port, receiveBufferBytes);
}

TestClient::TestClient(int port, const std::string& sourceAddress)
    : _timeout(10s) {
    connect(port, 0, sourceAddress);
}

TestClient::TestClient(int port, const TestTls& tls)
    : _timeout(10s) {
    connect(port, 0, {}, &tls);
}

namespace {
SSL* sslOf(const std::shared_ptr<void>& tls) {
    return static_cast<SSL*>(tls.get());
}

/// A blocking client handshake on `fd`, verifying against `tls.caFile` when one is given.
std::shared_ptr<void> startTls(int fd, const TestTls& tls) {
    std::unique_ptr<SSL_CTX, void (*)(SSL_CTX*)> ctx(SSL_CTX_new(TLS_client_method()),
                                                     &SSL_CTX_free);
    if (!ctx)
        throw std::runtime_error("SSL_CTX_new failed");
    if (!tls.caFile.empty()) {
        SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
        if (SSL_CTX_load_verify_locations(ctx.get(), tls.caFile.c_str(), nullptr) != 1)
            throw std::runtime_error("cannot load " + tls.caFile);
    }
    std::shared_ptr<void> ssl(SSL_new(ctx.get()), [](void* p) { SSL_free(static_cast<SSL*>(p)); });
    SSL* s = sslOf(ssl);
    SSL_set_fd(s, fd);
    SSL_ctrl(s, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
             const_cast<char*>(tls.host.c_str())); // SSL_set_tlsext_host_name, uncast
    SSL_set1_host(s, tls.host.c_str());
    if (SSL_connect(s) != 1) {
        char text[256] = "handshake failed";
        if (const unsigned long code = ERR_get_error())
            ERR_error_string_n(code, text, sizeof text);
        ERR_clear_error();
        throw std::runtime_error(std::string("TLS: ") + text);
    }
    return ssl;
}
} // namespace

void TestClient::connect(int port, int receiveBufferBytes, const std::string& sourceAddress,
                         const TestTls* tls) {
    _socket = Poco::Net::StreamSocket(Poco::Net::SocketAddress::IPv4);
    if (receiveBufferBytes > 0)
        _socket.setReceiveBufferSize(receiveBufferBytes);
    if (!sourceAddress.empty())
        _socket.impl()->bind(Poco::Net::SocketAddress(sourceAddress, 0), false);
    _socket.connect(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
        Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(_timeout).count()));
    _socket.setNoDelay(true);
    if (tls) {
        // A blocking socket with a receive timeout: a server that stalls fails the test.
        _socket.setReceiveTimeout(Poco::Timespan(
            std::chrono::duration_cast<std::chrono::microseconds>(_timeout).count()));
        _tls = startTls(_socket.impl()->sockfd(), *tls);
    }
    auto first = readLine(_timeout);
    if (!first)
        throw std::runtime_error("no greeting from the server");
    auto parsed = ServerLine::parse(*first);
    if (!parsed)
        throw std::runtime_error("malformed greeting: " + *first);
    _greeting = *parsed;
}

TestClient::~TestClient() {
    try {
        if (_tls)
            SSL_shutdown(sslOf(_tls));
        _tls.reset();
        _socket.close();
    } catch (...) {
    }
}

int TestClient::receiveSome(char* buffer, int size) {
    if (!_tls)
        return _socket.receiveBytes(buffer, size);
    std::size_t got = 0;
    if (SSL_read_ex(sslOf(_tls), buffer, static_cast<std::size_t>(size), &got) == 1)
        return static_cast<int>(got);
    ERR_clear_error();
    return 0; // Closed, reset or timed out: all end the stream for a test.
}

bool TestClient::holdsBytes() const {
    return _tls && SSL_has_pending(sslOf(_tls)) == 1;
}

void TestClient::send(std::string_view line) {
    sendRaw(std::string(line) + '\n');
}

void TestClient::sendRaw(std::string_view bytes) {
    std::size_t offset = 0;
    while (offset < bytes.size()) {
        int n = 0;
        if (_tls) {
            std::size_t sent = 0;
            if (SSL_write_ex(sslOf(_tls), bytes.data() + offset, bytes.size() - offset, &sent) == 1)
                n = static_cast<int>(sent);
            ERR_clear_error();
        } else {
            n = _socket.sendBytes(bytes.data() + offset, static_cast<int>(bytes.size() - offset));
        }
        if (n <= 0)
            throw std::runtime_error("send failed");
        offset += static_cast<std::size_t>(n);
    }
}

std::optional<std::string> TestClient::readLine(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto newline = _buffer.find('\n');
        if (newline != std::string::npos) {
            std::string line = _buffer.substr(0, newline);
            _buffer.erase(0, newline + 1);
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            return line;
        }
        if (_closed)
            return std::nullopt;
        // Past the deadline (or with a zero timeout) the socket is still looked at once without
        // waiting, so "nothing arrived" means nothing is there, not that nobody looked.
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(
            deadline - std::chrono::steady_clock::now());
        if (!holdsBytes() && !_socket.poll(Poco::Timespan(std::max<std::int64_t>(left.count(), 0)),
                                           Poco::Net::Socket::SELECT_READ))
            return std::nullopt;
        char chunk[8192];
        int n = 0;
        try {
            n = receiveSome(chunk, sizeof chunk);
        } catch (const Poco::Exception&) {
            n = 0; // Reset by peer counts as closed.
        }
        if (n <= 0) {
            _closed = true;
            continue;
        }
        _buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

Response TestClient::collect() {
    Response response;
    for (;;) {
        auto line = readLine(_timeout);
        if (!line)
            throw std::runtime_error(_closed ? "connection closed before the reply"
                                             : "timed out waiting for a reply");
        auto parsed = ServerLine::parse(*line);
        if (!parsed)
            throw std::runtime_error("malformed line from the server: " + *line);
        switch (parsed->kind()) {
        case LineKind::Event:
            _events.push_back(*parsed);
            break;
        case LineKind::Data:
            response.rows.push_back(*parsed);
            break;
        case LineKind::Ok:
        case LineKind::Fail:
            response.final = *parsed;
            return response;
        case LineKind::Hello:
            throw std::runtime_error("unexpected HELLO: " + *line);
        }
    }
}

Response TestClient::request(std::string_view line) {
    send(line);
    return collect();
}

Response TestClient::readResponse() {
    return collect();
}

Response TestClient::login(const std::string& user, const std::string& password, int udpPort) {
    if (udpPort != 0) {
        Response port = request("UDPPORT " + std::to_string(udpPort));
        if (!port.ok())
            return port;
    }
    Response name = request(user);
    if (!name.ok())
        return name;
    return request(password);
}

void TestClient::loginAs(const std::string& user, int udpPort) {
    Response reply = login(user, passwordOf(user), udpPort);
    // A throw, like every other failure of this client: GoogleTest reports it and ends the test
    // (an ASSERT here would end only this function), and the library needs no GoogleTest, so the
    // benchmarks link it without the test framework.
    if (!reply.ok())
        throw std::runtime_error(user + " could not log in: " + reply.final.format());
}

std::optional<ServerLine> TestClient::nextEvent(std::chrono::milliseconds timeout) {
    if (!_events.empty()) {
        ServerLine e = _events.front();
        _events.pop_front();
        return e;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() < 0)
            return std::nullopt;
        auto line = readLine(left);
        if (!line)
            return std::nullopt;
        auto parsed = ServerLine::parse(*line);
        if (parsed && parsed->kind() == LineKind::Event)
            return parsed;
        throw std::runtime_error("expected an event, got: " + *line);
    }
}

std::optional<ServerLine> TestClient::waitEvent(std::string_view type,
                                                std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() < 0)
            return std::nullopt;
        auto event = nextEvent(left);
        if (!event)
            return std::nullopt;
        if (event->verb() == type)
            return event;
    }
}

bool TestClient::waitClosed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!_closed) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        auto line = readLine(left);
        if (line) {
            if (auto parsed = ServerLine::parse(*line); parsed && parsed->kind() == LineKind::Event)
                _events.push_back(*parsed);
        }
    }
    return true;
}

} // namespace toom::test
