#pragma once
// Hands each accepted connection to a new ClientHandler sharing the server's context.

#include "server/net/ClientHandler.h"
#include "server/net/ServerContext.h"

#include <Poco/Net/TCPServerConnectionFactory.h>

namespace toom {

class ClientHandlerFactory final : public Poco::Net::TCPServerConnectionFactory {
public:
    explicit ClientHandlerFactory(ServerContext& context)
        : _context(context) {}

    Poco::Net::TCPServerConnection*
    createConnection(const Poco::Net::StreamSocket& socket) override {
        return new ClientHandler(socket, _context);
    }

private:
    ServerContext& _context;
};

} // namespace toom
