#include "client/session/TlsTransport.h"

#include <Poco/Net/IPAddress.h>
#include <Poco/Timespan.h>

#include <memory>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdexcept>

namespace toom::client {

POCO_IMPLEMENT_EXCEPTION(TlsConnectException, Poco::IOException, "TLS error")

namespace {
constexpr std::size_t kMaxServerLine = 1 << 20; // As TcpTransport's.

std::string openSslErrors(const std::string& fallback) {
    std::string text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.empty())
            text += "; ";
        text += buffer;
    }
    return text.empty() ? fallback : text;
}

using Context = std::unique_ptr<SSL_CTX, void (*)(SSL_CTX*)>;

Context makeContext(const TlsClientOptions& tls) {
    Context ctx(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
    if (!ctx)
        throw TlsConnectException(openSslErrors("cannot make a TLS context"));
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_mode(ctx.get(),
                     SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (!tls.verify)
        return ctx;
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    if (!tls.caFile.empty()) {
        if (SSL_CTX_load_verify_locations(ctx.get(), tls.caFile.c_str(), nullptr) != 1)
            throw TlsConnectException("cannot read the CA file " + tls.caFile + ": " +
                                      openSslErrors("no PEM certificate in it"));
    } else if (SSL_CTX_set_default_verify_paths(ctx.get()) != 1) {
        throw TlsConnectException(openSslErrors("cannot load the system's trusted CAs"));
    }
    return ctx;
}
} // namespace

TlsTransport::TlsTransport(const std::string& host, int port, const TlsClientOptions& tls,
                           int timeoutSeconds)
    : _framer(kMaxServerLine) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    _socket.connect(Poco::Net::SocketAddress(host, static_cast<Poco::UInt16>(port)),
                    Poco::Timespan(timeoutSeconds, 0));
    _socket.setNoDelay(true);
    _socket.setBlocking(false);
    Context ctx = makeContext(tls);
    _ssl = SSL_new(ctx.get()); // Holds its own reference to the context.
    if (!_ssl)
        throw TlsConnectException(openSslErrors("cannot make a TLS session"));
    try {
        handshake(host, tls, timeoutSeconds, deadline);
    } catch (...) {
        SSL_free(_ssl); // No destructor runs for an object whose constructor threw.
        throw;
    }
}

void TlsTransport::handshake(const std::string& host, const TlsClientOptions& tls,
                             int timeoutSeconds, std::chrono::steady_clock::time_point deadline) {
    if (SSL_set_fd(_ssl, _socket.impl()->sockfd()) != 1)
        throw TlsConnectException(openSslErrors("cannot attach TLS to the socket"));
    // The name the certificate must carry: an IP address is matched against its IP entries, a
    // host name against its DNS names (and sent as SNI, for servers with several names).
    Poco::Net::IPAddress ip;
    const bool isIp = Poco::Net::IPAddress::tryParse(host, ip);
    if (!isIp)
        SSL_ctrl(_ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(host.c_str())); // SSL_set_tlsext_host_name, without its cast
    if (tls.verify) {
        const int named = isIp ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(_ssl), host.c_str())
                               : SSL_set1_host(_ssl, host.c_str());
        if (named != 1)
            throw TlsConnectException("cannot check the certificate against " + host);
    }
    SSL_set_connect_state(_ssl);
    for (;;) {
        ERR_clear_error();
        const int result = SSL_do_handshake(_ssl);
        if (result == 1)
            break;
        const int code = SSL_get_error(_ssl, result);
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if ((code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE) && left.count() > 0) {
            waitFor(code == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, static_cast<int>(left.count()));
            continue;
        }
        if (code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE)
            throw TlsConnectException("no TLS handshake with " + host + " within " +
                                      std::to_string(timeoutSeconds) + " s (is it a TLS port?)");
        const long verified = SSL_get_verify_result(_ssl);
        if (tls.verify && verified != X509_V_OK) {
            ERR_clear_error();
            throw TlsConnectException(
                "the server's certificate is not trusted: " +
                std::string(X509_verify_cert_error_string(verified)) +
                (tls.caFile.empty() ? " (for a self-signed server, give its certificate with "
                                      "--tls-ca FILE)"
                                    : " (checked against " + tls.caFile + ")"));
        }
        throw TlsConnectException("TLS handshake with " + host + " failed: " +
                                  openSslErrors("the connection was closed (is it a TLS port?)"));
    }
}

TlsTransport::~TlsTransport() {
    close();
    SSL_free(_ssl);
}

bool TlsTransport::waitFor(short events, int timeoutMillis) {
    pollfd entry{_socket.impl()->sockfd(), events, 0};
    const int ready = ::poll(&entry, 1, timeoutMillis);
    return !_closed && ready >= 0;
}

bool TlsTransport::sendLine(std::string_view line) {
    if (_closed)
        return false;
    std::string bytes(line);
    bytes += '\n';
    MutexLock order(_sendMutex);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        if (_closed)
            return false;
        int code = SSL_ERROR_NONE;
        {
            MutexLock lock(_sslMutex);
            ERR_clear_error();
            std::size_t n = 0;
            if (SSL_write_ex(_ssl, bytes.data() + sent, bytes.size() - sent, &n) == 1)
                sent += n;
            else
                code = SSL_get_error(_ssl, 0);
        }
        if (code == SSL_ERROR_NONE)
            continue;
        if (code == SSL_ERROR_WANT_WRITE)
            waitFor(POLLOUT, -1);
        else if (code == SSL_ERROR_WANT_READ)
            waitFor(POLLIN, 10); // The reader may take the record first: look again soon.
        else
            return false;
    }
    return true;
}

std::optional<std::string> TlsTransport::receiveLine() {
    char buffer[16 * 1024];
    std::vector<FramedLine> framed;
    while (_lines.empty()) {
        if (_closed)
            return std::nullopt;
        int code = SSL_ERROR_NONE;
        std::size_t n = 0;
        {
            MutexLock lock(_sslMutex);
            ERR_clear_error();
            if (SSL_read_ex(_ssl, buffer, sizeof buffer, &n) != 1)
                code = SSL_get_error(_ssl, 0);
        }
        if (code == SSL_ERROR_WANT_READ) {
            if (!waitFor(POLLIN, -1))
                return std::nullopt;
            continue;
        }
        if (code == SSL_ERROR_WANT_WRITE) {
            if (!waitFor(POLLOUT, -1))
                return std::nullopt;
            continue;
        }
        if (code != SSL_ERROR_NONE)
            return std::nullopt; // Closed, or an error: the connection is over either way.
        framed.clear();
        _framer.feed(std::string_view(buffer, n), framed);
        for (auto& unit : framed) {
            if (unit.kind == FramedLine::Kind::Line)
                _lines.push_back(std::move(unit.text));
        }
    }
    std::string line = std::move(_lines.front());
    _lines.pop_front();
    return line;
}

void TlsTransport::close() {
    if (_closed.exchange(true))
        return;
    {
        MutexLock lock(_sslMutex);
        ERR_clear_error();
        SSL_shutdown(_ssl); // close_notify if it goes out at once; nobody waits for the reply.
        ERR_clear_error();
    }
    // shutdown() rather than close(), as TcpTransport: the reader may be in poll() on it.
    try {
        _socket.shutdown();
    } catch (const Poco::Exception&) {
    }
}

} // namespace toom::client
