#pragma once
// Hands each accepted connection to a new ClientHandler sharing the server's context; a TLS
// listener's factory carries the TLS identity its connections use, and another protocol's
// listener the ConnectionMaker that builds its connections.

#include "server/net/ClientHandler.h"
#include "server/net/ServerContext.h"

#include <Poco/Net/TCPServerConnectionFactory.h>

namespace toom {

class ClientHandlerFactory final : public Poco::Net::TCPServerConnectionFactory {
public:
    explicit ClientHandlerFactory(ServerContext& context, const TlsServerContext* tls = nullptr,
                                  ConnectionMaker maker = {})
        : _context(context)
        , _tls(tls)
        , _maker(std::move(maker)) {}

    Poco::Net::TCPServerConnection*
    createConnection(const Poco::Net::StreamSocket& socket) override {
        return new ClientHandler(socket, _context, _tls, _maker);
    }

private:
    ServerContext& _context;
    const TlsServerContext* _tls;
    ConnectionMaker _maker;
};

} // namespace toom
