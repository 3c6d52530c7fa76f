#pragma once
// Hands each accepted connection to a new ClientHandler sharing the server's context; a TLS
// listener's factory carries the TLS identity its connections use.

#include "server/net/ClientHandler.h"
#include "server/net/ServerContext.h"

#include <Poco/Net/TCPServerConnectionFactory.h>

namespace toom {

class ClientHandlerFactory final : public Poco::Net::TCPServerConnectionFactory {
public:
    explicit ClientHandlerFactory(ServerContext& context, const TlsServerContext* tls = nullptr)
        : _context(context)
        , _tls(tls) {}

    Poco::Net::TCPServerConnection*
    createConnection(const Poco::Net::StreamSocket& socket) override {
        return new ClientHandler(socket, _context, _tls);
    }

private:
    ServerContext& _context;
    const TlsServerContext* _tls;
};

} // namespace toom
