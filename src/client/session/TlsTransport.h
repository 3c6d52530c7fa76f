#pragma once
// LineTransport over TLS (OpenSSL on a TCP socket): toom-client --tls, for a server's TLS port
// (tls.port). By default the server's certificate is verified against the system's trusted
// CAs and its name against the host the client was given; a self-signed server is trusted
// with a CA file of its own (--tls-ca), or verification is skipped (--tls-insecure).
//
// Two threads use a transport (the reader in receiveLine, the main thread in sendLine), and an
// OpenSSL session must never be used by two at once: every OpenSSL call is made under one
// mutex, on a non-blocking socket, and the waiting (poll) is done without it.

#include "client/session/LineTransport.h"
#include "common/LineFramer.h"
#include "common/Mutex.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <string>

struct ssl_st;

namespace toom::client {

/// The TLS connection failed: the handshake, or the verification of the server's certificate
/// (the message says which, and what to do about a self-signed one).
POCO_DECLARE_EXCEPTION(, TlsConnectException, Poco::IOException)

/// How the client checks the server.
struct TlsClientOptions {
    /// Verify the certificate (chain and host name). Off: anyone in the middle can read along.
    bool verify = true;
    /// PEM file of the CA (or the self-signed certificate) to trust instead of the system's.
    std::string caFile;
};

class TlsTransport : public LineTransport {
public:
    /// Connects to `host`:`port` and completes the TLS handshake, within `timeoutSeconds` in
    /// all. Throws Poco::Exception (Poco::Net::ConnectionRefusedException, TlsConnectException)
    /// on failure.
    TlsTransport(const std::string& host, int port, const TlsClientOptions& tls,
                 int timeoutSeconds = 10);
    ~TlsTransport() override;

    TlsTransport(const TlsTransport&) = delete;
    TlsTransport& operator=(const TlsTransport&) = delete;

    bool sendLine(std::string_view line) override;
    /// Waits for the next line. Over-long lines (more than 1 MiB) are skipped.
    std::optional<std::string> receiveLine() override;
    /// Shuts the socket down in both directions, which wakes a waiting receiveLine().
    void close() override;

    /// Our end of the connection: the local address the server is reached through.
    Poco::Net::SocketAddress localAddress() const { return _socket.address(); }

private:
    /// Names the host to check, then handshakes (blocking, until `deadline`).
    void handshake(const std::string& host, const TlsClientOptions& tls, int timeoutSeconds,
                   std::chrono::steady_clock::time_point deadline);
    /// Waits until the socket is ready for `events` (poll), at most `timeout` (negative:
    /// without limit). False when the connection is closed.
    bool waitFor(short events, int timeoutMillis);

    Poco::Net::StreamSocket _socket;
    /// The OpenSSL session; every use under _sslMutex.
    ssl_st* _ssl = nullptr;
    Mutex _sslMutex;
    /// Keeps two writers' lines from interleaving: held across a whole line's write, by design.
    Mutex _sendMutex;
    LineFramer _framer;
    std::deque<std::string> _lines; ///< Framed, not yet returned (the reader's own).
    std::atomic<bool> _closed{false};
};

} // namespace toom::client
