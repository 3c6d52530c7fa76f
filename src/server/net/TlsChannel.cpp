#include "server/net/TlsChannel.h"

#include "server/net/TlsServerContext.h"

#include <cerrno>
#include <cstring>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdexcept>

namespace toom {

TlsChannel::TlsChannel(const TlsServerContext& context, int fd) {
    ERR_clear_error();
    _ssl = SSL_new(context.native());
    if (!_ssl)
        throw std::runtime_error(takeOpenSslErrors("cannot make a TLS session"));
    if (SSL_set_fd(_ssl, fd) != 1) {
        SSL_free(_ssl);
        throw std::runtime_error(takeOpenSslErrors("cannot attach TLS to the socket"));
    }
    SSL_set_accept_state(_ssl);
}

TlsChannel::~TlsChannel() {
    SSL_free(_ssl); // The descriptor is not closed: its owner closes it.
}

// OpenSSL's error queue is per thread and outlives a call: each call starts with it empty, so
// that a failure here is described by its own errors, not by a neighbour connection's.
TlsChannel::Status TlsChannel::statusOf(int result) {
    const int code = SSL_get_error(_ssl, result);
    switch (code) {
    case SSL_ERROR_WANT_READ:
        return Status::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Status::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        return Status::Closed;
    case SSL_ERROR_SYSCALL:
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return Status::WantRead; // Not expected from OpenSSL 3; harmless if it comes.
        if (ERR_peek_error() == 0 && errno == 0)
            return Status::Closed; // The peer closed the stream without close_notify.
        _error = errno != 0 ? std::string(std::strerror(errno)) : takeOpenSslErrors("socket error");
        ERR_clear_error();
        return Status::Failed;
    default:
        _error = takeOpenSslErrors("TLS error " + std::to_string(code));
        return Status::Failed;
    }
}

TlsChannel::Status TlsChannel::handshake() {
    if (_established)
        return Status::Done;
    ERR_clear_error();
    errno = 0;
    const int result = SSL_do_handshake(_ssl);
    if (result == 1) {
        _established = true;
        return Status::Done;
    }
    const Status status = statusOf(result);
    if (status != Status::Closed)
        return status;
    _error = "the client closed the connection during the handshake";
    return Status::Failed;
}

TlsChannel::Result TlsChannel::read(char* buffer, std::size_t size) {
    ERR_clear_error();
    errno = 0;
    std::size_t got = 0;
    const int result = SSL_read_ex(_ssl, buffer, size, &got);
    if (result == 1)
        return {Status::Done, got};
    return {statusOf(result), 0};
}

TlsChannel::Result TlsChannel::write(const char* data, std::size_t size) {
    ERR_clear_error();
    errno = 0;
    std::size_t sent = 0;
    const int result = SSL_write_ex(_ssl, data, size, &sent);
    if (result == 1)
        return {Status::Done, sent};
    return {statusOf(result), 0};
}

bool TlsChannel::buffered() const {
    return SSL_has_pending(_ssl) == 1;
}

void TlsChannel::close() {
    if (!_established)
        return;
    ERR_clear_error();
    SSL_shutdown(_ssl); // One non-blocking try: the socket closes right after it.
    ERR_clear_error();
}

} // namespace toom
