#include "support/IrcTestClient.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>

#include <sstream>
#include <stdexcept>

namespace toom::test {

std::string base64(std::string_view text) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << text;
    encoder.close();
    return out.str();
}

IrcTestClient::IrcTestClient(int port) {
    _socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
}

void IrcTestClient::send(std::string_view line) {
    sendRaw(std::string(line) + "\r\n");
}

void IrcTestClient::sendRaw(std::string_view bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const int n = _socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
        if (n <= 0)
            throw std::runtime_error("send failed");
        sent += static_cast<std::size_t>(n);
    }
}

std::optional<IrcMessage> IrcTestClient::next(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const std::size_t end = _buffer.find('\n');
        if (end != std::string::npos) {
            std::string line = _buffer.substr(0, end);
            _buffer.erase(0, end + 1);
            IrcParseResult parsed = IrcMessage::parse(line);
            if (!parsed)
                throw std::runtime_error("server sent a malformed line: " + line);
            _seen.push_back(parsed.message);
            return parsed.message;
        }
        if (_closed)
            return std::nullopt;
        const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return std::nullopt;
        _socket.setReceiveTimeout(Poco::Timespan(left.count()));
        char chunk[4096];
        int n = 0;
        try {
            n = _socket.receiveBytes(chunk, sizeof chunk);
        } catch (const Poco::TimeoutException&) {
            return std::nullopt;
        } catch (const Poco::Net::NetException&) {
            n = 0;
        }
        if (n <= 0) {
            _closed = true;
            continue;
        }
        _buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

IrcMessage IrcTestClient::expect(std::string_view command, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto line = next(std::max(left, std::chrono::milliseconds(0)));
        if (!line) {
            std::string got;
            for (const IrcMessage& m : _seen)
                got += "\n  " + m.format();
            throw std::runtime_error("no " + std::string(command) +
                                     " from the server; seen:" + got);
        }
        if (line->verb() == command)
            return *line;
    }
}

void IrcTestClient::sync() {
    const std::string token = "sync" + std::to_string(++_pings);
    send("PING " + token);
    for (;;) {
        const IrcMessage pong = expect("PONG");
        if (pong.params.size() >= 2 && pong.params[1] == token)
            return;
    }
}

bool IrcTestClient::closedWithin(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!_closed || _buffer.find('\n') != std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        next(left);
    }
    return true;
}

bool IrcTestClient::saw(std::string_view command) const {
    for (const IrcMessage& m : _seen) {
        if (m.verb() == command)
            return true;
    }
    return false;
}

void IrcTestClient::registerWithSasl(const std::string& user, const std::string& password) {
    send("CAP LS 302");
    send("NICK " + user);
    send("USER " + user + " 0 * :" + user);
    send("CAP REQ :sasl");
    expect("CAP"); // LS
    expect("CAP"); // ACK
    send("AUTHENTICATE PLAIN");
    expect("AUTHENTICATE");
    send("AUTHENTICATE " +
         base64(user + std::string(1, '\0') + user + std::string(1, '\0') + password));
    expect("903");
    send("CAP END");
    expect("001");
    expect("376");
}

void IrcTestClient::registerWithPass(const std::string& user, const std::string& password) {
    send("PASS " + password);
    send("NICK " + user);
    send("USER " + user + " 0 * :" + user);
    expect("001");
    expect("376");
}

} // namespace toom::test
