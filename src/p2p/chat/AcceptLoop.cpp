#include "p2p/chat/AcceptLoop.h"

#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>

#include <cerrno>
#include <cstdint>
#include <poll.h>
#include <system_error>

namespace toom::p2p::chat {

namespace {
// Only a handful of peers ever connect, but a burst (several accepted requests at once) must
// not meet a full queue: the kernel would drop SYNs and the peer would retry after a second.
constexpr int kListenBacklog = 64;
} // namespace

AcceptLoop::AcceptLoop(const Poco::Net::IPAddress& address, int port, Handler handler)
    : _handler(std::move(handler)) {
    // SO_REUSEADDR lets a fixed port be bound again right after a restart; SO_REUSEPORT is left
    // off, or a second client on the same machine could share the port and steal connections.
    _socket.bind(Poco::Net::SocketAddress(address, static_cast<Poco::UInt16>(port)), true, false);
    _socket.listen(kListenBacklog);
    // Non-blocking, so that a connection reset between poll() and accept() cannot block the
    // thread in accept(); Linux does not pass the flag on to accepted sockets.
    _socket.setBlocking(false);
    _port = _socket.address().port();
    _thread = std::thread([this] { run(); });
}

AcceptLoop::~AcceptLoop() {
    stop();
}

void AcceptLoop::stop() {
    if (!_thread.joinable())
        return;
    // A poll() on the listening socket plus a wake descriptor, rather than closing the socket
    // under a blocked accept(): closing does not reliably wake accept() on Linux, and the
    // descriptor number could be reused while the thread still uses it.
    _wake.notify();
    _thread.join();
    _socket.close();
}

void AcceptLoop::run() {
    pollfd fds[2] = {{_socket.impl()->sockfd(), POLLIN, 0}, {_wake.fd(), POLLIN, 0}};
    for (;;) {
        fds[0].revents = fds[1].revents = 0;
        int ready = ::poll(fds, 2, -1);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return; // Cannot wait any more: stop accepting.
        }
        if (fds[1].revents != 0)
            return;
        if (fds[0].revents == 0)
            continue;
        Poco::Net::SocketAddress remote;
        Poco::Net::StreamSocket connection;
        try {
            connection = _socket.acceptConnection(remote);
        } catch (const Poco::Exception&) {
            // Gone before we took it, or out of descriptors: then the socket stays readable,
            // so back off briefly (still waking for stop()) instead of spinning.
            ::poll(&fds[1], 1, 100);
            continue;
        }
        try {
            _handler(connection, remote);
        } catch (...) {
            // The handler reports its own failures; the loop must keep accepting.
        }
    }
}

} // namespace toom::p2p::chat
