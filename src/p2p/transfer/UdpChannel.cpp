#include "p2p/transfer/UdpChannel.h"

#include <Poco/Net/NetException.h>

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <thread>

namespace toom::p2p::transfer {

UdpChannel::UdpChannel(const Poco::Net::SocketAddress& address)
    : _socket(address, false) {
    enlargeBuffers();
}

UdpChannel::UdpChannel(Poco::Net::DatagramSocket socket)
    : _socket(std::move(socket)) {
    enlargeBuffers();
}

void UdpChannel::enlargeBuffers() {
    // Best effort: the defaults (about 200 KiB) hold fewer than 100 chunks, so a sender's
    // window would overflow them; without the privilege to go past rmem_max the kernel keeps
    // the largest size it allows.
    try {
        _socket.setReceiveBufferSize(kSocketBufferBytes);
        _socket.setSendBufferSize(kSocketBufferBytes);
    } catch (const Poco::Exception&) {
    }
}

bool UdpChannel::sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) {
    if (_closed)
        return false;
    // ENOBUFS, an unreachable network: the datagram is lost, and the protocol's
    // retransmission and timeouts deal with it like with any other loss.
    ssize_t sent =
        ::sendto(_socket.impl()->sockfd(), bytes.data(), bytes.size(), 0, to.addr(), to.length());
    return sent == static_cast<ssize_t>(bytes.size());
}

std::optional<ReceivedDatagram> UdpChannel::receiveFrom(char* buffer, std::size_t capacity,
                                                        std::chrono::microseconds timeout) {
    if (_closed) {
        // Sleep through the timeout so that a loop over a closed channel does not spin.
        std::this_thread::sleep_for(timeout);
        return std::nullopt;
    }
    // Plain system calls rather than Poco's poll() (which sets up and tears down an epoll
    // instance on every call) and receiveFrom() (which throws on EAGAIN): while datagrams keep
    // coming, each costs a single non-blocking recvfrom; only an empty socket costs a ppoll.
    int fd = _socket.impl()->sockfd();
    bool failed = false;
    if (auto got = receiveNow(fd, buffer, capacity, failed); got || timeout.count() == 0)
        return got;
    if (!failed) {
        pollfd wanted{fd, POLLIN, 0};
        timespec wait{static_cast<time_t>(timeout.count() / 1'000'000),
                      static_cast<long>(timeout.count() % 1'000'000) * 1000};
        if (::ppoll(&wanted, 1, &wait, nullptr) <= 0)
            return std::nullopt;
        if (auto got = receiveNow(fd, buffer, capacity, failed))
            return got;
    }
    if (failed) // a broken descriptor would otherwise turn the caller's loop into a spin
        std::this_thread::sleep_for(timeout);
    return std::nullopt;
}

std::optional<ReceivedDatagram> UdpChannel::receiveNow(int fd, char* buffer, std::size_t capacity,
                                                       bool& failed) {
    sockaddr_storage from{};
    socklen_t fromLength = sizeof from;
    ssize_t got = ::recvfrom(fd, buffer, capacity, MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&from),
                             &fromLength);
    if (got < 0) {
        // Nothing queued, an interrupted call, or an ICMP error reported on the socket (it is
        // consumed by this call): none of them is fatal.
        failed = !(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ||
                   errno == ECONNREFUSED || errno == EHOSTUNREACH || errno == ENETUNREACH);
        return std::nullopt;
    }
    return ReceivedDatagram{
        static_cast<std::size_t>(got),
        Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&from), fromLength)};
}

void UdpChannel::close() {
    if (_closed.exchange(true))
        return;
    try {
        _socket.close();
    } catch (const Poco::Exception&) {
    }
}

std::size_t UdpChannel::receiveBufferBytes() const {
    try {
        // Linux reports (and charges against) twice the size that was set.
        return static_cast<std::size_t>(std::max(0, _socket.getReceiveBufferSize()));
    } catch (const Poco::Exception&) {
        return 0;
    }
}

Poco::Net::SocketAddress UdpChannel::localAddress() const {
    return _socket.address();
}

} // namespace toom::p2p::transfer
