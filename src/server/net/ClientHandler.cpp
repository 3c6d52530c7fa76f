#include "server/net/ClientHandler.h"

#include "server/net/ClientConnection.h"
#include "server/net/EventLoops.h"

#include <Poco/Logger.h>
#include <Poco/Net/NetException.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace toom {

bool applyKeepAlive(int fd, int idleSeconds, int intervalSeconds, int probes) {
    const int on = idleSeconds > 0 ? 1 : 0;
    if (::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0)
        return false;
    if (!on)
        return true;
    const int interval = std::max(1, intervalSeconds);
    const int count = std::max(1, probes);
    return ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idleSeconds, sizeof idleSeconds) == 0 &&
           ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval) == 0 &&
           ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count) == 0;
}

ClientHandler::ClientHandler(const Poco::Net::StreamSocket& socket, ServerContext& context,
                             const TlsServerContext* tls, ConnectionMaker maker)
    : Poco::Net::TCPServerConnection(socket)
    , _context(context)
    , _tls(tls)
    , _maker(std::move(maker)) {}

ClientHandler::~ClientHandler() {
    if (_handedOver)
        return;
    _context.admitted.fetch_sub(1);
    if (_context.prelogin)
        _context.prelogin->release(socket().impl()->sockfd());
}

void ClientHandler::run() {
    std::shared_ptr<Session> session;
    try {
        Poco::Net::StreamSocket& sock = socket();
        const ServerSettings& settings = _context.services.settings;
        sock.setNoDelay(true);
        sock.setBlocking(false);
        if (settings.socketSendBufferBytes > 0)
            sock.setSendBufferSize(settings.socketSendBufferBytes);
        if (!applyKeepAlive(sock.impl()->sockfd(), settings.tcpKeepAliveIdleSeconds,
                            settings.tcpKeepAliveIntervalSeconds, settings.tcpKeepAliveProbes))
            _context.log.warning("could not set TCP keepalive: %s",
                                 std::string(std::strerror(errno)));
        const std::string address = sock.peerAddress().host().toString();
        session =
            std::make_shared<Session>(address, settings.maxOutboundBytes, _context.services.clock);
        _context.connections.add(session);
        if (_context.prelogin)
            _context.prelogin->attach(sock.impl()->sockfd(), session);
        std::unique_ptr<LoopConnection> connection;
        if (_maker) {
            connection = _maker(sock, session);
        } else {
            // Only set up here; the handshake is the loop's (non-blocking, like the rest).
            auto tls = _tls ? std::make_unique<TlsChannel>(*_tls, sock.impl()->sockfd()) : nullptr;
            connection =
                std::make_unique<ClientConnection>(sock, session, _context, std::move(tls));
        }
        _handedOver = true; // The connection owns the admission now.
        _context.loops.adopt(std::move(connection));
    } catch (const Poco::Exception& e) {
        _context.log.warning("connection error: %s", e.displayText());
    } catch (const std::exception& e) {
        _context.log.warning("connection error: %s", std::string(e.what()));
    }
    if (!_handedOver && session)
        _context.connections.remove(session);
}

} // namespace toom
