#pragma once
// Where transfer datagrams go in and out: a UDP socket in production (UdpChannel), a channel
// that loses, duplicates and reorders on purpose in tests and under --simulate-loss
// (LossyChannel). The transfer engine sees only this interface.

#include <Poco/Net/SocketAddress.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace toom::p2p::transfer {

/// One datagram taken from a channel.
struct ReceivedDatagram {
    std::size_t size = 0;          ///< Bytes written into the caller's buffer.
    Poco::Net::SocketAddress from; ///< Who sent it.
};

/// An unreliable datagram channel: what is sent may be lost, duplicated or reordered. Used by
/// one thread at a time, close() included: a socket closed under a thread that is waiting on it
/// is a race, so owners stop their loop first (FileInbox::stop, FileSender::cancel).
class DatagramChannel {
public:
    virtual ~DatagramChannel() = default;

    /// Sends one datagram to `to`. False when it certainly did not leave (the caller treats it
    /// like a loss: the protocol retransmits).
    virtual bool sendTo(std::string_view bytes, const Poco::Net::SocketAddress& to) = 0;

    /// Waits up to `timeout` (zero: just looks) for one datagram and copies it into `buffer`
    /// (cut to the buffer's size). Nothing on timeout or when the channel is closed.
    virtual std::optional<ReceivedDatagram> receiveFrom(char* buffer, std::size_t capacity,
                                                        std::chrono::microseconds timeout) = 0;

    /// Closes the channel; later calls send nothing and receive nothing.
    virtual void close() = 0;

    /// Bytes the kernel may hold for this channel before it drops datagrams (what the audience
    /// bases its flow-control window on); 0 when unknown or unlimited.
    virtual std::size_t receiveBufferBytes() const { return 0; }
};

/// True when both name the same IP address and port. Cheaper than SocketAddress's operator==,
/// which builds two IPAddress objects: the audience asks this of every datagram.
bool sameEndpoint(const Poco::Net::SocketAddress& a, const Poco::Net::SocketAddress& b);

} // namespace toom::p2p::transfer
