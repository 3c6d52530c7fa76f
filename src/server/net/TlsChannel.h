#pragma once
// TLS on one non-blocking server socket, as an event loop drives it: every call does what it
// can now and says what it waits for (the socket readable, or writable), never blocking. The
// connection that owns the socket (ClientConnection; another protocol's connection likewise)
// calls it instead of recv() and send() when its listener speaks TLS, so the plain path stays
// a plain system call.
//
// OpenSSL reads and writes the descriptor itself (SSL_set_fd); WANT_READ and WANT_WRITE are
// what it says when the socket would block. Either can come from either direction: a read may
// need to write (a handshake message to answer) and a write may need to read (a handshake not
// finished), which is why the results say which, and the owner asks the loop for that.
//
// One loop thread only, like the connection it belongs to. Does not own the descriptor.

#include <cstddef>
#include <string>

struct ssl_st;

namespace toom {

class TlsServerContext;

class TlsChannel {
public:
    enum class Status {
        Done,      ///< The call did its work (for read and write: `bytes` moved, at least 1).
        WantRead,  ///< Call again when the socket is readable.
        WantWrite, ///< Call again when the socket is writable.
        Closed,    ///< The peer ended the TLS session (close_notify) or the stream.
        Failed,    ///< A protocol or socket error (see error()); the connection is over.
    };
    struct Result {
        Status status = Status::Failed;
        std::size_t bytes = 0;
    };

    /// The server side of a TLS session on connected socket `fd` (non-blocking). Nothing is
    /// sent yet: the client speaks first. Throws std::runtime_error if OpenSSL cannot make one.
    TlsChannel(const TlsServerContext& context, int fd);
    ~TlsChannel();

    TlsChannel(const TlsChannel&) = delete;
    TlsChannel& operator=(const TlsChannel&) = delete;

    /// Goes on with the handshake; Done once it is complete (and from then on).
    Status handshake();
    bool established() const { return _established; }

    /// Reads decrypted bytes into `buffer` (at most `size`).
    Result read(char* buffer, std::size_t size);
    /// Encrypts and sends up to `size` bytes of `data`. After WantRead or WantWrite, call again
    /// with the same bytes (OpenSSL's rule for a write it has begun).
    Result write(const char* data, std::size_t size);

    /// Decrypted bytes are waiting inside OpenSSL: read() has more without the socket being
    /// readable again.
    bool buffered() const;

    /// Sends close_notify if it can at once (best effort; nothing waits for the peer's).
    void close();

    /// What went wrong, after Failed.
    const std::string& error() const { return _error; }

private:
    Status statusOf(int result);

    ssl_st* _ssl = nullptr;
    bool _established = false;
    std::string _error;
};

} // namespace toom
