#pragma once
// A DatagramChannel over a Poco UDP socket: either one the client bound at startup and hands
// over, or a fresh one bound here (the presenter uses a fresh ephemeral port per transfer).

#include "p2p/transfer/DatagramChannel.h"

#include <Poco/Net/DatagramSocket.h>

#include <atomic>

namespace toom::p2p::transfer {

class UdpChannel final : public DatagramChannel {
public:
    /// Socket buffer size asked for (the kernel caps it at net.core.rmem_max / wmem_max): a
    /// window of chunks arriving in a burst must fit, or the kernel drops the excess.
    static constexpr int kSocketBufferBytes = 4 * 1024 * 1024;

    /// Binds a new socket to `address` (port 0 for an ephemeral port). Throws
    /// Poco::Net::NetException if the address cannot be bound.
    explicit UdpChannel(const Poco::Net::SocketAddress& address);

    /// Uses an already bound socket. Poco sockets are shared handles: the caller may keep its
    /// copy, but close() here closes the socket for every holder.
    explicit UdpChannel(Poco::Net::DatagramSocket socket);

    bool sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) override;
    std::optional<ReceivedDatagram> receiveFrom(char* buffer, std::size_t capacity,
                                                std::chrono::microseconds timeout) override;
    void close() override;
    std::size_t receiveBufferBytes() const override;

    /// The address the socket is bound to (port included).
    Poco::Net::SocketAddress localAddress() const;

private:
    void enlargeBuffers();
    static std::optional<ReceivedDatagram> receiveNow(int fd, char* buffer, std::size_t capacity,
                                                      bool& failed);

    Poco::Net::DatagramSocket _socket;
    std::atomic<bool> _closed{false};
};

} // namespace toom::p2p::transfer
