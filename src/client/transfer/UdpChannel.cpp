#include "UdpChannel.h"

#include <Poco/Net/NetException.h>

#include <thread>

namespace toom::client::transfer {

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
    try {
        return _socket.sendTo(bytes.data(), static_cast<int>(bytes.size()), to) ==
               static_cast<int>(bytes.size());
    } catch (const Poco::Exception&) {
        // ENOBUFS, an unreachable network, a closed socket: the datagram is lost; the
        // protocol's retransmission and timeouts deal with it.
        return false;
    }
}

std::optional<ReceivedDatagram> UdpChannel::receiveFrom(char* buffer, std::size_t capacity,
                                                        std::chrono::microseconds timeout) {
    if (_closed) {
        // Sleep through the timeout so that a loop over a closed channel does not spin.
        std::this_thread::sleep_for(timeout);
        return std::nullopt;
    }
    try {
        if (!_socket.poll(Poco::Timespan(timeout.count()), Poco::Net::Socket::SELECT_READ))
            return std::nullopt;
        ReceivedDatagram received;
        int got = _socket.receiveFrom(buffer, static_cast<int>(capacity), received.from);
        if (got < 0)
            return std::nullopt;
        received.size = static_cast<std::size_t>(got);
        return received;
    } catch (const Poco::Exception&) {
        // ECONNREFUSED from an ICMP error, EINTR: nothing to read this time. Waiting out the
        // timeout keeps a persistently failing socket from turning the loop into a spin.
        std::this_thread::sleep_for(timeout);
        return std::nullopt;
    }
}

void UdpChannel::close() {
    if (_closed.exchange(true))
        return;
    try {
        _socket.close();
    } catch (const Poco::Exception&) {
    }
}

Poco::Net::SocketAddress UdpChannel::localAddress() const {
    return _socket.address();
}

} // namespace toom::client::transfer
